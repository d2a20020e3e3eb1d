import { DISCLOSURE_STEPS, DISCLOSURE_TRANSITIONS } from './disclosure-schema';
import { allocateLargestRemainder, allocationRows, canonicalJson, shareBasis } from './disclosures';

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

describe('a shared cost’s allocation in words', () => {
  const texts = (rows: { label: string; text: string }[]) => rows.map((r) => `${r.label} ${r.text}`);

  it('by area: the floor area and the cost of one m², to four decimals when under a fen', () => {
    expect(texts(allocationRows({ method: 'area', buildings: null, houses: 120, weightTotal: 1100000 }, 50000))).toEqual([
      '分摊方式 按建筑面积分摊',
      '分摊范围 全小区',
      '参与分摊 120 户',
      '建筑面积合计 11000.00㎡',
      '每平方米 约 ¥0.0455',
    ]);
  });

  it('per household over chosen buildings', () => {
    expect(texts(allocationRows({ method: 'household', buildings: ['1栋', '2栋'], houses: 7, weightTotal: 7 }, 7001))).toEqual([
      '分摊方式 按户均摊',
      '分摊范围 1栋、2栋',
      '参与分摊 7 户',
      '每户 约 ¥10.00',
    ]);
  });

  it('by agreed shares', () => {
    expect(texts(allocationRows({ method: 'fixed', buildings: null, houses: 3, weightTotal: 5 }, 1001))).toEqual([
      '分摊方式 按约定份额分摊',
      '分摊范围 有约定份额的房屋',
      '参与分摊 3 户',
      '约定份额合计 5 份',
      '每份 约 ¥2.00',
    ]);
  });

  it('no house in scope: no unit cost (nothing to divide by)', () => {
    expect(texts(allocationRows({ method: 'area', buildings: ['9栋'], houses: 0, weightTotal: 0 }, 1000))).toEqual(['分摊方式 按建筑面积分摊', '分摊范围 9栋', '参与分摊 0 户']);
  });
});

describe('shareBasis', () => {
  it('says what one house’s weight is', () => {
    expect([shareBasis('area', 8936), shareBasis('household', 1), shareBasis('fixed', 3)]).toEqual(['建筑面积 89.36㎡', '按户均摊', '约定份额 3']);
  });
});

describe('DISCLOSURE_TRANSITIONS: a published version never changes', () => {
  const published = (state: string) => state === 'published' || state === 'superseded';

  it('lets only a correction (a new version), a question and its answer start from a published or superseded one', () => {
    expect(DISCLOSURE_STEPS.filter((step) => DISCLOSURE_TRANSITIONS[step].from.some(published))).toEqual(['correct', 'ask', 'answerQuestion']);
  });

  it('moves a published version to no other state', () => {
    expect(DISCLOSURE_STEPS.filter((step) => DISCLOSURE_TRANSITIONS[step].from.some(published) && DISCLOSURE_TRANSITIONS[step].to !== undefined)).toEqual([]);
  });
});
