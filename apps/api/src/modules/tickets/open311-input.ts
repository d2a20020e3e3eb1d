import { TICKET_KIND_LABELS, TICKET_KINDS, parseW3c, type TicketSource } from '@wuye/contracts';
import { DomainError } from '../../common/errors';

/**
 * What Open311 clients send, read as GeoReport v2 says and as the real clients send it (see
 * test/open311-conformance.e2e-spec.ts for each client's own code): parameters from the query string and the body
 * alike, an empty parameter the same as a missing one, parameters we do not know ignored, lists comma-delimited,
 * `attribute[code]` and `attribute[code][]` checked against the service definition. Pure: no I/O.
 */

/** The channel (ticket source) Open311 tickets are filed and counted under: the one place it is named. */
export const OPEN311_TICKET_SOURCE: TicketSource = '12345';

/** GeoReport v2 errors are lists of {code, description} with the HTTP status as code; the filter renders this. */
export class Open311Error extends DomainError {
  constructor(status: 400 | 403 | 404, description: string) {
    super(status, status === 400 ? 'VALIDATION_FAILED' : status === 403 ? 'FORBIDDEN' : 'NOT_FOUND', description);
  }
}

export type Open311Params = Record<string, string | string[]>;

/** Query and body as one set of parameters (the body wins), without the empty ones. */
export function open311Params(...sources: unknown[]): Open311Params {
  const params: Open311Params = {};
  for (const source of sources) {
    if (!source || typeof source !== 'object') continue;
    for (const [name, raw] of Object.entries(source as Record<string, unknown>)) {
      const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string | number => (typeof v === 'string' || typeof v === 'number') && String(v).trim() !== '').map(String);
      if (values.length) params[name] = values.length === 1 ? values[0] : values;
    }
  }
  return params;
}

/** One value of a parameter that is not a list; a parameter sent twice is refused. */
export function single(params: Open311Params, name: string, max = 200): string | undefined {
  const value = params[name];
  if (Array.isArray(value)) throw new Open311Error(400, `${name} was sent more than once`);
  if (value !== undefined && value.length > max) throw new Open311Error(400, `${name} is longer than ${max} characters`);
  return value?.trim();
}

/** A comma-delimited list (service_request_id=1,2,3); repeated parameters add to it. */
export function commaList(params: Open311Params, name: string): string[] {
  const value = params[name];
  if (value === undefined) return [];
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (items.length > 1000) throw new Open311Error(400, `${name} lists more than 1000 values`);
  return [...new Set(items)];
}

/** A ticket id as the paths and lists take it: plain decimal digits, no sign, no leading zero. */
export const isRequestId = (text: string) => /^[1-9]\d{0,9}$/.test(text) && Number(text) <= 2 ** 31 - 1;

export function dateParam(params: Open311Params, name: string): Date | null {
  const text = single(params, name, 40);
  if (text === undefined) return null;
  const at = parseW3c(text);
  if (!at) throw new Open311Error(400, `${name} must be a W3C date-time such as 2026-03-01T08:00:00+08:00`);
  return at;
}

/** start_date / end_date: at most 90 days back from the end when no start is given (GeoReport v2's default). */
export function dateRange(params: Open311Params): { start: Date; end: Date } {
  const end = dateParam(params, 'end_date') ?? new Date();
  const start = dateParam(params, 'start_date') ?? new Date(end.getTime() - 90 * 86400_000);
  if (start > end) throw new Open311Error(400, 'start_date is after end_date');
  return { start, end };
}

// ─── Service definitions: the attributes a request may carry ─────────────────────────────────────────────────

export interface Open311Attribute {
  code: string;
  datatype: 'string' | 'singlevaluelist' | 'multivaluelist';
  /** false: set by the client's system, not asked of a person (mySociety's `automated: server_set`). */
  variable: boolean;
  description: string;
  values?: { key: string; name: string }[];
}

