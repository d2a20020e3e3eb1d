import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Phone numbers are personal information (个人信息保护法): stored encrypted (AES-256-GCM), found by a keyed
 * hash, shown masked. The plaintext never leaves the server.
 */
export function encryptPhone(phone: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(phone, 'utf8'), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function decryptPhone(stored: string, key: Buffer): string {
  if (!stored.startsWith('v1:')) throw new Error('unknown phone cipher version');
  const raw = Buffer.from(stored.slice(3), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export const hashPhone = (phone: string, key: Buffer) => createHmac('sha256', key).update(`phone:${phone}`).digest('hex');

/** 13812341234 → 138****1234; shorter numbers keep only their last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `****${digits.slice(-4)}`;
}

export function phoneFields(phone: string, key: Buffer) {
  return { phoneCipher: encryptPhone(phone, key), phoneMasked: maskPhone(phone), phoneHash: hashPhone(phone, key) };
}

/**
 * A number typed for someone else (a caller of 代报): a mainland mobile (with or without +86/0086) or a landline with
 * its area code, as digits; null when it is neither.
 */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[\s\-()（）]/g, '').replace(/^(?:\+?86|0086)(?=1[3-9]\d{9}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits) ? digits : null;
}
