import { agreedTotals, allocationContent, allocationDraftOf } from './allocation';

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
