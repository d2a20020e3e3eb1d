import { voterRows } from './voter-list';

describe('the frozen voter list', () => {
  it('makes houses that share an owner one person, and a house without a verified owner its own', () => {
    const houses = [1, 2, 3, 4, 5].map((id) => ({ id, floorAreaCenti: 9000 + id }));
    // House 1: co-owners 20 and 10; house 2: owner 20 alone; house 3: owner 30 and 10 (linking it to 1 and 2); house 4: 40; house 5: nobody.
    const rows = voterRows(9, houses, [
      { houseId: 1, userId: 20 },
      { houseId: 1, userId: 10 },
      { houseId: 2, userId: 20 },
      { houseId: 3, userId: 30 },
      { houseId: 3, userId: 10 },
      { houseId: 4, userId: 40 },
    ]);
    expect(rows.map((r) => r.personKey)).toEqual(['u10', 'u10', 'u10', 'u40', 'h5']);
    expect(rows[0]).toEqual({ voteId: 9, houseId: 1, areaCenti: 9001, personKey: 'u10', ownerIds: [10, 20] });
    expect(rows[4].ownerIds).toEqual([]);
  });
});
