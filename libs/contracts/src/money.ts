/** Money is an integer number of fen (分) everywhere; these helpers format and parse it at the edges only. */

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 123456 → "1,234.56"; -5 → "-0.05". */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${groupThousands(String(yuan))}.${cents}`;
}

/** 123456 → "¥1,234.56". */
export function formatYuan(fen: number): string {
  const text = formatFen(fen);
  return text.startsWith('-') ? `-¥${text.slice(1)}` : `¥${text}`;
}

/** "1234.5" → 123450. Exact decimal parsing, never through floats. Returns null for anything that is not an amount. */
export function parseYuanToFen(text: string): number | null {
  const match = /^\s*(-)?(\d{1,13})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  const [, minus, whole, frac = ''] = match;
  const fen = Number(whole) * 100 + Number(frac.padEnd(2, '0'));
  return minus ? -fen : fen;
}
