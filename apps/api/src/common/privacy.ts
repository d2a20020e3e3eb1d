/**
 * The one masking step for free text that leaves the property side (个人信息保护法): what residents type into a
 * description, a place, a rating comment or a question is shown to neighbours, oversight, WeChat's servers and the
 * public (Open311) only through here. It masks mainland mobile numbers in the forms people type (+86, 0086, 86,
 * spaces, dashes, dots, brackets, full-width digits), landlines with their area code (010-12345678, （0571）8765 4321,
 * extensions), and resident ID card numbers (18 characters, with or without spaces). Amounts, dates, room numbers
 * (3栋1单元1201), years, 400 hotlines and ticket numbers stay as they are.
 */

/** Full-width digits, signs, brackets and the ideographic space, mapped one character to one (positions are kept). */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF0B\uFF0D\uFF08\uFF09\u3000\u2010-\u2014\u2212]/g;
const toHalfWidth = (ch: string): string => {
  const code = ch.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
  if (ch === '\uFF0B') return '+';
  if (ch === '\uFF08') return '(';
  if (ch === '\uFF09') return ')';
  if (ch === '\u3000') return ' ';
  return '-'; // full-width hyphen, dashes, minus sign
};

/** One optional separator between digit groups, as people type them. */
const SEP = String.raw`[ \-.]?`;

/** 18 characters: 6 digits of area, a birth date (19xx/20xx), 3 digits, a check character; spaces or dashes anywhere. */
const ID_CARD = new RegExp(String.raw`(?<![\dA-Za-z])\d(?:${SEP}\d){16}${SEP}[\dXx](?![\dA-Za-z])`, 'g');

/** 1[3-9]x xxxx xxxx, after an optional +86 / 0086 / 86 / (+86). */
const MOBILE = new RegExp(
  String.raw`(?<![\d+])(?:(?:\+|00)?86${SEP}|\(\+?86\)${SEP})?(1[3-9]\d(?:${SEP}\d){8})(?!\d)`,
  'g',
);

/** A landline with its area code (010, 021, 0571, …, optionally in brackets), a 7–8 digit number, an extension. */
const LANDLINE = new RegExp(
  String.raw`(?<![\d+])(?:\((?<bracketed>0[1-9]\d{1,2})\)${SEP}|(?<area>0[1-9]\d{1,2})${SEP})(?<local>[1-9]\d{2,3}${SEP}\d{4})(?:(?:-|转|ext\.?\s?)\d{1,6})?(?!\d)`,
  'g',
);

const digitsOf = (text: string) => text.replace(/[^\dXx]/g, '');

/** The birth date inside an ID number must be a possible date: a long order number is not an ID card. */
function plausibleIdCard(digits: string): boolean {
  if (digits.length !== 18) return false;
  const year = Number(digits.slice(6, 10));
  const month = Number(digits.slice(10, 12));
  const day = Number(digits.slice(12, 14));
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && /^\d{17}/.test(digits);
}

/**
 * Masks personal numbers in free text: 138****5678, 0571-****4321, 110101********4518. Text without them comes
 * back unchanged (the same string).
 */
export function scrubPersonal(text: string): string;
export function scrubPersonal(text: string | null): string | null;
export function scrubPersonal(text: string | null): string | null {
  if (!text) return text;
  // Match on a half-width copy of the same length, then cut the original at the same places.
  const plain = text.replace(FULL_WIDTH, toHalfWidth);
  const spans: { start: number; end: number; masked: string }[] = [];
  const free = (start: number, end: number) => spans.every((s) => end <= s.start || start >= s.end);
  for (const m of plain.matchAll(ID_CARD)) {
    const digits = digitsOf(m[0]);
    if (plausibleIdCard(digits)) spans.push({ start: m.index, end: m.index + m[0].length, masked: `${digits.slice(0, 6)}********${digits.slice(14)}` });
  }
  for (const m of plain.matchAll(MOBILE)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const digits = digitsOf(m[1]);
    spans.push({ start: m.index, end: m.index + m[0].length, masked: `${digits.slice(0, 3)}****${digits.slice(-4)}` });
  }
  for (const m of plain.matchAll(LANDLINE)) {
    if (!free(m.index, m.index + m[0].length)) continue;
    const groups = m.groups as { bracketed?: string; area?: string; local: string };
    spans.push({ start: m.index, end: m.index + m[0].length, masked: `${groups.bracketed ?? groups.area}-****${digitsOf(groups.local).slice(-4)}` });
  }
  if (!spans.length) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.masked;
    at = s.end;
  }
  return out + text.slice(at);
}

/** Every string of a plain object or array, masked (for views built of free text: a published disclosure's lines). */
export function scrubStrings<T>(value: T): T {
  if (typeof value === 'string') return scrubPersonal(value) as T;
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubStrings(v)])) as T;
  }
  return value;
}

/**
 * A coordinate as public answers give it: 3 decimals, about 100 m (a resident's home is not pinned to the door).
 * Rounded to the nearest step, so the published point never strays more than ~55 m from the reported one.
 */
export const coarseCoordinate = (degrees: number | null): number | null => (degrees === null ? null : Math.round(degrees * 1000) / 1000);

/** A person's name as those outside the office see it: the surname kept, the rest starred (张三丰 → 张**). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length ? `${chars[0]}${'*'.repeat(Math.max(1, chars.length - 1))}` : '';
}
