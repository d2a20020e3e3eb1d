import { addDays, isCalendarDate, lastDayOfMonth, periodDays, periodLabel, quarterOf, shanghaiDate, shanghaiDateTime, shanghaiDayStart, shanghaiTimeOn } from './time';

describe('time in Asia/Shanghai', () => {
  it('rolls the date over at 16:00 UTC, also around a year end', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
    expect(shanghaiDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
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

  it('names periods in words and knows their days', () => {
    expect(periodLabel('2026-Q3')).toBe('2026年第3季度');
    expect(periodLabel('2026-10')).toBe('2026年10月');
    expect(periodLabel('2026')).toBe('2026年');
    expect(periodDays('2026-Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(periodDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(periodDays('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});
