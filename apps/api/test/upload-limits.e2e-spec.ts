import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PDFName, PDFString } from 'pdf-lib';
import sharp from 'sharp';
import { JobSchedulerService } from '../src/modules/jobs/job-scheduler.service';
import { House } from '../src/modules/org/house.entity';
import { Upload } from '../src/modules/uploads/upload.entity';
import { UploadsService } from '../src/modules/uploads/uploads.service';
import { createTestApp, TestApp } from './support/app';
import { createEstate, createResident, Estate, roleIn } from './support/fixtures';
import { pdf, photo } from './support/images';
import { report } from './support/tickets';

type Auth = { Authorization: string };

/** A photo of noise: it does not compress, so decoding it takes real time and memory. */
/** Under the 2 MP this app allows. */
const small = () => photo({ width: 800, height: 600 });

const noise = (width: number, height: number) => sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();

describe('uploads: who, how much, and what', () => {
  let t: TestApp;
  let estate: Estate;
  let storageDir: string;
  let manager: Auth;

  beforeAll(async () => {
    storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-limits-'));
    t = await createTestApp({ STORAGE_LOCAL_DIR: storageDir, UPLOAD_DAILY_COUNT: '4', UPLOAD_DAILY_MB: '1', IMAGE_MAX_MEGAPIXELS: '2', IMAGE_DECODE_CONCURRENCY: '2' });
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(storageDir, { recursive: true, force: true });
  });

  const upload = (who: Auth, bytes: Buffer, name = 'a.jpg') => t.http().post('/api/v1/uploads').set(who).attach('file', bytes, name);
  const storedFiles = () => (fs.existsSync(storageDir) ? fs.readdirSync(storageDir, { recursive: true }).filter((f) => /\.(jpg|pdf)$/.test(String(f))).map(String) : []);
  const fresh = async () => t.signIn((await createResident(t.db, estate.houses[1])).devKey);

  it('only a user with a role or a house binding may upload; a bare sign-in is refused before the file is read (rule: uploads need a role or binding)', async () => {
    const bare = await t.signInAs();
    const before = [await t.db.getRepository(Upload).count(), storedFiles().length];
    const refused = await upload(bare, await small()).expect(403);
    expect(refused.body).toMatchObject({ code: 'UPLOAD_NOT_ALLOWED', message: expect.stringContaining('绑定房屋') });
    expect([await t.db.getRepository(Upload).count(), storedFiles().length]).toEqual(before);
    await upload(await fresh(), await small()).expect(201);
    await upload(manager, await small()).expect(201);
  });

  it('counts each user’s files and bytes per day, refuses past either limit with a clear code, and starts again the next day (rule: daily upload limits)', async () => {
    const me = await fresh();
    for (let i = 0; i < 4; i++) await upload(me, await photo({ width: 300, height: 200 })).expect(201);
    const before = [await t.db.getRepository(Upload).count(), storedFiles().length];
    const fifth = await upload(me, await photo({ width: 300, height: 200 })).expect(429);
    expect(fifth.body).toMatchObject({ code: 'UPLOAD_DAILY_LIMIT', message: expect.stringContaining('每天最多上传 4 个文件'), details: { count: 4, limitCount: 4 } });
    expect([await t.db.getRepository(Upload).count(), storedFiles().length]).toEqual(before);
    // Others are not affected; and yesterday's uploads do not count today.
    await upload(await fresh(), await small()).expect(201);
    const mine = await t.db.getRepository(Upload).find({ where: { ownerId: (await t.db.getRepository(Upload).findOneOrFail({ where: {}, order: { id: 'DESC' } })).ownerId } });
    expect(mine).toHaveLength(1);
    await t.db.query(`UPDATE upload SET created_at = ? WHERE id IN (${(await t.db.getRepository(Upload).find({ order: { id: 'DESC' }, skip: 1, take: 4 })).map((u) => u.id).join(',')})`, [new Date(Date.now() - 2 * 86400_000).toISOString().slice(0, 19).replace('T', ' ')]);
    await upload(me, await photo({ width: 300, height: 200 })).expect(201);

    // Bytes: vouchers of 400 KB, 1 MB a day.
    const bytesUser = await t.signInAs(roleIn(estate).manager);
    const big = await pdf((doc) => doc.context.register(doc.context.stream(randomBytes(400 * 1024))));
    await upload(bytesUser, big, 'a.pdf').expect(201);
    await upload(bytesUser, big, 'b.pdf').expect(201);
    const third = await upload(bytesUser, big, 'c.pdf').expect(429);
    expect(third.body).toMatchObject({ code: 'UPLOAD_DAILY_LIMIT', details: { count: 2, limitBytes: 1024 * 1024 } });
  });

  it('refuses PDFs that act or do not parse, read by a real parser after decompression, and stores nothing (rule: PDFs parsed)', async () => {
    const me = await t.signInAs(roleIn(estate).manager);
    const script = await pdf((doc) => doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.launchURL("x")') }))));
    expect(script.toString('latin1')).not.toContain('JavaScript'); // packed in a compressed object stream
    const launch = await pdf((doc) => doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'Launch', F: PDFString.of('calc.exe') })));
    const embedded = await pdf((doc) => doc.attach(Buffer.from('MZ'), 'setup.exe', { mimeType: 'application/octet-stream' }));
    const before = [await t.db.getRepository(Upload).count(), storedFiles().length];
    for (const bad of [script, launch, embedded]) expect((await upload(me, bad, 'v.pdf').expect(422)).body.code).toBe('PDF_ACTIVE_CONTENT');
    for (const broken of [Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'), (await pdf()).subarray(0, 300), Buffer.from('%PDF-1.7\n%%EOF')]) {
      expect((await upload(me, broken, 'v.pdf').expect(422)).body).toMatchObject({ code: 'PDF_UNREADABLE', message: expect.stringContaining('无法读取') });
    }
    expect([await t.db.getRepository(Upload).count(), storedFiles().length]).toEqual(before);
    const good = await upload(me, await pdf(), 'v.pdf').expect(201);
    expect(good.body).toMatchObject({ id: expect.any(Number) });
  });

  it('refuses a photo over the pixel limit from its header, before decoding it (rule: image pixel limit)', async () => {
    const me = await fresh();
    const uploads = t.app.get(UploadsService);
    const decodesBefore = uploads.decodes.peak;
    // 2000 × 1500 = 3 MP against a limit of 2 MP; a plain picture, so the file itself is small.
    const huge = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#88aa66' } }).png().toBuffer();
    expect(huge.length).toBeLessThan(100 * 1024);
    const refused = await upload(me, huge, 'big.png').expect(422);
    expect(refused.body).toMatchObject({ code: 'IMAGE_TOO_LARGE', details: { pixels: 3_000_000, limit: 2_000_000 } });
    expect(uploads.decodes.peak).toBe(decodesBefore);
    await upload(me, await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#88aa66' } }).png().toBuffer(), 'ok.png').expect(201);
  });

  it('decodes at most IMAGE_DECODE_CONCURRENCY photos at once, however many arrive together (rule: decode concurrency)', async () => {
    const uploads = t.app.get(UploadsService);
    uploads.decodes.peak = 0;
    const people = await Promise.all(Array.from({ length: 6 }, () => fresh()));
    const photos = await Promise.all(people.map(() => noise(1400, 1000)));
    const results = await Promise.all(people.map((who, i) => upload(who, photos[i])));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    expect(uploads.decodes.peak).toBe(2);
  });

  it('deletes uploads nothing took within 24 hours, files and rows, through the scheduled job (rule: unattached uploads deleted)', async () => {
    const me = await fresh();
    const [kept, abandoned, recent] = [(await upload(me, await small()).expect(201)).body.id, (await upload(me, await small()).expect(201)).body.id, (await upload(me, await small()).expect(201)).body.id] as number[];
    await report(t, me, { communityId: estate.community.id, description: '楼道灯不亮', place: '1栋', photoIds: [kept] }).expect(201);
    const old = new Date(Date.now() - 25 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    await t.db.query(`UPDATE upload SET created_at = ? WHERE id IN (${kept}, ${abandoned})`, [old]);
    const files = async (id: number) => {
      const u = await t.db.getRepository(Upload).findOneByOrFail({ id });
      return [u.storageKey, u.thumbnailKey];
    };
    const abandonedFiles = await files(abandoned);
    expect(abandonedFiles.every((key) => fs.existsSync(path.join(storageDir, key)))).toBe(true);

    await t.app.get(JobSchedulerService).tick();

    expect(await t.db.getRepository(Upload).existsBy({ id: abandoned })).toBe(false);
    expect(abandonedFiles.some((key) => fs.existsSync(path.join(storageDir, key)))).toBe(false);
    for (const id of [kept, recent]) {
      expect(await t.db.getRepository(Upload).existsBy({ id })).toBe(true);
      expect((await files(id)).every((key) => fs.existsSync(path.join(storageDir, key)))).toBe(true);
    }
  });
});

describe('house imports: caps on unpacked size and rows', () => {
  let t: TestApp;
  let estate: Estate;
  let manager: Auth;
  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
    manager = await t.signInAs(roleIn(estate).manager);
  });
  afterAll(() => t.close());

  const importFile = (body: Buffer, name = 'houses.xlsx') => t.http().post(`/api/v1/communities/${estate.community.id}/houses/import`).set(manager).attach('file', body, name);
  const roster = async (rows: number) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('房屋');
    ws.addRow(['楼栋', '单元', '楼层', '房号', '建筑面积']);
    for (let i = 0; i < rows; i++) ws.addRow(['9栋', '1单元', 1 + (i % 30), String(1000 + i), '89.50']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('refuses an .xlsx that unpacks past 50 MB (a zip bomb) before reading it, and imports nothing (rule: import unpacked-size cap)', async () => {
    const zip = await JSZip.loadAsync(await roster(3));
    zip.file('xl/media/padding.bin', Buffer.alloc(60 * 1024 * 1024), { compression: 'DEFLATE', compressionOptions: { level: 9 } });
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await importFile(bomb).expect(413);
    expect(res.body).toMatchObject({ code: 'IMPORT_TOO_LARGE', message: expect.stringContaining('解压后超过 50 MB') });
    expect(await t.db.getRepository(House).countBy({ communityId: estate.community.id })).toBe(4);
    await importFile(await roster(3)).expect(201);
  });

  it('refuses more than 20,000 rows with a clear code, and imports nothing (rule: import row cap)', async () => {
    const before = await t.db.getRepository(House).countBy({ communityId: estate.community.id });
    const res = await importFile(await roster(20_001)).expect(413);
    expect(res.body).toMatchObject({ code: 'IMPORT_TOO_LARGE', message: expect.stringContaining('一次最多导入 20000 行') });
    const csv = ['楼栋,单元,楼层,房号,建筑面积', ...Array.from({ length: 20_001 }, (_, i) => `8栋,1单元,1,${i + 1},80.00`)].join('\n');
    const csvRes = await importFile(Buffer.from(csv), 'houses.csv').expect(422);
    expect(csvRes.body).toMatchObject({ code: 'IMPORT_INVALID', details: { errors: [{ reason: expect.stringContaining('一次最多导入 20000 行') }] } });
    expect(await t.db.getRepository(House).countBy({ communityId: estate.community.id })).toBe(before);
  });
});
