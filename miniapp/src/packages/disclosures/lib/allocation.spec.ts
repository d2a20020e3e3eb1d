import { agreedTotals, allocationContent, allocationDraftOf, allocationRows } from './allocation';

const label = (id: number) => `3栋1单元${id}`;

describe('allocation drafts', () => {
  it('reads a saved allocation back into the editor, area over the whole estate when nothing is set', () => {
    expect(allocationDraftOf({})).toEqual({ method: 'area', buildingIds: [], weights: {} });
    expect(allocationDraftOf({ method: 'fixed', fixedShares: [{ houseId: 7, weight: 3 }] })).toEqual({ method: 'fixed', buildingIds: [], weights: { 7: '3' } });
  });

  it('sends chosen buildings, or none for the whole estate, and no agreed shares unless the method is fixed', () => {
    expect(allocationContent({ method: 'household', buildingIds: [2, 5], weights: { 7: '3' } }, label)).toEqual({
      content: { method: 'household', buildingIds: [2, 5], fixedShares: undefined },
      problem: null,
    });
    expect(allocationContent({ method: 'area', buildingIds: [], weights: {} }, label).content).toEqual({ method: 'area', buildingIds: undefined, fixedShares: undefined });
  });

  it('sends the houses given a share; blank ones do not pay', () => {
    expect(allocationContent({ method: 'fixed', buildingIds: [2], weights: { 7: '3', 8: '', 9: ' 1 ' } }, label)).toEqual({
      content: { method: 'fixed', buildingIds: undefined, fixedShares: [{ houseId: 7, weight: 3 }, { houseId: 9, weight: 1 }] },
      problem: null,
    });
  });

  it.each(['0', '1.5', '-2', '一', '1234567'])('refuses a share of %j, naming the house', (weight) => {
    expect(allocationContent({ method: 'fixed', buildingIds: [], weights: { 7: '2', 1201: weight } }, label)).toEqual({ content: null, problem: '3栋1单元1201 的份额应为 1 到 999999 的整数' });
  });

  it('refuses agreed shares with no house given one', () => {
    expect(allocationContent({ method: 'fixed', buildingIds: [], weights: { 7: '' } }, label).problem).toBe('按约定份额分摊时，请至少给一户填写份额');
  });

  it('counts the houses and shares typed so far, leaving out what is not a share', () => {
    expect(agreedTotals({ 1: '3', 2: '', 3: '2', 4: 'x', 5: '0' })).toEqual({ houses: 2, shares: 5 });
  });
});

describe('allocation in words', () => {
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
