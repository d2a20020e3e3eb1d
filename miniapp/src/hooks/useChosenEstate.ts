import { useEffect, useState } from 'react';

/**
 * The estate a page shows among those the user may pick: the one already chosen while it stays among them, else
 * the one the link asked for, else the first. `estates` is null until they are known.
 */
export function useChosenEstate(estates: readonly { id: number }[] | null, asked: number) {
  const [communityId, setCommunityId] = useState<number | null>(null);
  const ids = estates ? estates.map((estate) => estate.id).join(',') : null;
  useEffect(() => {
    if (ids === null) return;
    const known = ids ? ids.split(',').map(Number) : [];
    setCommunityId((shown) => (shown !== null && known.includes(shown) ? shown : known.includes(asked) ? asked : (known[0] ?? null)));
  }, [ids, asked]);
  return [communityId, setCommunityId] as const;
}
