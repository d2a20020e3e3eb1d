import { randomBytes } from 'node:crypto';
import { EnvReader } from '../src/config';
import { decryptPhone, encryptPhone, hashPhone, phoneFields } from '../src/modules/identity/phone';
import { User } from '../src/modules/identity/user.entity';
import { readRotationKeys, rotatePhoneKey } from '../src/scripts/rotate-phone-key';
import { useTestApp } from './support/app';
import { createUser } from './support/fixtures';

describe('rotate:phone-key', () => {
  const t = useTestApp();

  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const keys = { oldKey, newKey };
  const phoneOf = (i: number) => `139${String(10000000 + i).slice(-8)}`;

  it('reads both keys from the settings and refuses a missing, malformed or unchanged one', () => {
    const hex = (k: Buffer) => k.toString('hex');
    expect(readRotationKeys(new EnvReader({ PHONE_ENCRYPTION_KEY_OLD: hex(oldKey), PHONE_ENCRYPTION_KEY: hex(newKey) }))).toEqual(keys);
    expect(() => readRotationKeys(new EnvReader({ PHONE_ENCRYPTION_KEY: hex(newKey) }))).toThrow('Invalid setting PHONE_ENCRYPTION_KEY_OLD: must be the key in use until now: 64 hexadecimal characters');
    expect(() => readRotationKeys(new EnvReader({ PHONE_ENCRYPTION_KEY_OLD: hex(oldKey), PHONE_ENCRYPTION_KEY: 'xyz' }))).toThrow('Invalid setting PHONE_ENCRYPTION_KEY: must be the new key');
    expect(() => readRotationKeys(new EnvReader({ PHONE_ENCRYPTION_KEY_OLD: hex(oldKey), PHONE_ENCRYPTION_KEY: hex(oldKey).toUpperCase() }))).toThrow('is the same as PHONE_ENCRYPTION_KEY_OLD');
  });

  it('re-encrypts every number under the new key, resumably, and leaves one it cannot open untouched', async () => {
    const users = t.db.getRepository(User);
    // More than one batch of 500, under the old key.
    const ids: number[] = [];
    for (let i = 0; i < 1203; i++) ids.push((await createUser(t.db)).user.id);
    for (const [i, id] of ids.entries()) await users.update(id, phoneFields(phoneOf(i), oldKey));
    const moved = (await createUser(t.db)).user.id;
    await users.update(moved, phoneFields('13700000001', newKey));
    // Under the new key already, but its lookup hash still from the old one (a run stopped between the two).
    const halfway = (await createUser(t.db)).user.id;
    await users.update(halfway, { ...phoneFields('13700000003', newKey), phoneHash: hashPhone('13700000003', oldKey) });
    const stranger = (await createUser(t.db)).user.id;
    const strangerCipher = encryptPhone('13600000002', randomBytes(32));
    await users.update(stranger, { phoneCipher: strangerCipher, phoneMasked: '136****0002', phoneHash: 'x' });
    const before = await users.find({ order: { id: 'ASC' } });

    const dry = await rotatePhoneKey(t.db, keys, { dryRun: true });
    expect(dry).toEqual({ rotated: 1204, current: expect.any(Number), unreadable: [stranger], changedMeanwhile: 0 });
    expect(await users.find({ order: { id: 'ASC' } })).toEqual(before);

    const report = await rotatePhoneKey(t.db, keys);
    expect(report.rotated).toBe(1204);
    expect(report.unreadable).toEqual([stranger]);
    for (const [i, id] of ids.entries()) {
      const u = await users.findOneByOrFail({ id });
      expect(decryptPhone(u.phoneCipher as string, newKey)).toBe(phoneOf(i));
      expect(u.phoneHash).toBe(hashPhone(phoneOf(i), newKey));
      expect(u.phoneMasked).toBe(before.find((b) => b.id === id)?.phoneMasked);
      expect(() => decryptPhone(u.phoneCipher as string, oldKey)).toThrow();
    }
    expect(await users.findOneByOrFail({ id: stranger })).toMatchObject({ phoneCipher: strangerCipher, phoneHash: 'x' });
    expect((await users.findOneByOrFail({ id: halfway })).phoneHash).toBe(hashPhone('13700000003', newKey));

    // Run again (after the API restarted on the new key): nothing left to do.
    const again = await rotatePhoneKey(t.db, keys);
    expect(again).toEqual({ rotated: 0, current: report.current + 1204, unreadable: [stranger], changedMeanwhile: 0 });
    expect(decryptPhone((await users.findOneByOrFail({ id: moved })).phoneCipher as string, newKey)).toBe('13700000001');
  });

  it('leaves a number the API changed while it ran, and says so', async () => {
    const users = t.db.getRepository(User);
    const id = (await createUser(t.db)).user.id;
    await users.update(id, phoneFields('13500000005', oldKey));
    // The resident saves a new number between the tool's read and its write (the API still runs on the old key).
    const transaction = t.db.transaction.bind(t.db);
    const spy = jest.spyOn(t.db, 'transaction').mockImplementationOnce(async (work: unknown) => {
      await users.update(id, phoneFields('13500000006', oldKey));
      return (transaction as (w: unknown) => Promise<unknown>)(work);
    });
    try {
      // (Every other number here is already under the new key.)
      expect(await rotatePhoneKey(t.db, keys)).toMatchObject({ rotated: 0, changedMeanwhile: 1 });
    } finally {
      spy.mockRestore();
    }
    expect(decryptPhone((await users.findOneByOrFail({ id })).phoneCipher as string, oldKey)).toBe('13500000006');
    // The next run takes it.
    await rotatePhoneKey(t.db, keys);
    expect(decryptPhone((await users.findOneByOrFail({ id })).phoneCipher as string, newKey)).toBe('13500000006');
  });
});
