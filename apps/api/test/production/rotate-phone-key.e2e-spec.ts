import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { decryptPhone, phoneFields } from '../../src/modules/identity/phone';

/** The built command an operator runs (`npm run rotate:phone-key`), on an embedded database of its own. */
const SCRIPT = path.resolve(__dirname, '../../dist/scripts/rotate-phone-key.js');
const SEED = path.resolve(__dirname, '../../dist/scripts/seed-scale.js');

describe('the rotate:phone-key command', () => {
  const dbPath = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-rotate-')), 'wuye.sqlite');
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const run = (env: Record<string, string>, ...args: string[]) => {
    const r = spawnSync(process.execPath, [SCRIPT, ...args], { env: { PATH: process.env.PATH, DB_PATH: dbPath, ...env }, encoding: 'utf8' });
    return { status: r.status, out: r.stdout.trim(), err: r.stderr.trim() };
  };
  const keys = (old: Buffer, next: Buffer) => ({ PHONE_ENCRYPTION_KEY_OLD: old.toString('hex'), PHONE_ENCRYPTION_KEY: next.toString('hex') });
  /** The command's database, opened beside it as an operator's SQL client would. */
  const direct = () => new DataSource({ type: 'better-sqlite3', database: dbPath }).initialize();
  const cipherOf = async (id: number) => {
    const db = await direct();
    try {
      return ((await db.query('SELECT phone_cipher AS c FROM app_user WHERE id = ?', [id])) as { c: string }[])[0].c;
    } finally {
      await db.destroy();
    }
  };

  it('says what is wrong with its settings or arguments, and exits 1', () => {
    expect(run({ PHONE_ENCRYPTION_KEY: newKey.toString('hex') })).toEqual({ status: 1, out: '', err: 'Invalid setting PHONE_ENCRYPTION_KEY_OLD: must be the key in use until now: 64 hexadecimal characters' });
    expect(run(keys(oldKey, newKey), '--force')).toMatchObject({ status: 1, err: expect.stringContaining('unknown argument: --force') });
  });

  it('never migrates: on a database behind this build it refuses and changes nothing', async () => {
    expect(run(keys(oldKey, newKey), '--dry-run')).toEqual({ status: 1, out: '', err: 'The database is not at this build’s schema: deploy this version of the API first (it migrates the database), then run this again.' });
    const db = await direct();
    try {
      expect(await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'app_user'")).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('re-encrypts the numbers, reports those it cannot open and exits 1 for them; a second run has nothing to do', async () => {
    // The API's schema (as the deployed API leaves it; the bulk loader migrates the same way), then two users with
    // phones under the old key and one under a key nobody has.
    expect(spawnSync(process.execPath, [SEED, '--communities', '1', '--owners', '2'], { env: { PATH: process.env.PATH, DB_PATH: dbPath } }).status).toBe(0);
    expect(run(keys(oldKey, newKey), '--dry-run')).toEqual({ status: 0, out: 'Would re-encrypt 0 phone numbers; 0 already under the new key.', err: '' });
    const db = await direct();
    const add = async (phone: string, key: Buffer) => {
      const f = phoneFields(phone, key);
      await db.query("INSERT INTO app_user (display_name, phone_cipher, phone_masked, phone_hash) VALUES ('业主', ?, ?, ?)", [f.phoneCipher, f.phoneMasked, f.phoneHash]);
      return Number(((await db.query('SELECT MAX(id) AS id FROM app_user')) as { id: number }[])[0].id);
    };
    const a = await add('13912341234', oldKey);
    const b = await add('13800001001', oldKey);
    const lost = await add('13700000000', randomBytes(32));
    await db.destroy();

    expect(run(keys(oldKey, newKey))).toEqual({
      status: 1,
      out: 'Re-encrypted 2 phone numbers; 0 already under the new key.',
      err: `Left unchanged, opening with neither key: 1 phone number (user ids ${lost}). Is PHONE_ENCRYPTION_KEY_OLD the key in use until now?`,
    });
    expect(decryptPhone(await cipherOf(a), newKey)).toBe('13912341234');
    expect(decryptPhone(await cipherOf(b), newKey)).toBe('13800001001');
    expect(run(keys(oldKey, newKey)).out).toBe('Re-encrypted 0 phone numbers; 2 already under the new key.');
  });
});
