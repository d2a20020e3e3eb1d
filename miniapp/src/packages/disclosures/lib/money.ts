import { formatYuan, parseYuanToFen } from '@wuye/contracts';

/**
 * Money in the editor: typed as yuan with at most 2 decimals, kept and sent as integer fen. The text is parsed
 * digit by digit (never through a float), so "0.29" is 29 fen and "1234.56" is 123456 fen exactly.
 */

/** 123456 → "1234.56", 5 → "0.05", -5 → "-0.05": what an edit field shows for an amount. */
export function fenToYuanInput(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export type YuanParse = { fen: number; error: null } | { fen: null; error: string };

/**
 * "1,234.5" → 123450. Accepts a leading ¥ and thousands commas; refuses negatives (unless allowed), more than 2
 * decimals and anything that is not an amount, with a sentence to show beside the field.
 */
export function parseYuanInput(text: string, options: { allowNegative?: boolean } = {}): YuanParse {
  const cleaned = text.replace(/[¥￥,，\s]/g, '');
  if (cleaned === '') return { fen: null, error: '请填写金额' };
  if (/^-?\d+\.\d{3,}$/.test(cleaned)) return { fen: null, error: '金额最多两位小数（到分）' };
  const fen = parseYuanToFen(cleaned);
  if (fen === null) return { fen: null, error: '请填写正确的金额，例如 1234.56' };
  if (fen < 0 && !options.allowNegative) return { fen: null, error: '金额不能为负数' };
  return { fen, error: null };
}

/** ¥1,234.56 for display; "—" where there is no amount. */
export function displayFen(fen: number | null | undefined): string {
  return typeof fen === 'number' && Number.isSafeInteger(fen) ? formatYuan(fen) : '—';
}
