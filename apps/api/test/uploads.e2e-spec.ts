import * as asyncHooks from 'node:async_hooks';
import { AsyncLocalStorage } from 'node:async_hooks';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { Upload } from '../src/modules/uploads/upload.entity';
import { createTestApp, TestApp } from './support/app';
import { createEstate, createResident } from './support/fixtures';
import { hasExif, photo } from './support/images';

describe('photo uploads', () => {
  let t: TestApp;
  let me: { Authorization: string };
  let storageDir: string;
  beforeAll(async () => {
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-uploads-'));
    t = await createTestApp({ STORAGE_LOCAL_DIR: storageDir });
    // Uploading needs a role or a house binding: a resident.
    me = await t.signIn((await createResident(t.db, (await createEstate(t.db)).houses[0])).devKey);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(storageDir, { recursive: true, force: true });
  });

  const upload = (bytes: Buffer, name = 'a.jpg') => t.http().post('/api/v1/uploads').set(me).attach('file', bytes, name);
  const fetchBytes = async (url: string) => (await t.http().get(url).buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  })).body as Buffer;
  const storedFiles = () => (fs.existsSync(storageDir) ? fs.readdirSync(storageDir, { recursive: true }).filter((f) => String(f).endsWith('.jpg')) : []);

  it('re-encodes a phone photo to a JPEG ≤ 1600 px with no EXIF at all, and a thumbnail', async () => {
    const original = await photo({ width: 4000, height: 3000 });
    expect(hasExif(original)).toBe(true);
    const res = await upload(original).expect(201);
    expect(res.body).toMatchObject({ id: expect.any(Number), width: 1600, height: 1200 });
    const image = await fetchBytes(res.body.url);
    expect(hasExif(image)).toBe(false);
    const meta = await sharp(image).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1200 });
    expect(meta.exif).toBeUndefined();
    const thumb = await sharp(await fetchBytes(res.body.thumbnailUrl)).metadata();
    expect(Math.max(thumb.width as number, thumb.height as number)).toBe(320);
  });

  it.each(['png', 'webp'] as const)('accepts %s by its bytes, whatever the file is called', async (format) => {
    const res = await upload(await photo({ width: 800, height: 600, format, exif: false }), 'picture.txt').expect(201);
    expect((await sharp(await fetchBytes(res.body.url)).metadata()).format).toBe('jpeg');
  });

  it('refuses what is not a photo, even named .jpg, and stores nothing', async () => {
    const before = { rows: await t.db.getRepository(Upload).count(), files: storedFiles().length };
    const res = await upload(Buffer.from('<script>alert(1)</script>'.repeat(10)), 'evil.jpg').expect(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('照片') });
    const truncated = (await photo({ width: 500, height: 500, exif: false })).subarray(0, 300);
    await upload(truncated).expect(415);
    expect(await t.db.getRepository(Upload).count()).toBe(before.rows);
    expect(storedFiles().length).toBe(before.files);
  });

  it('refuses a HEIC it cannot decode with a way out, and anything over 10 MB', async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(200)]);
    const res = await upload(heic, 'IMG_0001.HEIC').expect(415);
    expect(res.body.message).toContain('HEIC');
    const big = await upload(Buffer.concat([await photo({ width: 10, height: 10 }), Buffer.alloc(10 * 1024 * 1024)])).expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('serves files only through unexpired, untampered signed links', async () => {
    const res = await upload(await photo({ width: 300, height: 300 })).expect(201);
    const url = new URL(res.body.url, 'http://x');
    await t.http().get(`${url.pathname}?exp=${url.searchParams.get('exp')}&sig=AAAA${url.searchParams.get('sig')?.slice(4)}`).expect(403);
    await t.http().get(`${url.pathname}?exp=${Number(url.searchParams.get('exp')) + 3600}&sig=${url.searchParams.get('sig')}`).expect(403);
    await t.http().get(`/api/v1/files/../../etc/passwd?exp=9999999999&sig=x`).expect((r) => expect([400, 403, 404]).toContain(r.status));
    await t.http().get(`${url.pathname}${url.search}`).expect(200).expect('Content-Type', 'image/jpeg');
  });

  it('refuses a photo in the wrong field, two photos at once, or no file at all, and stores nothing', async () => {
    const before = { rows: await t.db.getRepository(Upload).count(), files: storedFiles().length };
    const jpeg = await photo({ width: 50, height: 50, exif: false });
    const wrongField = await t.http().post('/api/v1/uploads').set(me).attach('photo', jpeg, 'a.jpg').expect(400);
    expect(wrongField.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('收到 photo'), requestId: expect.any(String) });
    const two = await t.http().post('/api/v1/uploads').set(me).attach('file', jpeg, 'a.jpg').attach('file', jpeg, 'b.jpg').expect(400);
    expect(two.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('一个') });
    const none = await t.http().post('/api/v1/uploads').set(me).send({ file: 'a.jpg' }).expect(400);
    expect(none.body.message).toContain('file');
    expect(await t.db.getRepository(Upload).count()).toBe(before.rows);
    expect(storedFiles().length).toBe(before.files);
  });

  // The request path keeps clear of AsyncLocalStorage: once one is entered, Node runs its promise hooks on every
  // promise of every later request (about 7 % of a list call's instructions). A PDF check once used one.
  it('enters no AsyncLocalStorage and turns on no async hook, for a PDF check or a signed-in list', async () => {
    const entered = [jest.spyOn(AsyncLocalStorage.prototype, 'run'), jest.spyOn(AsyncLocalStorage.prototype, 'enterWith'), jest.spyOn(asyncHooks, 'createHook')];
    try {
      const doc = await PDFDocument.create();
      doc.addPage([200, 200]);
      await upload(Buffer.from(await doc.save()), 'invoice.pdf').expect(201);
      await t.http().get('/api/v1/tickets?view=mine').set(me).expect(200);
      for (const spy of entered) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of entered) spy.mockRestore();
    }
  });

  it('needs a signed-in user', async () => {
    await t.http().post('/api/v1/uploads').attach('file', await photo({ width: 10, height: 10 }), 'a.jpg').expect(401);
  });
});
