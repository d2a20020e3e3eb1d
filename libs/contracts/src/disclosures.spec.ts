import { allocateLargestRemainder, canonicalJson } from './disclosures';

describe('largest-remainder allocation', () => {
  it('adds up to the total exactly for awkward totals and areas', () => {
    const areas = [8935, 11876, 6852, 14395, 9618, 10523, 7936];
    for (const total of [1, 7, 100, 99999, 123457, 1_000_000_001]) {
      const shares = allocateLargestRemainder(total, areas);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      const sum = areas.reduce((a, b) => a + b, 0);
      shares.forEach((s, i) => expect(Math.abs(s - (total * areas[i]) / sum)).toBeLessThan(1));
    }
  });

  it('gives the leftover fen to the largest remainders, ties to the earlier house', () => {
    expect(allocateLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocateLargestRemainder(10, [1, 2])).toEqual([3, 7]);
    expect(allocateLargestRemainder(0, [5, 5])).toEqual([0, 0]);
  });

  it('stays exact where floating point would not (large totals × large areas)', () => {
    const shares = allocateLargestRemainder(9_007_199_254_740, [3, 3, 3]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(9_007_199_254_740);
  });

  it('refuses nonsense', () => {
    expect(() => allocateLargestRemainder(10, [])).toThrow();
    expect(() => allocateLargestRemainder(10, [0, 0])).toThrow();
    expect(() => allocateLargestRemainder(-1, [1])).toThrow();
    expect(() => allocateLargestRemainder(1.5, [1])).toThrow();
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined, so equal data hashes equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[2,{"y":null,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
});
