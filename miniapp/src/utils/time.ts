const pad = (n: number) => String(n).padStart(2, '0');
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * "2026-11-28 22:49" in Asia/Shanghai (UTC+8, no daylight saving). Computed by hand: WeChat's JS engine on older
 * phones does not know time zones in Intl.
 */
export function formatShanghaiDateTime(iso: string): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return '';
  const d = new Date(time + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "2026-12-05" in Asia/Shanghai. */
export function formatShanghaiDate(iso: string): string {
  return formatShanghaiDateTime(iso).slice(0, 10);
}
