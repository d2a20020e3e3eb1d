/**
 * Re-encrypts every stored phone number under a new PHONE_ENCRYPTION_KEY:
 *   PHONE_ENCRYPTION_KEY_OLD=<old> PHONE_ENCRYPTION_KEY=<new> npm run rotate:phone-key [-- --dry-run]
 * Uses the API's database settings. Each number is decrypted with the old key, encrypted with the new one and its
 * lookup hash recomputed, 500 users per transaction. A number that already opens with the new key is left as it
 * is, so the tool can be stopped and run again, and run once more after the API restarts on the new key (to catch
 * numbers saved with the old key in between). A number that opens with neither key is reported and left untouched;
 * the tool then exits with status 1.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { ConfigError, EnvReader } from '../config';
import { decryptPhone, hashPhone, phoneFields } from '../modules/identity/phone';
import { command } from './command';

export interface RotationReport {
  /** Re-encrypted under the new key (with dryRun: would be). */
  rotated: number;
  /** Already under the new key. */
  current: number;
  /** Users whose number opens with neither key. */
  unreadable: number[];
  /** Numbers the API replaced between reading and writing, left to the next run. */
  changedMeanwhile: number;
}

const BATCH = 500;
const KEY_PATTERN = /^[0-9a-fA-F]{64}$/;

/** The old and new keys from the environment, refused unless both are 256-bit hex keys and differ. */
export function readRotationKeys(env = new EnvReader()): { oldKey: Buffer; newKey: Buffer } {
  const oldHex = env.optional('PHONE_ENCRYPTION_KEY_OLD') ?? '';
  const newHex = env.optional('PHONE_ENCRYPTION_KEY') ?? '';
  if (!KEY_PATTERN.test(oldHex)) throw new ConfigError('PHONE_ENCRYPTION_KEY_OLD', 'must be the key in use until now: 64 hexadecimal characters');
  if (!KEY_PATTERN.test(newHex)) throw new ConfigError('PHONE_ENCRYPTION_KEY', 'must be the new key: 64 hexadecimal characters');
  if (oldHex.toLowerCase() === newHex.toLowerCase()) throw new ConfigError('PHONE_ENCRYPTION_KEY', 'is the same as PHONE_ENCRYPTION_KEY_OLD; nothing to rotate');
  return { oldKey: Buffer.from(oldHex, 'hex'), newKey: Buffer.from(newHex, 'hex') };
}

const opens = (cipher: string, key: Buffer): string | null => {
  try {
    return decryptPhone(cipher, key);
  } catch {
    return null;
  }
};

export async function rotatePhoneKey(db: DataSource, keys: { oldKey: Buffer; newKey: Buffer }, options: { dryRun?: boolean } = {}): Promise<RotationReport> {
  const report: RotationReport = { rotated: 0, current: 0, unreadable: [], changedMeanwhile: 0 };
  let after = 0;
  for (;;) {
    const rows: { id: number; cipher: string; hash: string | null }[] = await db.query(
      `SELECT id, phone_cipher AS cipher, phone_hash AS hash FROM app_user WHERE phone_cipher IS NOT NULL AND id > ? ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (!rows.length) return report;
    after = Number(rows[rows.length - 1].id);
    /** `was`: the cipher read, so a number the API changed meanwhile is not overwritten. */
    const updates: { id: number; was: string; cipher: string; hash: string }[] = [];
    for (const row of rows) {
      const phone = opens(row.cipher, keys.oldKey);
      if (phone !== null) {
        const next = phoneFields(phone, keys.newKey);
        updates.push({ id: Number(row.id), was: row.cipher, cipher: next.phoneCipher, hash: next.phoneHash });
        continue;
      }
      const current = opens(row.cipher, keys.newKey);
      if (current === null) report.unreadable.push(Number(row.id));
      else if (row.hash !== hashPhone(current, keys.newKey)) updates.push({ id: Number(row.id), was: row.cipher, cipher: row.cipher, hash: hashPhone(current, keys.newKey) });
      else report.current++;
    }
    if (options.dryRun) {
      report.rotated += updates.length;
      continue;
    }
    if (!updates.length) continue;
    await db.transaction(async (m) => {
      // Only a row still holding what was read: a number changed meanwhile is the API's (the next run takes it).
      for (const u of updates) {
        const result = await m.queryRunner!.query('UPDATE app_user SET phone_cipher = ?, phone_hash = ? WHERE id = ? AND phone_cipher = ?', [u.cipher, u.hash, u.id, u.was], true);
        if (result.affected) report.rotated++;
        else report.changedMeanwhile++;
      }
    });
  }
}

command(module, async (open) => {
  const dryRun = process.argv.includes('--dry-run');
  const unknown = process.argv.slice(2).filter((a) => a !== '--dry-run');
  if (unknown.length) throw new Error(`usage: npm run rotate:phone-key [-- --dry-run]\n(unknown argument: ${unknown[0]})`);
  const keys = readRotationKeys();
  // Never migrates: it runs beside live replicas, on the schema they use.
  const { db } = await open({ migrate: false });
  const report = await rotatePhoneKey(db, keys, { dryRun });
  console.log(`${dryRun ? 'Would re-encrypt' : 'Re-encrypted'} ${report.rotated} phone numbers; ${report.current} already under the new key.`);
  if (report.changedMeanwhile) console.log(`${report.changedMeanwhile} changed while this ran: run it once more.`);
  if (report.unreadable.length) {
    const n = report.unreadable.length;
    const ids = `${report.unreadable.slice(0, 20).join(', ')}${n > 20 ? ', …' : ''}`;
    console.error(`Left unchanged, opening with neither key: ${n} phone number${n === 1 ? '' : 's'} (user ids ${ids}). Is PHONE_ENCRYPTION_KEY_OLD the key in use until now?`);
    process.exitCode = 1;
  }
});
