import { displayFen, fenToYuanInput, parseYuanInput } from './money';

describe('fen ↔ yuan in the editor', () => {
  it('shows fen as yuan with two decimals for editing', () => {
    expect(fenToYuanInput(123456)).toBe('1234.56');
    expect(fenToYuanInput(5)).toBe('0.05');
    expect(fenToYuanInput(100)).toBe('1.00');
    expect(fenToYuanInput(0)).toBe('0.00');
    expect(fenToYuanInput(-5)).toBe('-0.05');
  });

  it('parses what the manager typed exactly, where floats would be off by a fen', () => {
    // 0.29 * 100 = 28.999999999999996 and 1.13 * 100 = 112.99999999999999 in floating point.
    expect(parseYuanInput('0.29')).toEqual({ fen: 29, error: null });
    expect(parseYuanInput('1.13')).toEqual({ fen: 113, error: null });
    expect(parseYuanInput('4.35')).toEqual({ fen: 435, error: null });
    expect(parseYuanInput('1234.5')).toEqual({ fen: 123450, error: null });
    expect(parseYuanInput('¥1,234.56')).toEqual({ fen: 123456, error: null });
    expect(parseYuanInput(' 12 ')).toEqual({ fen: 1200, error: null });
    expect(parseYuanInput('99999999999.99')).toEqual({ fen: 9999999999999, error: null });
  });

  it('round-trips every amount it shows', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 123456, 1000000007, 9999999999999]) {
      expect(parseYuanInput(fenToYuanInput(fen)).fen).toBe(fen);
    }
  });

  it('refuses what is not an amount, with a sentence for the field', () => {
    expect(parseYuanInput('')).toEqual({ fen: null, error: '请填写金额' });
    expect(parseYuanInput('1.234')).toEqual({ fen: null, error: '金额最多两位小数（到分）' });
    expect(parseYuanInput('-3')).toEqual({ fen: null, error: '金额不能为负数' });
    expect(parseYuanInput('-3', { allowNegative: true })).toEqual({ fen: -300, error: null });
    expect(parseYuanInput('12元').error).toBe('请填写正确的金额，例如 1234.56');
    expect(parseYuanInput('1e5').error).toBe('请填写正确的金额，例如 1234.56');
  });

  it('displays fen as ¥ with thousands separators', () => {
    expect(displayFen(123456)).toBe('¥1,234.56');
    expect(displayFen(100000000)).toBe('¥1,000,000.00');
    expect(displayFen(-5)).toBe('-¥0.05');
    expect(displayFen(null)).toBe('—');
  });
});
