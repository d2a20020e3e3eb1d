import sharp from 'sharp';
import { createTestApp, TestApp } from './support/app';
import { FakeS3 } from './support/fake-s3';
import { createEstate, createResident } from './support/fixtures';
import { hasExif, photo } from './support/images';

/** The S3 adapter against an S3-compatible server on loopback: photos land in the bucket, links are presigned. */
describe('S3-compatible storage', () => {
  let s3: FakeS3;
  let t: TestApp;
  beforeAll(async () => {
    s3 = await new FakeS3().start();
    t = await createTestApp({
      STORAGE_DRIVER: 's3',
      STORAGE_S3_ENDPOINT: s3.endpoint,
      STORAGE_S3_BUCKET: 'wuye-photos',
      STORAGE_S3_ACCESS_KEY: 'test-access',
      STORAGE_S3_SECRET_KEY: 'test-secret-key',
    });
  });
  afterAll(async () => {
    await t.close();
    await s3.stop();
  });

  it('puts the re-encoded photo and its thumbnail in the bucket and hands out presigned links', async () => {
    // Uploading needs a role or a house binding: a resident.
    const me = await t.signIn((await createResident(t.db, (await createEstate(t.db)).houses[0])).devKey);
    const res = await t.http().post('/api/v1/uploads').set(me).attach('file', await photo({ width: 2000, height: 1000 }), 'a.jpg').expect(201);
    const keys = [...s3.objects.keys()];
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => k.startsWith('wuye-photos/photos/'))).toBe(true);
    expect(s3.requests.every((r) => r.signed)).toBe(true);

    expect(res.body.url).toMatch(new RegExp(`^${s3.endpoint}/wuye-photos/photos/.+X-Amz-Signature=`));
    const image = Buffer.from(await (await fetch(res.body.url)).arrayBuffer());
    expect(hasExif(image)).toBe(false);
    expect(await sharp(image).metadata()).toMatchObject({ format: 'jpeg', width: 1600, height: 800 });
  });

  it('refuses to start with S3 chosen but no bucket', async () => {
    await expect(createTestApp({ STORAGE_DRIVER: 's3', STORAGE_S3_ACCESS_KEY: 'a', STORAGE_S3_SECRET_KEY: 'b' })).rejects.toThrow(/STORAGE_S3_BUCKET/);
  });
});
