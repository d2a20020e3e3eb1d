import { PATROL_CHECK_SYNC_MINUTES, endedPeriods, inPatrolWindow, parsePatrolCode, patrolCodeText, patrolPeriod, patrolPlanSpans, patrolRound, patrolRoundInProgress, sentInTime, spanGoverns, type PatrolFrequency } from './patrols';

describe('patrol periods (Asia/Shanghai days)', () => {
  it('puts a day in its day, its Monday–Sunday week and its month', () => {
    expect(patrolPeriod('daily', '2026-12-06')).toEqual({ from: '2026-12-06', to: '2026-12-06' });
    // 2026-12-06 is a Sunday; 2026-12-07 a Monday.
    expect(patrolPeriod('weekly', '2026-12-06')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(patrolPeriod('weekly', '2026-12-07')).toEqual({ from: '2026-12-07', to: '2026-12-13' });
    expect(patrolPeriod('monthly', '2024-02-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('counts only the periods that ended in the range before today, each in the month it ends', () => {
    expect(endedPeriods('daily', '2026-12-01', '2026-12-31', '2026-12-04').map((p) => p.from)).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    // The week of 30 Nov – 6 Dec ends in December; the one ending 29 Nov belongs to November.
    expect(endedPeriods('weekly', '2026-12-01', '2026-12-31', '2027-01-05')).toEqual([
      { from: '2026-11-30', to: '2026-12-06' },
      { from: '2026-12-07', to: '2026-12-13' },
      { from: '2026-12-14', to: '2026-12-20' },
      { from: '2026-12-21', to: '2026-12-27' },
    ]);
    expect(endedPeriods('monthly', '2026-11-01', '2026-11-30', '2026-11-30')).toEqual([]);
    expect(endedPeriods('monthly', '2026-11-01', '2026-11-30', '2026-12-01')).toEqual([{ from: '2026-11-01', to: '2026-11-30' }]);
  });

  it('reads back the printed code, and nothing else', () => {
    expect(parsePatrolCode(patrolCodeText(12, '0123456789abcdef'))).toEqual({ pointId: 12, code: '0123456789abcdef' });
    expect(parsePatrolCode('WYPATROL:12:XYZ')).toBeNull();
    expect(parsePatrolCode('https://example.cn')).toBeNull();
  });
});

describe('a round and the plan’s time window (Asia/Shanghai wall clock)', () => {
  const plan = { windowStart: '08:00', windowEnd: '10:00' };
  const day = { from: '2026-12-03', to: '2026-12-03' };
  /** A check made at `time` on the phone and received `sentAfter` minutes later. */
  const at = (time: string, date = '2026-12-03', sentAfter = 1) => {
    const checkedAt = new Date(`${date}T${time}:00+08:00`);
    return { checkedAt, createdAt: new Date(checkedAt.getTime() + sentAfter * 60_000) };
  };

  it('counts a check inside the window, both ends to the minute, by Shanghai time and not UTC', () => {
    expect(inPatrolWindow(new Date('2026-12-03T08:00:00+08:00'), plan)).toBe(true);
    expect(inPatrolWindow(new Date('2026-12-03T10:00:59+08:00'), plan)).toBe(true);
    expect(inPatrolWindow(new Date('2026-12-03T10:01:00+08:00'), plan)).toBe(false);
    expect(inPatrolWindow(new Date('2026-12-03T07:59:59+08:00'), plan)).toBe(false);
    // 01:30 UTC is 09:30 in Shanghai.
    expect(inPatrolWindow('2026-12-03T01:30:00.000Z', plan)).toBe(true);
  });

  it('is done with a check in the window, late (超时巡检) with checks only outside it, missed with none', () => {
    expect(patrolRound([at('09:00')], day, plan)).toEqual({ outcome: 'done', check: at('09:00') });
    expect(patrolRound([at('13:30')], day, plan)).toEqual({ outcome: 'late', check: at('13:30') });
    // A late check and one in the window: done, citing the one in the window.
    expect(patrolRound([at('07:00'), at('09:45'), at('20:00')], day, plan)).toEqual({ outcome: 'done', check: at('09:45') });
    // Checks of other days do not count for this one, even in the window.
    expect(patrolRound([at('09:00', '2026-12-02'), at('09:00', '2026-12-04')], day, plan)).toEqual({ outcome: 'missed', check: null });
    expect(patrolRound([], day, plan).outcome).toBe('missed');
  });

  it('trusts the time on the phone only when the check arrived within PATROL_CHECK_SYNC_MINUTES of it (补录 is late)', () => {
    expect(sentInTime(at('09:00', '2026-12-03', PATROL_CHECK_SYNC_MINUTES))).toBe(true);
    expect(sentInTime(at('09:00', '2026-12-03', PATROL_CHECK_SYNC_MINUTES + 1))).toBe(false);
    // Offline in the basement at 09:00, sent at 10:30 once back in signal: done.
    expect(patrolRound([at('09:00', '2026-12-03', 90)], day, plan).outcome).toBe('done');
    // Claimed 09:00 in the window, sent two days later to fill a missed round: kept in its round, but late.
    const backDated = at('09:00', '2026-12-03', 2 * 24 * 60);
    expect(patrolRound([backDated], day, plan)).toEqual({ outcome: 'late', check: backDated });
    // A round with a back-dated check and a real one in the window is done, citing the real one.
    expect(patrolRound([backDated, at('09:30')], day, plan)).toEqual({ outcome: 'done', check: at('09:30') });
  });
});

describe('plan edits never change the period in progress (2026-12-07 is a Monday)', () => {
  const version = (frequency: PatrolFrequency, pointIds: number[], replacedOn: string | null) => ({ frequency, pointIds, windowStart: '08:00', windowEnd: '10:00', replacedOn });
  /** Which version (by its first point id) sets the round of each period. */
  const governing = (chain: ReturnType<typeof version>[], startsOn: string, period: { from: string; to: string }) =>
    patrolPlanSpans(chain, startsOn)
      .filter((s) => patrolPeriod(s.version.frequency, period.from).from === period.from && patrolPeriod(s.version.frequency, period.from).to === period.to && spanGoverns(s, period, startsOn))
      .map((s) => s.version.pointIds[0]);

  it('a point dropped on a Wednesday is still due that week, and gone from the next', () => {
    const chain = [version('weekly', [1, 2], '2026-12-09'), version('weekly', [3], null)];
    expect(patrolPlanSpans(chain, '2026-11-02').map(({ from, until }) => ({ from, until }))).toEqual([
      { from: '2026-11-02', until: '2026-12-13' },
      { from: '2026-12-14', until: null },
    ]);
    expect(governing(chain, '2026-11-02', { from: '2026-12-07', to: '2026-12-13' })).toEqual([1]);
    expect(governing(chain, '2026-11-02', { from: '2026-12-14', to: '2026-12-20' })).toEqual([3]);
    // On the Friday, staff still see the week's round with both points.
    expect(patrolRoundInProgress(patrolPlanSpans(chain, '2026-11-02'), '2026-11-02', '2026-12-11')).toEqual({ version: chain[0], period: { from: '2026-12-07', to: '2026-12-13' } });
  });

  it('a daily plan edited today keeps today’s round; a monthly one keeps the month', () => {
    const daily = [version('daily', [1, 2], '2026-12-09'), version('daily', [3], null)];
    expect(governing(daily, '2026-12-01', { from: '2026-12-09', to: '2026-12-09' })).toEqual([1]);
    expect(governing(daily, '2026-12-01', { from: '2026-12-10', to: '2026-12-10' })).toEqual([3]);
    const monthly = [version('monthly', [1], '2026-12-10'), version('monthly', [3], null)];
    expect(patrolPlanSpans(monthly, '2026-01-01').map((s) => s.from)).toEqual(['2026-01-01', '2027-01-01']);
  });

  it('leaves no gap when the frequency changes mid-period, and adds no extra round', () => {
    // Daily to weekly on Wednesday: Monday to Wednesday stay daily; the week's round is owed (those days' checks fill it).
    const widened = [version('daily', [1], '2026-12-09'), version('weekly', [3], null)];
    expect(governing(widened, '2026-12-01', { from: '2026-12-09', to: '2026-12-09' })).toEqual([1]);
    expect(governing(widened, '2026-12-01', { from: '2026-12-10', to: '2026-12-10' })).toEqual([]);
    expect(governing(widened, '2026-12-01', { from: '2026-12-07', to: '2026-12-13' })).toEqual([3]);
    // Weekly to daily on Wednesday: the week stays weekly; the days start next Monday.
    const narrowed = [version('weekly', [1], '2026-12-09'), version('daily', [3], null)];
    expect(governing(narrowed, '2026-12-01', { from: '2026-12-07', to: '2026-12-13' })).toEqual([1]);
    expect(governing(narrowed, '2026-12-01', { from: '2026-12-10', to: '2026-12-10' })).toEqual([]);
    expect(governing(narrowed, '2026-12-01', { from: '2026-12-14', to: '2026-12-14' })).toEqual([3]);
  });

  it('an edit replaced again before it took effect never counts: flipping daily → weekly → daily in a day owes every day', () => {
    const flipped = [version('daily', [1], '2026-12-08'), version('weekly', [2], '2026-12-08'), version('daily', [3], null)];
    expect(patrolPlanSpans(flipped, '2026-12-01').map((s) => s.version.pointIds[0])).toEqual([1, 3]);
    for (const day of ['2026-12-08', '2026-12-09', '2026-12-13']) expect(governing(flipped, '2026-12-01', { from: day, to: day })).toHaveLength(1);
    expect(governing(flipped, '2026-12-01', { from: '2026-12-07', to: '2026-12-13' })).toEqual([]);
    // Two edits in one week: the week keeps the first version, the next week takes the last.
    const twice = [version('weekly', [1], '2026-12-08'), version('weekly', [2], '2026-12-10'), version('weekly', [3], null)];
    expect(patrolPlanSpans(twice, '2026-11-02').map((s) => [s.version.pointIds[0], s.from])).toEqual([
      [1, '2026-11-02'],
      [3, '2026-12-14'],
    ]);
  });

  it('a weekly plan made on a Wednesday owes nothing until Monday', () => {
    const spans = patrolPlanSpans([version('weekly', [1], null)], '2026-12-09');
    expect(patrolRoundInProgress(spans, '2026-12-09', '2026-12-11')).toBeNull();
    expect(patrolRoundInProgress(spans, '2026-12-09', '2026-12-14')?.period).toEqual({ from: '2026-12-14', to: '2026-12-20' });
  });
});
