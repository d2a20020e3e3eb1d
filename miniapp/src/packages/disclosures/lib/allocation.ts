import type { AllocationMethod, DisclosureContent } from '@wuye/contracts';

/**
 * How a shared cost (公摊) is shared, as the manager edits it: the method, the buildings (none chosen: the whole
 * estate) and, for agreed shares, the share typed for each house (blank: the house does not pay).
 */
export interface AllocationDraft {
  method: AllocationMethod;
  buildingIds: number[];
  weights: Record<number, string>;
}

export function allocationDraftOf(content: DisclosureContent): AllocationDraft {
  return {
    method: content.method ?? 'area',
    buildingIds: content.buildingIds ?? [],
    weights: Object.fromEntries((content.fixedShares ?? []).map((s) => [s.houseId, String(s.weight)])),
  };
}

/** What a typed share must be (the API takes any positive whole number; six digits is plenty on a phone). */
export const SHARE_RULE = '份额应为 1 到 999999 的整数';

/** A typed share: its weight, null when left blank (the house does not pay), or 'bad'. */
export function readShare(text: string | undefined): number | null | 'bad' {
  const t = (text ?? '').trim();
  if (t === '') return null;
  return /^\d{1,6}$/.test(t) && Number(t) > 0 ? Number(t) : 'bad';
}

/** Houses given a share and the shares in all; entries that are not shares are left out. */
export function agreedTotals(weights: Record<number, string>): { houses: number; shares: number } {
  const valid = Object.values(weights)
    .map(readShare)
    .filter((w): w is number => typeof w === 'number');
  return { houses: valid.length, shares: valid.reduce((a, w) => a + w, 0) };
}

/**
 * The content fields of a draft allocation, or the first problem in words. `labelOf` names a house for the
 * message ("3栋1单元1201").
 */
export function allocationContent(
  draft: AllocationDraft,
  labelOf: (houseId: number) => string,
): { content: Pick<DisclosureContent, 'method' | 'buildingIds' | 'fixedShares'>; problem: null } | { content: null; problem: string } {
  if (draft.method !== 'fixed') {
    return { content: { method: draft.method, buildingIds: draft.buildingIds.length ? draft.buildingIds : undefined, fixedShares: undefined }, problem: null };
  }
  const fixedShares: { houseId: number; weight: number }[] = [];
  for (const [id, raw] of Object.entries(draft.weights)) {
    const weight = readShare(raw);
    if (weight === 'bad') return { content: null, problem: `${labelOf(Number(id))} 的${SHARE_RULE}` };
    if (weight !== null) fixedShares.push({ houseId: Number(id), weight });
  }
  if (!fixedShares.length) return { content: null, problem: '按约定份额分摊时，请至少给一户填写份额' };
  return { content: { method: 'fixed', buildingIds: undefined, fixedShares }, problem: null };
}
