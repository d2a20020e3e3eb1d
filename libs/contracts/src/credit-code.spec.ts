import { checkCreditCode, creditCodeCheckChar } from './credit-code';

describe('统一社会信用代码', () => {
  it.each(['91350100M000100Y43', '9144030071526726XG', '91330100716105852F', '91110000802100433B'])('accepts the real code %s', (code) => {
    expect(checkCreditCode(code)).toBeNull();
  });

  it('names what is wrong', () => {
    expect(checkCreditCode('91350100M000100Y44')).toBe('check_digit');
    expect(checkCreditCode('91350100M000100Y4')).toBe('length');
    expect(checkCreditCode('91350100M000100Y4I')).toBe('characters');
    expect(checkCreditCode('91350100m000100Y43')).toBe('characters');
  });

  it('catches every single-character typo in a valid code', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const code = '91350100M000100Y43';
    for (let i = 0; i < 17; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(checkCreditCode(typo)).toBe('check_digit');
      }
    }
  });

  it('computes check characters, including 0 when the sum is a multiple of 31', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckChar('short')).toBeNull();
    const zeros = '00000000000000000';
    expect(creditCodeCheckChar(zeros)).toBe('0');
  });
});
