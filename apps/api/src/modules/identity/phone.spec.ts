import { randomBytes } from 'node:crypto';
import { decryptPhone, encryptPhone, hashPhone, maskPhone, normalizePhone } from './phone';

describe('phone numbers', () => {
  const key = randomBytes(32);

  it('are encrypted so that the stored text reveals nothing, and decrypt back', () => {
    const stored = encryptPhone('13812341234', key);
    expect(stored).not.toContain('1381234');
    expect(encryptPhone('13812341234', key)).not.toBe(stored); // random IV
    expect(decryptPhone(stored, key)).toBe('13812341234');
  });

  it('cannot be read with another key', () => {
    expect(() => decryptPhone(encryptPhone('13812341234', key), randomBytes(32))).toThrow();
  });

  it('are shown masked', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138 1234 1234')).toBe('861****1234');
  });

  it('hash the same number the same way, for look-up', () => {
    expect(hashPhone('13812341234', key)).toBe(hashPhone('13812341234', key));
    expect(hashPhone('13812341234', key)).not.toBe(hashPhone('13812341235', key));
  });

  it.each([
    ['13812341234', '13812341234'],
    ['+86 138-1234-1234', '13812341234'],
    ['0086 13812341234', '13812341234'],
    ['0571-8888 1234', '057188881234'],
    ['(010) 6555 1234', '01065551234'],
    ['12345', null],
    ['23812341234', null],
    ['138123412345', null],
    ['138a1234123', null],
  ])('takes a caller’s number as typed for 代报: %s → %s', (typed, stored) => {
    expect(normalizePhone(typed)).toBe(stored);
  });
});
