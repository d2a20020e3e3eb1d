import { decodeCursor, encodeCursor } from './pagination';
import { addDays, isCalendarDate, shanghaiDate } from './time';

describe('cursors', () => {
  it('round-trip their values', () => {
    expect(decodeCursor(encodeCursor([42, 'x']), 2)).toEqual([42, 'x']);
  });

  it.each(['', 'not-base64!', encodeCursor([1]), Buffer.from('{"a":1}').toString('base64url'), encodeCursor([{}] as never)])('refuse %p', (bad) => {
    expect(() => decodeCursor(bad, 2)).toThrow(expect.objectContaining({ code: 'BAD_CURSOR', statusCode: 400 }));
  });
});

describe('dates in Asia/Shanghai', () => {
  it('roll over at 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(shanghaiDate(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('add days across month ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('know real dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-1')).toBe(false);
  });
});
