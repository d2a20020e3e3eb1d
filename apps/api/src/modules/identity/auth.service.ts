import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, LessThanOrEqual, MoreThan } from 'typeorm';
import { authConfig, type AuthConfig } from '../../config';
import { conflict, notFound, unauthenticated } from '../../common/errors';
import { WechatClient } from '../wechat/wechat.client';
import { AuditService } from './audit.service';
import { AuthSession } from './auth-session.entity';
import type { Principal } from './principal';
import { User } from './user.entity';
import { openText, sealText } from './phone';
import { WechatSessionKey } from './wechat-session-key.entity';
import type { TokenPair } from '@wuye/contracts';
import { hashToken, newRefreshToken, signAccessToken, verifyAccessToken, type AccessClaims } from './tokens';

/** The wording of a 401 for a token whose session was logged out, revoked or expired. */
export const SESSION_OVER = '登录已失效，请重新登录';
export const ACCOUNT_DISABLED = '账号已停用，请联系物业或平台';

/** Access tokens whose signature was checked, kept until they expire (a bounded set: cleared when full). */
const VERIFIED_TOKENS = 10_000;

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
    private readonly wechat: WechatClient,
    private readonly audit: AuditService,
  ) {}

  private readonly verified = new Map<string, AccessClaims>();

  /** Starts a new session family (sign-in) or continues one (refresh). */
  async issueTokens(userId: number, familyId: string = randomUUID()): Promise<TokenPair> {
    const refreshToken = newRefreshToken();
    const now = Date.now();
    await this.db.getRepository(AuthSession).insert({
      userId,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(now + this.config.refreshTokenTtl * 1000),
      usedAt: null,
      revokedAt: null,
    });
    const iat = Math.floor(now / 1000);
    const claims: AccessClaims = { sub: userId, sid: familyId, iat, exp: iat + this.config.accessTokenTtl };
    return { accessToken: signAccessToken(claims, this.config.jwtSecret), refreshToken, expiresIn: this.config.accessTokenTtl };
  }

  /** WeChat sign-in: wx.login's code → openid; the first sign-in creates the user. */
  async signInWithWechat(code: string): Promise<TokenPair> {
    const session = await this.wechat.code2Session(code);
    const users = this.db.getRepository(User);
    let user = await users.findOneBy({ openid: session.openid });
    if (!user) {
      try {
        user = await users.save(
          users.create({ displayName: '微信用户', openid: session.openid, unionid: session.unionid, devKey: null, phoneCipher: null, phoneMasked: null, phoneHash: null, disabledAt: null }),
        );
      } catch (error) {
        // Two first sign-ins at once (double tap): the other one created the user.
        user = await users.findOneBy({ openid: session.openid });
        if (!user) throw error;
      }
    }
    if (user.disabledAt) throw unauthenticated('UNAUTHENTICATED', ACCOUNT_DISABLED);
    const familyId = randomUUID();
    if (session.sessionKey) {
      await this.db.getRepository(WechatSessionKey).insert({
        familyId,
        userId: user.id,
        keyCipher: sealText(session.sessionKey, this.config.phoneKey),
        expiresAt: new Date(Date.now() + this.config.refreshTokenTtl * 1000),
      });
    }
    return this.issueTokens(user.id, familyId);
  }

  /** Job: session keys past their time are deleted (a lookup already ignores them). */
  async deleteExpiredWechatSessionKeys(): Promise<number> {
    return (await this.db.getRepository(WechatSessionKey).delete({ expiresAt: LessThanOrEqual(new Date()) })).affected ?? 0;
  }

  /** The WeChat session key of this sign-in while it lasts; null after sign-out, revocation or expiry. */
  async wechatSessionKey(familyId: string): Promise<string | null> {
    const row = await this.db.getRepository(WechatSessionKey).findOneBy({ familyId, expiresAt: MoreThan(new Date()) });
    if (!row) return null;
    try {
      return openText(row.keyCipher, this.config.phoneKey);
    } catch {
      return null; // sealed under a key since rotated: as good as gone
    }
  }

  /** Rotates a refresh token. A token presented twice revokes its whole family (it was copied). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const repo = this.db.getRepository(AuthSession);
    const session = await repo.findOne({ where: { tokenHash: hashToken(refreshToken) } });
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
      throw unauthenticated('UNAUTHENTICATED', SESSION_OVER);
    }
    // A disabled account gets no new tokens, whichever way it was disabled (the admin call also revoked its sessions).
    if (!(await this.db.getRepository(User).existsBy({ id: session.userId, disabledAt: IsNull() }))) {
      await this.revokeFamily(session.familyId);
      throw unauthenticated('UNAUTHENTICATED', ACCOUNT_DISABLED);
    }
    const claimed = await repo.update({ id: session.id, usedAt: IsNull() }, { usedAt: new Date() });
    if (!claimed.affected) {
      await this.revokeFamily(session.familyId);
      throw unauthenticated('UNAUTHENTICATED', SESSION_OVER);
    }
    return this.issueTokens(session.userId, session.familyId);
  }

  /**
   * Disables (or enables again) an account. Disabling revokes every session of it in the same transaction: its access
   * tokens are refused from the next call on (the principal check reads the account), its refresh tokens at once.
   */
  async setDisabled(userId: number, disabled: boolean, caller: Principal, reason?: string): Promise<{ id: number; disabled: boolean }> {
    if (disabled && userId === caller.userId) throw conflict('CANNOT_DISABLE_SELF', '不能停用自己的账号，请由其他管理员操作');
    await this.db.transaction(async (m) => {
      const user = await m.getRepository(User).findOneBy({ id: userId });
      if (!user) throw notFound('user');
      if (Boolean(user.disabledAt) === disabled) return;
      await m.getRepository(User).update(userId, { disabledAt: disabled ? new Date() : null });
      if (disabled) {
        await m.getRepository(AuthSession).update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
        await m.getRepository(WechatSessionKey).delete({ userId });
      }
      await this.audit.record({ by: caller, action: disabled ? 'user.disable' : 'user.enable', entityType: 'user', entityId: userId, after: reason ? { reason } : null }, m);
    });
    return { id: userId, disabled };
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db.getRepository(AuthSession).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.db.getRepository(WechatSessionKey).delete({ familyId });
  }

  /** Verifies an access token's signature and expiry; whether its session is still live is the principal's check. */
  verify(accessToken: string): AccessClaims {
    const known = this.verified.get(accessToken);
    if (known && known.exp * 1000 > Date.now()) return known;
    const result = verifyAccessToken(accessToken, this.config.jwtSecret);
    if (!result.ok) {
      throw result.reason === 'expired'
        ? unauthenticated('TOKEN_EXPIRED', '登录已过期，请刷新')
        : unauthenticated('UNAUTHENTICATED', SESSION_OVER);
    }
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.clear();
    this.verified.set(accessToken, result.claims);
    return result.claims;
  }
}
