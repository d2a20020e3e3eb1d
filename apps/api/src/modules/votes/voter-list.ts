import type { VoteVoter } from './vote-voter.entity';

/**
 * The frozen voter list of a vote: every house of the estate with its 专有部分面积 now, the verified owners (approved
 * owner bindings) who may cast its ballot, and the person it counts as for heads. Houses sharing an owner are one
 * person (解释第9条: one owner of several houses; co-owners of one house); a house without a verified owner counts as
 * its own. Pure: the service and the demo seed both freeze lists through it.
 */
export function voterRows(
  voteId: number,
  houses: readonly { id: number; floorAreaCenti: number }[],
  ownerBindings: readonly { houseId: number; userId: number }[],
): Omit<VoteVoter, 'id'>[] {
  const owners = new Map<number, number[]>();
  for (const b of ownerBindings) owners.set(b.houseId, [...(owners.get(b.houseId) ?? []), b.userId].sort((x, y) => x - y));
  // Union–find over owners, the smallest user id as each group's root.
  const parent = new Map<number, number>();
  const find = (u: number): number => {
    const p = parent.get(u) ?? u;
    if (p === u) return u;
    const root = find(p);
    parent.set(u, root);
    return root;
  };
  for (const ids of owners.values()) {
    for (const u of ids.slice(1)) {
      const [a, b] = [find(ids[0]), find(u)];
      if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
    }
  }
  return houses.map((h) => {
    const ids = owners.get(h.id) ?? [];
    return { voteId, houseId: h.id, areaCenti: h.floorAreaCenti, personKey: ids.length ? `u${find(ids[0])}` : `h${h.id}`, ownerIds: ids };
  });
}
