import { addDays, addMonths, isCalendarDate, isoTime, lastDayOfMonth, monthsBack, parseW3c, periodDays, periodFromWords, periodLabel, quarterOf, quartersBack, shanghaiDate, shanghaiDateTime, shanghaiDayStart, shanghaiTimeOn, w3cShanghai } from './time';

describe('time in Asia/Shanghai', () => {
  it('rolls the date over at 16:00 UTC, also around a year end', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(shanghaiDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
  });

  it('writes an instant exactly as toISOString does, padding and all, and refuses an invalid date the same way', () => {
    const instants = ['2026-01-02T03:04:05.006Z', '2026-12-31T23:59:59.999Z', '1000-01-01T00:00:00.070Z', '9999-12-31T23:59:59.900Z', '0999-12-31T23:59:59.000Z', '+010000-01-01T00:00:00.000Z'];
    for (const text of instants) expect(isoTime(new Date(text))).toBe(new Date(text).toISOString());
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_399_917) expect(isoTime(new Date(t))).toBe(new Date(t).toISOString());
    expect(() => isoTime(new Date('not a time'))).toThrow(RangeError);
  });

  it('shows the wall clock in Shanghai, whatever the machine zone', () => {
    expect(shanghaiDateTime('2026-11-28T14:49:59Z')).toBe('2026-11-28 22:49');
    expect(shanghaiDateTime(new Date('2026-11-28T16:05:00Z'))).toBe('2026-11-29 00:05');
    expect(shanghaiDateTime('not a time')).toBe('');
  });

  it('starts a Shanghai day at 16:00 UTC the day before', () => {
    expect(shanghaiDayStart('2026-03-02').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(new Date(shanghaiTimeOn('2027-01-15')).toISOString()).toBe('2027-01-15T10:00:00.000Z');
  });

  it('adds days across month ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows real dates and month ends', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-1')).toBe(false);
    expect(lastDayOfMonth(2028, 2)).toBe('2028-02-29');
    expect(lastDayOfMonth(2026, 13)).toBe('2027-01-31');
  });

  it('puts a Shanghai day in its quarter (the first hours of April are Q2 there, Q1 in UTC)', () => {
    expect(quarterOf('2026-03-31T16:30:00Z')).toBe('2026-Q2');
    expect(quarterOf('2026-03-31T15:30:00Z')).toBe('2026-Q1');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
  });

  it('adds months across year ends, both ways', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-03', -27)).toBe('2023-12');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
  });

  it('counts months and quarters back from a Shanghai day, newest first', () => {
    // 1 January 00:30 in Shanghai is still 31 December in UTC.
    const newYear = '2025-12-31T16:30:00Z';
    expect(monthsBack(newYear, 3)).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(quartersBack(newYear, 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
    expect(monthsBack('2026-11-29', 13).slice(-2)).toEqual(['2025-12', '2025-11']);
    expect(quartersBack('2026-11-29', 6)).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3']);
    expect(monthsBack('2026-11-29', 0)).toEqual([]);
  });

  it('names periods in words and knows their days', () => {
    expect(periodLabel('2026-Q3')).toBe('2026年第3季度');
    expect(periodLabel('2026-10')).toBe('2026年10月');
    expect(periodLabel('2026')).toBe('2026年');
    expect(periodDays('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodDays('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('reads a period back from the words a person types, and from its code', () => {
    const read: [string, string | null][] = [
      ['2026年第3季度', '2026-Q3'],
      ['2026年3季度', '2026-Q3'],
      ['2026 年第三季度', '2026-Q3'],
      ['2026-Q3', '2026-Q3'],
      ['2026q4', '2026-Q4'],
      ['2026年10月', '2026-10'],
      ['2026年3月', '2026-03'],
      ['2026.10', '2026-10'],
      ['2026-03', '2026-03'],
      ['2026年', '2026'],
      ['2026年度', '2026'],
      ['2026', '2026'],
      ['2026年第5季度', null],
      ['2026年13月', null],
      ['2026年0月', null],
      ['2026年3', null],
      ['三季度', null],
      ['', null],
    ];
    for (const [text, code] of read) expect({ text, code: periodFromWords(text) }).toEqual({ text, code });
    for (const code of ['2026-Q1', '2026-12', '2026']) expect(periodFromWords(periodLabel(code))).toBe(code);
  });

  it('writes W3C date-times in Shanghai with whole seconds, as Open311 clients parse them', () => {
    expect(w3cShanghai('2026-11-28T14:49:59.987Z')).toBe('2026-11-28T22:49:59+08:00');
    expect(w3cShanghai(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
  });

  it('reads the W3C dates clients send: offsets, Z, none (Shanghai), a date alone, an unencoded "+"', () => {
    expect(parseW3c('2026-03-01T08:00:00+08:00')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseW3c('2010-03-01T00:00:00Z')?.toISOString()).toBe('2010-03-01T00:00:00.000Z');
    expect(parseW3c('2026-03-01T08:00:00.5-0100')?.toISOString()).toBe('2026-03-01T09:00:00.500Z');
    expect(parseW3c('2026-03-01T08:00')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseW3c('2026-03-01')?.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(parseW3c('2026-03-01T08:00:00 08:00')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    for (const bad of ['2026-02-30', '2026-03-01T25:00:00Z', 'yesterday', '03-01-2010', '']) expect([bad, parseW3c(bad)]).toEqual([bad, null]);
  });
});
