import type { MeView, MyHouse } from '@wuye/contracts';

/** The houses the resident may report from: approved bindings only. */
export function approvedHouses(me: Pick<MeView, 'houses'>): MyHouse[] {
  return me.houses.filter((house) => house.state === 'approved');
}

/** The estates of the resident's approved houses, each once, in the order of the houses. */
export function residentCommunities(me: Pick<MeView, 'houses'>): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const house of approvedHouses(me)) if (!seen.has(house.communityId)) seen.set(house.communityId, house.communityName);
  return [...seen].map(([id, name]) => ({ id, name }));
}
