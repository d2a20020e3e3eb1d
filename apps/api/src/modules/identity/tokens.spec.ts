import { signAccessToken, verifyAccessToken } from './tokens';

describe('access tokens', () => {
  const claims = { sub: 7, sid: 'family-1', iat: 1000, exp: 2000 };

  it('verify while fresh and carry their claims', () => {
    const token = signAccessToken(claims, 'secret-a');
    expect(verifyAccessToken(token, 'secret-a', 1500_000)).toEqual({ ok: true, claims });
  });

  it('expire', () => {
    expect(verifyAccessToken(signAccessToken(claims, 'secret-a'), 'secret-a', 2000_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('are refused when signed with another key or altered', () => {
    const token = signAccessToken(claims, 'secret-a');
    expect(verifyAccessToken(token, 'secret-b', 1500_000)).toEqual({ ok: false, reason: 'invalid' });
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 1 })).toString('base64url')}.${s}`;
    expect(verifyAccessToken(forged, 'secret-a', 1500_000)).toEqual({ ok: false, reason: 'invalid' });
    expect(verifyAccessToken('garbage', 'secret-a')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuse the "none" algorithm trick', () => {
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    expect(verifyAccessToken(`${none}.${body}.`, 'secret-a', 1500_000)).toEqual({ ok: false, reason: 'invalid' });
  });
});