/** Parts of an estate a hotline call may name (涉及部位). */
export const OPEN311_PARTS: Record<string, string> = {
  stairwell: '楼道',
  elevator: '电梯',
  roof: '屋面',
  facade: '外墙',
  pipes: '管道',
  gate: '门禁',
  road: '道路',
  green: '绿地',
  garage: '车库',
};

/**
 * Every service (ticket category) has these attributes. `fixmystreet_id` is FixMyStreet's own report id: it sends
 * it only to a service whose definition lists it (perllib/FixMyStreet/SendReport/Open311.pm, Contact::id_field),
 * and it is what makes a retried POST answer with the first ticket.
 */
export const OPEN311_ATTRIBUTES: readonly Open311Attribute[] = [
  {
    code: 'kind',
    datatype: 'singlevaluelist',
    variable: true,
    description: '问题类型（不填则按分类）',
    values: TICKET_KINDS.map((k) => ({ key: k, name: TICKET_KIND_LABELS[k] })),
  },
  {
    code: 'parts',
    datatype: 'multivaluelist',
    variable: true,
    description: '涉及部位',
    values: Object.entries(OPEN311_PARTS).map(([key, name]) => ({ key, name })),
  },
  { code: 'fixmystreet_id', datatype: 'string', variable: false, description: '来源系统的报告编号（重发同一报告时不会重复立案）' },
];

export type Open311AttributeValues = Record<string, string | string[]>;

const ATTRIBUTE = /^attribute\[([^\]]{1,64})\](\[\])?$/;

/**
 * attribute[code]=v, attribute[code][]=v (CUTR's client for multivaluelist), attribute[code] repeated (FixMyStreet's
 * list values): checked against OPEN311_ATTRIBUTES. A code the definition lacks, or a value not in its list, is 400.
 */
export function readAttributes(params: Open311Params, serviceCode: string): Open311AttributeValues {
  const found: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(params)) {
    const m = ATTRIBUTE.exec(name);
    if (!m) continue;
    (found[m[1]] ??= []).push(...(Array.isArray(value) ? value : [value]).map((v) => v.trim()));
  }
  const values: Open311AttributeValues = {};
  for (const [code, given] of Object.entries(found)) {
    const attribute = OPEN311_ATTRIBUTES.find((a) => a.code === code);
    if (!attribute) throw new Open311Error(400, `attribute[${code}] is not an attribute of service ${serviceCode}`);
    if (attribute.datatype !== 'multivaluelist' && given.length > 1) throw new Open311Error(400, `attribute[${code}] takes one value`);
    const wrong = attribute.values ? given.find((v) => !attribute.values?.some((option) => option.key === v)) : given.find((v) => v.length > 64);
    if (wrong !== undefined) throw new Open311Error(400, `attribute[${code}] cannot be ${wrong.slice(0, 64)}`);
    values[code] = attribute.datatype === 'multivaluelist' ? [...new Set(given)] : given[0];
  }
  return values;
}

// ─── POST requests ───────────────────────────────────────────────────────────────────────────────────────────

export const OPEN311_DESCRIPTION_MAX = 4000;

export interface Open311Location {
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
}

function coordinate(params: Open311Params, name: 'lat' | 'long', limit: number): number | null {
  const text = single(params, name, 40);
  if (text === undefined) return null;
  const value = Number(text);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) || Math.abs(value) > limit) throw new Open311Error(400, `${name} must be a number from -${limit} to ${limit}`);
  return value;
}

/** A request needs a location: lat and long together, address_string or address_id. */
export function readLocation(params: Open311Params): Open311Location {
  const lat = coordinate(params, 'lat', 90);
  const long = coordinate(params, 'long', 180);
  if ((lat === null) !== (long === null)) throw new Open311Error(400, 'lat and long go together');
  const location = { lat, long, addressString: single(params, 'address_string', 100) ?? null, addressId: single(params, 'address_id', 64) ?? null };
  if (lat === null && !location.addressString && !location.addressId) throw new Open311Error(400, 'A location is required: lat and long, address_string or address_id');
  return location;
}

export function readDescription(params: Open311Params): string | null {
  return single(params, 'description', OPEN311_DESCRIPTION_MAX) || null;
}
