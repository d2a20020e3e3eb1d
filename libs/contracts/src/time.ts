/**
 * Time: UTC in storage, Asia/Shanghai (UTC+8, no daylight saving) for calendar dates, days, months, quarters and
 * display. The offset is written here and nowhere else: the API, its jobs, seeds and exports, its authorization
 * matrix and the mini-program compute Shanghai dates and instants with these helpers. Computed by hand, never with
 * Intl: WeChat's JS engine
 * on older phones does not know time zones.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;
export const DAY_MS = 86400_000;
/** The offset as ISO 8601 writes it. */
const OFFSET = '+08:00';

const pad = (n: number) => String(n).padStart(2, '0');
const instant = (at: Date | number | string) => (at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at));

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * Date#toISOString (UTC, milliseconds, Z), written by hand for the years 1000–9999: V8 formats it with snprintf, at
 * twice the cost, and a ticket list writes three per row. Other years and invalid dates go to toISOString (which
 * throws a RangeError for the latter, as before).
 */
export function isoTime(d: Date): string {
  const y = d.getUTCFullYear();
  if (!(y >= 1000 && y <= 9999)) return d.toISOString();
  const ms = d.getUTCMilliseconds();
  return `${y}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}T${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : ms}Z`;
}

/** The wall clock in Shanghai as a Date whose UTC fields read as Shanghai time. */
const shanghaiFields = (at: Date | number | string) => new Date(instant(at) + SHANGHAI_OFFSET_MS);

/** The calendar date in Shanghai, YYYY-MM-DD ("" for an unreadable time). */
export function shanghaiDate(at: Date | number | string = Date.now()): string {
  const d = shanghaiFields(at);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2026-11-28 22:49" in Shanghai ("" for an unreadable time). */
export function shanghaiDateTime(at: Date | number | string): string {
  const d = shanghaiFields(at);
  if (Number.isNaN(d.getTime())) return '';
  return `${shanghaiDate(at)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The instant a Shanghai calendar day begins (00:00 +08:00). */
export function shanghaiDayStart(date: string): Date {
  return new Date(shanghaiTimeOn(date, '00:00'));
}

/** An instant at a Shanghai wall-clock time of a day, as ISO 8601 with the offset: "2026-12-01T18:00:00+08:00". */
export function shanghaiTimeOn(date: string, time = '18:00'): string {
  return `${date}T${time}:00${OFFSET}`;
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
  return d.toISOString().slice(0, 10);
}

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** The last day of a month (month 1–12), YYYY-MM-DD. */
export function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** A calendar date as given, or the Shanghai day of an instant. */
const dayOf = (at: Date | number | string) => (typeof at === 'string' && isCalendarDate(at) ? at : shanghaiDate(at));

/** The quarter a Shanghai day falls in: "2026-Q4". */
export function quarterOf(at: Date | number | string = Date.now()): string {
  const date = dayOf(at);
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Adds whole months to a month: addMonths("2026-01", -2) → "2025-11". */
export function addMonths(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The month a Shanghai day falls in and the `count - 1` before it, newest first: "2026-11", "2026-10", … */
export function monthsBack(at: Date | number | string, count: number): string[] {
  const month = dayOf(at).slice(0, 7);
  return Array.from({ length: Math.max(count, 0) }, (_, back) => addMonths(month, -back));
}

/** The quarter a Shanghai day falls in and the `count - 1` before it, newest first: "2026-Q1", "2025-Q4", … */
export function quartersBack(at: Date | number | string, count: number): string[] {
  const quarter = quarterOf(at);
  const index = Number(quarter.slice(0, 4)) * 4 + Number(quarter.slice(6)) - 1;
  return Array.from({ length: Math.max(count, 0) }, (_, back) => `${Math.floor((index - back) / 4)}-Q${((index - back) % 4) + 1}`);
}

/** A period in words: "2026-Q3" → "2026年第3季度", "2026-10" → "2026年10月", "2026" → "2026年". */
export function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return /^\d{4}$/.test(period) ? `${period}年` : period;
}

const CHINESE_DIGITS: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4' };

/**
 * A period as a person types it, back to its code: "2026年第3季度", "2026年三季度", "2026年10月", "2026.10",
 * "2026年", and the codes themselves. null when it is none of these.
 */
export function periodFromWords(text: string): string | null {
  const t = text.replace(/\s+/g, '').replace(/[一二三四]/g, (d) => CHINESE_DIGITS[d]);
  const quarter = /^(\d{4})(?:年第?|-?Q)([1-4])(?:季度?)?$/i.exec(t);
  if (quarter && (/季/.test(t) || /Q/i.test(t))) return `${quarter[1]}-Q${quarter[2]}`;
  const month = /^(\d{4})(?:年(\d{1,2})月|[-./](\d{1,2}))$/.exec(t);
  const m = month ? (month[2] ?? month[3]) : '';
  if (month && Number(m) >= 1 && Number(m) <= 12) return `${month[1]}-${m.padStart(2, '0')}`;
  const year = /^(\d{4})年?(?:度)?$/.exec(t);
  return year ? year[1] : null;
}

/** The first and last day of a period ("2026-03", "2026-Q1", "2026"). */
export function periodDays(period: string): { from: string; to: string } {
  const year = Number(period.slice(0, 4));
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) {
    const first = (Number(quarter[1]) - 1) * 3 + 1;
    return { from: `${year}-${pad(first)}-01`, to: lastDayOfMonth(year, first + 2) };
  }
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) return { from: `${period}-01`, to: lastDayOfMonth(year, Number(month[1])) };
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * An instant as W3C date-time in Shanghai, whole seconds: "2026-11-28T22:49:05+08:00" (Open311 GeoReport v2, whose
 * clients parse it with W3CDTF parsers that take neither fractions nor a missing offset).
 */
export function w3cShanghai(at: Date | number | string): string {
  const d = shanghaiFields(at);
  if (Number.isNaN(d.getTime())) return '';
  return `${shanghaiDate(at)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${OFFSET}`;
}

const W3C_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a W3C/ISO 8601 date or date-time as clients send it: with an offset or Z, or without one (then Shanghai
 * time); a date alone is the start of that day in Shanghai. A space where the offset's "+" belongs is read as "+"
 * (a "+" in a query string that a client did not percent-encode arrives as a space). Null when unreadable.
 */
export function parseW3c(text: string): Date | null {
  const m = W3C_DATE_TIME.exec(text.trim().replace(/ (\d{2}:?\d{2})$/, '+$1'));
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = m;
  const offset = zone === undefined ? OFFSET : zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`);
  // Reject dates that roll over (2026-02-30) by reading the calendar date back.
  return Number.isNaN(at.getTime()) || !isCalendarDate(`${y}-${mo}-${d}`) ? null : at;
}
