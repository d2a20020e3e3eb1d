import { splitByMonths } from './overview.service';

describe('a date range as whole months and loose days', () => {
  it('takes the whole months from the monthly rollups and the days at either end from the daily ones', () => {
    expect(splitByMonths('2026-01-15', '2026-04-10', '2026-11-29')).toEqual({ headDays: ['2026-01-15', '2026-01-31'], months: ['2026-02-01', '2026-03-01'], tailDays: ['2026-04-01', '2026-04-10'] });
  });
  it('a range of exact months has no loose days', () => {
    expect(splitByMonths('2026-01-01', '2026-12-31', '2026-11-29')).toEqual({ headDays: null, months: ['2026-01-01', '2026-12-01'], tailDays: null });
    expect(splitByMonths('2024-02-01', '2024-02-29', '2026-11-29')).toEqual({ headDays: null, months: ['2024-02-01', '2024-02-01'], tailDays: null });
  });
  it('a range without a whole month is all days', () => {
    expect(splitByMonths('2026-01-15', '2026-02-10', '2026-11-29')).toEqual({ headDays: ['2026-01-15', '2026-02-10'], months: null, tailDays: null });
    expect(splitByMonths('2026-03-01', '2026-03-30', '2026-11-29')).toEqual({ headDays: ['2026-03-01', '2026-03-30'], months: null, tailDays: null });
  });
  it('a range up to today takes this month whole (nothing is filed after today); one ending earlier does not', () => {
    expect(splitByMonths('2025-11-29', '2026-11-29', '2026-11-29')).toEqual({ headDays: ['2025-11-29', '2025-11-30'], months: ['2025-12-01', '2026-11-01'], tailDays: null });
    expect(splitByMonths('2026-11-03', '2026-11-29', '2026-11-29')).toEqual({ headDays: ['2026-11-03', '2026-11-29'], months: null, tailDays: null });
    expect(splitByMonths('2025-11-29', '2026-11-28', '2026-11-29')).toEqual({ headDays: ['2025-11-29', '2025-11-30'], months: ['2025-12-01', '2026-10-01'], tailDays: ['2026-11-01', '2026-11-28'] });
  });
});
