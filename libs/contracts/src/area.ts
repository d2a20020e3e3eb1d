/**
 * Floor areas (建筑面积) are m² with two decimals. They take part in cost sharing, so the API and the database
 * carry them as integer hundredths of a m² ("centi-m²"); these helpers convert exactly, without float drift.
 */

/** 89.35 or "89.35" → 8935; null when not a positive area with at most two decimals. */
export function parseFloorArea(value: number | string): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const centi = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return centi > 0 ? centi : null;
}

/** 8935 → "89.35". */
export function formatFloorArea(centi: number): string {
  return `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
}

/** 8935 → 89.35 as a JSON number (exact to two decimals for display and input round trips). */
export function floorAreaToNumber(centi: number): number {
  return Number(formatFloorArea(centi));
}
