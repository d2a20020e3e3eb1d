import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFName, PDFStream, type PDFObject } from 'pdf-lib';
import DecodeStream from 'pdf-lib/cjs/core/streams/DecodeStream';

/**
 * PDF vouchers are read with a real parser (pdf-lib) before they are kept: every object, including those packed
 * into compressed object streams where a byte search sees nothing, is inspected after decompression. A voucher is
 * evidence to look at, so anything that acts is refused: JavaScript, launch actions, embedded files and
 * attachments, rich media, XFA forms (which carry scripts). So is anything that does not parse, is encrypted
 * (its strings cannot be inspected) or has no page.
 */
export type PdfVerdict = { ok: true; pages: number } | { ok: false; reason: 'unreadable' | 'active'; detail: string };

/** Names whose presence, as a key or as a value (/S /JavaScript), makes a PDF act instead of show. */
const ACTIVE_NAMES = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'FileAttachment', 'RichMedia', 'XFA', 'GoToE'].map((n) => PDFName.of(n)));

/** Bytes one check may inflate: a few KB of deflate can unpack to gigabytes (a decompression bomb). */
export const PDF_INFLATE_BUDGET = 64 * 1024 * 1024;

class InflateBudgetExceeded extends Error {}
/** The budget of the check that is parsing; checks take turns (below), so there is at most one. */
let parsing: { left: number } | undefined;
/** The end of the last check that was asked for: the next one starts after it. */
let lastCheck: Promise<unknown> = Promise.resolve();

/*
 * pdf-lib inflates object streams without a bound: DecodeStream.ensureBuffer doubles a buffer until the stream
 * ends. Its one growth point is metered here, against the budget of the check that is parsing; outside a check
 * nothing changes. Checks parse one at a time in a process: an AsyncLocalStorage would let them overlap, but it turns
 * on Node's promise hooks for every promise of every request from the first check on (about 7 % of the instructions
 * of a list call, README "Sharp edges").
 */
const decoder = DecodeStream.prototype as unknown as { ensureBuffer(this: object, requested: number): Uint8Array };
const grow = decoder.ensureBuffer;
/** How many decoded bytes each stream has been charged for: its largest request so far. */
const charged = new WeakMap<object, number>();
decoder.ensureBuffer = function (this: object, requested: number) {
  const budget = parsing;
  const before = charged.get(this) ?? 0;
  if (budget && requested > before) {
    budget.left -= requested - before;
    charged.set(this, requested);
    if (budget.left < 0) throw new InflateBudgetExceeded();
  }
  return grow.call(this, requested);
};

/** The first active name found in this object and the direct objects inside it, or null. */
function activeName(root: PDFObject): string | null {
  const stack: PDFObject[] = [root];
  while (stack.length) {
    const object = stack.pop() as PDFObject;
    if (object instanceof PDFName) {
      if (ACTIVE_NAMES.has(object)) return object.decodeText();
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        if (ACTIVE_NAMES.has(key)) return key.decodeText();
        stack.push(value);
      }
    } else if (object instanceof PDFArray) {
      stack.push(...object.asArray());
    } else if (object instanceof PDFStream) {
      stack.push(object.dict);
    }
  }
  return null;
}

export async function inspectPdf(bytes: Uint8Array): Promise<PdfVerdict> {
  let doc: PDFDocument;
  const budget = { left: PDF_INFLATE_BUDGET };
  const turn = lastCheck.then(async () => {
    parsing = budget;
    try {
      return await PDFDocument.load(bytes, { throwOnInvalidObject: true, updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    } finally {
      parsing = undefined;
    }
  });
  lastCheck = turn.catch(() => undefined);
  try {
    doc = await turn;
  } catch (error) {
    // pdf-lib reports the budget's stop as an invalid object: the budget itself tells.
    if (error instanceof InflateBudgetExceeded || budget.left < 0) return { ok: false, reason: 'unreadable', detail: 'decompresses past the budget' };
    return { ok: false, reason: 'unreadable', detail: (error as Error).message.slice(0, 200) };
  }
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    const found = activeName(object);
    if (found) return { ok: false, reason: 'active', detail: found };
  }
  const root = doc.context.trailerInfo.Root;
  const trailer = root ? activeName(root) : null;
  if (trailer) return { ok: false, reason: 'active', detail: trailer };
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as Error).message.slice(0, 200) };
  }
  return pages > 0 ? { ok: true, pages } : { ok: false, reason: 'unreadable', detail: 'no page' };
}
