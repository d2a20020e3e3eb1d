import { useEffect, useState } from 'react';
import type { MeView } from '@wuye/contracts';

export interface OwnEstate {
  id: number;
  name: string;
}

/**
 * The estates a resident has an approved house in, and the one the page shows: the estate a share card opened when
 * it is theirs, else the first. `opened` is undefined while the page is still finding out which estate a card
 * opened (nothing is chosen until then), null when the page was not opened from a card.
 */
export function useOwnEstate(me: MeView | null, opened: number | null | undefined = null) {
  const estates: OwnEstate[] = me ? [...new Map(me.houses.filter((h) => h.state === 'approved').map((h) => [h.communityId, { id: h.communityId, name: h.communityName }])).values()] : [];
  const [communityId, setCommunityId] = useState<number | null>(null);
  const preferred = opened != null && estates.some((e) => e.id === opened) ? opened : (estates[0]?.id ?? null);
  useEffect(() => {
    if (opened !== undefined) setCommunityId((shown) => shown ?? preferred);
  }, [opened, preferred]);
  return { estates, communityId, choose: setCommunityId };
}
