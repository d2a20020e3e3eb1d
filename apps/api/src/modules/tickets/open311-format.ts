/**
 * GeoReport v2 answers in the format the URL's extension names: XML (the spec's required format) or JSON. One
 * canonical value is written both ways by the Spark convention the spec uses (wiki.open311.org/JSON_and_XML_Conversion):
 * JSON is the value itself; XML wraps it in the root element, and a list under a plural name holds one element per
 * item under the singular name (<service_requests><request>…</request></service_requests>).
 */
export type Open311Format = 'xml' | 'json';

/** The extension at the end of the URL's path, or null for none we answer in. */
export function open311Format(url: string): Open311Format | null {
  const ext = /\.(xml|json)$/i.exec(url.split('?')[0]);
  return ext ? (ext[1].toLowerCase() as Open311Format) : null;
}

/** Singular element names the spec and mySociety's extension use for items of a list. */
const SINGULAR: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

export type Open311Value = string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value };

/** An answer: its root element for XML, and the value (a list answers as a JSON array). */
export interface Open311Body {
  root: string;
  value: Open311Value;
}

const escapeXml = (text: string) =>
  // Characters XML 1.0 cannot carry at all are dropped; markup is escaped.
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);

function element(name: string, value: Open311Value): string {
  if (value === null || value === '') return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = SINGULAR[name] ?? name.replace(/s$/, '');
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function toXml(body: Open311Body): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(body.root, body.value)}`;
}

export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = { xml: 'text/xml; charset=utf-8', json: 'application/json; charset=utf-8' };

/** The answer's text and content type in this format. */
export function renderOpen311(body: Open311Body, format: Open311Format): { text: string; contentType: string } {
  return { text: format === 'xml' ? toXml(body) : JSON.stringify(body.value), contentType: OPEN311_CONTENT_TYPES[format] };
}

/** The spec's error list: [{code, description}] / <errors><error>…</error></errors>. */
export const open311Errors = (code: number, description: string): Open311Body => ({ root: 'errors', value: [{ code, description }] });
