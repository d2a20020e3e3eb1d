import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { MeView, RoleScope } from '@wuye/contracts';
import { authConfig, type AuthConfig } from '../../config';
import { conflict } from '../../common/errors';
import { Area } from '../org/area.entity';
import { Community } from '../org/community.entity';
import { PropertyCompany } from '../org/property-company.entity';
import { WechatClient } from '../wechat/wechat.client';
import { AuditService } from './audit.service';
import { BindingsService } from './bindings.service';
import { phoneFields } from './phone';
import type { Principal } from './principal';
import { User } from './user.entity';

@Injectable()
export class MeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(authConfig.KEY) private readonly auth: AuthConfig,
    private readonly bindings: BindingsService,
    private readonly wechat: WechatClient,
    private readonly audit: AuditService,
  ) {}

  async me(caller: Principal): Promise<MeView> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: caller.userId });
    return {
      id: user.id,
      displayName: user.displayName,
      phone: user.phoneMasked,
      roles: await this.roleScopes(caller),
      houses: await this.bindings.myHouses(user.id),
      wechat: this.wechat.configured,
    };
  }

  async rename(caller: Principal, displayName: string): Promise<MeView> {
    await this.db.getRepository(User).update(caller.userId, { displayName });
    return this.me(caller);
  }

  /**
   * getPhoneNumber's code → the number, encrypted at rest, shown masked. WeChat bills each call, so a user who
   * already has a number is told so instead of being charged again.
   */
  async bindPhone(caller: Principal, code: string, replace: boolean): Promise<MeView> {
    const user = await this.db.getRepository(User).findOneByOrFail({ id: caller.userId });
    if (user.phoneCipher && !replace) throw conflict('PHONE_ALREADY_SET', '已绑定手机号；如需更换，请确认后重试');
    const { phone } = await this.wechat.getPhoneNumber(code);
    await this.db.getRepository(User).update(user.id, phoneFields(phone, this.auth.phoneKey));
    await this.audit.record({ by: caller, action: 'user.phone', entityType: 'user', entityId: user.id, after: { phone: 'set' } });
    return this.me(caller);
  }

  /** The caller's grants with readable scope names (锦绣花园, 清河万家物业, 城关镇). */
  private async roleScopes(caller: Principal): Promise<RoleScope[]> {
    const grants = caller.grants;
    const ids = (pick: (g: (typeof grants)[number]) => number | undefined) => [...new Set(grants.map(pick).filter((x): x is number => x !== undefined))];
    const [communities, companies, areas] = await Promise.all([
      ids((g) => g.communityId).length ? this.db.getRepository(Community).findBy({ id: In(ids((g) => g.communityId)) }) : [],
      ids((g) => g.companyId).length ? this.db.getRepository(PropertyCompany).findBy({ id: In(ids((g) => g.companyId)) }) : [],
      ids((g) => g.areaId).length ? this.db.getRepository(Area).findBy({ id: In(ids((g) => g.areaId)) }) : [],
    ]);
    return grants.map((g) => ({
      role: g.role,
      ...(g.communityId !== undefined ? { communityId: g.communityId } : {}),
      ...(g.companyId !== undefined ? { companyId: g.companyId } : {}),
      ...(g.areaId !== undefined ? { areaId: g.areaId } : {}),
      ...(g.title ? { title: g.title } : {}),
      scopeName:
        g.communityId !== undefined
          ? communities.find((c) => c.id === g.communityId)?.name
          : g.companyId !== undefined
            ? companies.find((c) => c.id === g.companyId)?.name
            : g.areaId !== undefined
              ? areas.find((a) => a.id === g.areaId)?.name
              : '全平台',
    }));
  }
}
