import { formatFen, formatYuan, parseYuanToFen } from './money';
import { floorAreaToNumber, formatFloorArea, parseFloorArea } from './area';

describe('money in fen', () => {
  it('formats with thousands separators and two decimals', () => {
    expect(formatFen(123456)).toBe('1,234.56');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-5)).toBe('-0.05');
    expect(formatFen(100000000)).toBe('1,000,000.00');
    expect(formatYuan(-123456)).toBe('-¥1,234.56');
  });

  it('parses decimal text exactly, never through floats', () => {
    expect(parseYuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(parseYuanToFen('1234.5')).toBe(123450);
    expect(parseYuanToFen('-3')).toBe(-300);
    expect(parseYuanToFen('1.234')).toBeNull();
    expect(parseYuanToFen('abc')).toBeNull();
  });

  it('refuses to format a non-integer amount', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
  });
});

describe('floor areas in hundredths of a m²', () => {
  it('parses numbers and text with up to two decimals', () => {
    expect(parseFloorArea(89.35)).toBe(8935);
    expect(parseFloorArea('118.7')).toBe(11870);
    expect(parseFloorArea(' 60 ')).toBe(6000);
    expect(parseFloorArea('0.01')).toBe(1);
  });

  it('refuses zero, negatives, three decimals and junk', () => {
    for (const bad of [0, -1, '88.123', 'abc', '', Number.NaN, Infinity]) expect(parseFloorArea(bad as number)).toBeNull();
  });

  it('formats back exactly', () => {
    expect(formatFloorArea(8935)).toBe('89.35');
    expect(formatFloorArea(6000)).toBe('60.00');
    expect(floorAreaToNumber(1)).toBe(0.01);
  });
});
