import { endedPeriods, parsePatrolCode, patrolCodeText, patrolPeriod } from './patrols';

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
