import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { inspectPdf } from './pdf';

/** A one-page PDF, changed by `extra` before it is saved (with object streams, as pdf-lib saves by default). */
async function pdf(extra: (doc: PDFDocument) => void = () => undefined, useObjectStreams = true): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]).drawText('Invoice 2026-07', { x: 10, y: 10, size: 12 });
  extra(doc);
  return doc.save({ useObjectStreams });
}

const javascriptAction = (doc: PDFDocument) =>
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert(1)') })));

/** A PDF written by hand, objects in order, as a hostile tool would (no cross-reference table: parsers recover). */
const raw = (...objects: (string | Buffer)[]) => Buffer.concat([Buffer.from('%PDF-1.7\n'), ...objects.map((o) => (typeof o === 'string' ? Buffer.from(o) : o)), Buffer.from('\n%%EOF\n')]);
const PAGES = '1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n';

describe('inspectPdf: a real parser over every object, after decompression', () => {
  it('accepts a plain voucher', async () => {
    expect(await inspectPdf(await pdf())).toEqual({ ok: true, pages: 1 });
    expect(await inspectPdf(raw(PAGES, 'trailer <</Root 1 0 R>>'))).toEqual({ ok: true, pages: 1 });
  });

  it('refuses JavaScript, also inside a compressed object stream where a byte search sees nothing', async () => {
    const hidden = await pdf(javascriptAction, true);
    expect(Buffer.from(hidden).toString('latin1')).not.toMatch(/JavaScript/);
    expect(await inspectPdf(hidden)).toEqual({ ok: false, reason: 'active', detail: expect.stringMatching(/^(JavaScript|JS)$/) });
    expect(await inspectPdf(await pdf(javascriptAction, false))).toMatchObject({ ok: false, reason: 'active' });
  });

  it('refuses names written with escapes (/J#61vaScript is /JavaScript)', async () => {
    const escaped = raw(PAGES.replace('/Pages 2 0 R>>', '/Pages 2 0 R /OpenAction 4 0 R>>'), '4 0 obj <</Type /Action /S /J#61vaScript>> endobj\n', 'trailer <</Root 1 0 R>>');
    expect(await inspectPdf(escaped)).toEqual({ ok: false, reason: 'active', detail: 'JavaScript' });
  });

  it('refuses launch actions, embedded files, file attachments and XFA forms', async () => {
    const launch = await pdf((doc) => doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'Launch', F: PDFString.of('cmd.exe') })));
    expect(await inspectPdf(launch)).toEqual({ ok: false, reason: 'active', detail: 'Launch' });
    const embedded = await pdf((doc) => doc.attach(Buffer.from('MZ'), 'invoice.exe', { mimeType: 'application/octet-stream' }));
    expect(await inspectPdf(embedded)).toMatchObject({ ok: false, reason: 'active' });
    const xfa = await pdf((doc) => doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [], XFA: PDFString.of('<xdp/>') })));
    expect(await inspectPdf(xfa)).toEqual({ ok: false, reason: 'active', detail: 'XFA' });
  });

  it('refuses what does not parse, has no page, or is encrypted', async () => {
    expect(await inspectPdf(Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'))).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(await inspectPdf(Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Kids [3 0 R] /Count 1 <<<<\n%%EOF'))).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(await inspectPdf(Buffer.from('%PDF-1.7\n'))).toMatchObject({ ok: false, reason: 'unreadable' });
    const good = Buffer.from(await pdf(() => undefined, false));
    expect(await inspectPdf(good.subarray(0, Math.floor(good.length / 3)))).toMatchObject({ ok: false, reason: 'unreadable' });
    const encrypted = await pdf((doc) => (doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 2, R: 3 }))));
    expect(await inspectPdf(encrypted)).toMatchObject({ ok: false, reason: 'unreadable', detail: expect.stringContaining('encrypted') });
  });

  // The budget's own stop is what the answer names: a clock here would only measure the machine's load.
  it('refuses an object stream that inflates past the budget (a decompression bomb): the budget stops it', async () => {
    const bomb = deflateSync(Buffer.alloc(160 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const file = raw(PAGES, Buffer.from(`4 0 obj <</Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length}>>\nstream\n`), bomb, '\nendstream endobj\n', 'trailer <</Root 1 0 R>>');
    expect(await inspectPdf(file)).toEqual({ ok: false, reason: 'unreadable', detail: 'decompresses past the budget' });
  });

  it('gives each of several checks asked for at once a budget of its own', async () => {
    // 40 MB each: within one budget, past it counted together.
    const big = deflateSync(Buffer.alloc(40 * 1024 * 1024), { level: 9 });
    const file = raw(PAGES, Buffer.from(`4 0 obj <</Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${big.length}>>\nstream\n`), big, '\nendstream endobj\n', 'trailer <</Root 1 0 R>>');
    const bomb = deflateSync(Buffer.alloc(160 * 1024 * 1024), { level: 9 });
    const bombFile = raw(PAGES, Buffer.from(`4 0 obj <</Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length}>>\nstream\n`), bomb, '\nendstream endobj\n', 'trailer <</Root 1 0 R>>');
    const [first, second, bombed, plain] = await Promise.all([inspectPdf(file), inspectPdf(file), inspectPdf(bombFile), inspectPdf(raw(PAGES, 'trailer <</Root 1 0 R>>'))]);
    expect(first).not.toMatchObject({ detail: 'decompresses past the budget' });
    expect(second).toEqual(first);
    expect(bombed).toEqual({ ok: false, reason: 'unreadable', detail: 'decompresses past the budget' });
    expect(plain).toEqual({ ok: true, pages: 1 });
  });
});
