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

/** Houses given a share and the shares in all; entries that are not whole numbers are left out. */
export function agreedTotals(weights: Record<number, string>): { houses: number; shares: number } {
  const valid = Object.values(weights).filter((w) => /^\d+$/.test(w.trim()) && Number(w) > 0);
  return { houses: valid.length, shares: valid.reduce((a, w) => a + Number(w), 0) };
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
    const text = raw.trim();
    if (text === '') continue;
    if (!/^\d{1,6}$/.test(text) || Number(text) === 0) return { content: null, problem: `${labelOf(Number(id))} 的份额应为 1 到 999999 的整数` };
    fixedShares.push({ houseId: Number(id), weight: Number(text) });
  }
  if (!fixedShares.length) return { content: null, problem: '按约定份额分摊时，请至少给一户填写份额' };
  return { content: { method: 'fixed', buildingIds: undefined, fixedShares }, problem: null };
}
