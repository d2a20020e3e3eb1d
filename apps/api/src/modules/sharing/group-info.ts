import { createDecipheriv } from 'node:crypto';
import { ERROR_CODES } from '@wuye/contracts';
import { DomainError } from '../../common/errors';

/**
 * WeChat's encrypted user data (here wx.getGroupEnterInfo / getShareInfo): AES-128-CBC with PKCS#7 padding, the key
 * being the base64 session_key and the iv the base64 iv the app received, the plaintext JSON with a watermark naming
 * the mini-program it was issued to. Returns the group's opengid, or null when the card was opened outside a group.
 */
export function readGroupEnterInfo(encryptedData: string, iv: string, sessionKey: string, appId: string): string | null {
  let info: { opengid?: unknown; openGId?: unknown; watermark?: { appid?: unknown } };
  try {
    const key = Buffer.from(sessionKey, 'base64');
    const decipher = createDecipheriv('aes-128-cbc', key, Buffer.from(iv, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(encryptedData, 'base64')), decipher.final()]).toString('utf8');
    info = JSON.parse(plain) as typeof info;
    if (typeof info !== 'object' || info === null) throw new Error('not an object');
  } catch {
    // A wrong key (the session key changed since), an altered cipher text or iv: padding or JSON breaks.
    throw new DomainError(422, 'GROUP_INFO_UNREADABLE', ERROR_CODES.GROUP_INFO_UNREADABLE);
  }
  if (info.watermark?.appid !== appId) throw new DomainError(422, 'GROUP_INFO_OTHER_APP', ERROR_CODES.GROUP_INFO_OTHER_APP);
  // getGroupEnterInfo says opengid; the older getShareInfo openGId. A single chat has neither.
  const gid = info.opengid ?? info.openGId;
  return typeof gid === 'string' && gid.length > 0 && gid.length <= 64 ? gid : null;
}
