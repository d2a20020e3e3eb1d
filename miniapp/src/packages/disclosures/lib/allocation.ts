import { ALLOCATION_METHOD_LABELS, formatYuan, type AllocationMethod, type AllocationSummary, type DisclosureContent } from '@wuye/contracts';

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

/** "约 ¥0.0213": what one unit costs, to four decimals of a yuan when below a fen's worth of precision. */
function approxYuan(fen: number): string {
  return fen >= 100 ? `约 ${formatYuan(Math.round(fen))}` : `约 ¥${(fen / 100).toFixed(4)}`;
}

export interface AllocationRow {
  key: string;
  label: string;
  text: string;
}

/** A shared cost's allocation in words: method, scope, houses, and what one unit of it costs. */
export function allocationRows(a: AllocationSummary, totalFen: number): AllocationRow[] {
  const rows: AllocationRow[] = [
    { key: 'method', label: '分摊方式', text: ALLOCATION_METHOD_LABELS[a.method] },
    { key: 'scope', label: '分摊范围', text: a.buildings ? a.buildings.join('、') : a.method === 'fixed' ? '有约定份额的房屋' : '全小区' },
    { key: 'houses', label: '参与分摊', text: `${a.houses} 户` },
  ];
  if (a.houses === 0 || a.weightTotal === 0) return rows;
  if (a.method === 'area') {
    rows.push({ key: 'weight', label: '建筑面积合计', text: `${(a.weightTotal / 100).toFixed(2)}㎡` });
    rows.push({ key: 'unit', label: '每平方米', text: approxYuan((totalFen * 100) / a.weightTotal) });
  } else if (a.method === 'household') {
    rows.push({ key: 'unit', label: '每户', text: approxYuan(totalFen / a.houses) });
  } else {
    rows.push({ key: 'weight', label: '约定份额合计', text: `${a.weightTotal} 份` });
    rows.push({ key: 'unit', label: '每份', text: approxYuan(totalFen / a.weightTotal) });
  }
  return rows;
}
