import { Body, CanActivate, Controller, Get, HttpCode, Inject, Injectable, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { ROLE_LABELS, type DevAccount } from '@wuye/contracts';
import { DomainError } from '../../common/errors';
import { appConfig, devSignInEnabled, wechatConfig, type AppConfig, type WechatConfig } from '../../config';
import { SignInRateLimit } from '../limits/rate-limit.guard';
import { Public } from './access.decorators';
import type { TokenPair } from '@wuye/contracts';
import { AuthService } from './auth.service';
import { DevSignInDto } from './dto/auth.dto';
import { GrantsService } from './grants.service';
import { User } from './user.entity';

/**
 * The second lock on development sign-in: IdentityModule registers these routes only outside production, and should
 * they be mounted some other way (a module imported elsewhere, the environment changed after start-up), each call
 * checks again, against the settings read at start and the environment now, and answers as a missing route.
 */
@Injectable()
export class DevSignInGuard implements CanActivate {
  constructor(
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    @Inject(wechatConfig.KEY) private readonly wechat: WechatConfig,
  ) {}

  canActivate(): boolean {
    if (this.app.production || this.wechat.secret || !devSignInEnabled()) throw new DomainError(404, 'ROUTE_NOT_FOUND', '请求的地址不存在');
    return true;
  }
}

/**
 * Development sign-in: act as any seeded demo account. Registered only when NODE_ENV is not production and no
 * WeChat secret is configured (see IdentityModule); otherwise these routes do not exist.
 */
@ApiTags('auth')
@Controller('auth/dev')
@UseGuards(DevSignInGuard)
export class DevAuthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly grants: GrantsService,
  ) {}

  @Get('users')
  @Public()
  async users(): Promise<DevAccount[]> {
    const users = await this.db.getRepository(User).find({ where: { devKey: Not(IsNull()), disabledAt: IsNull() }, order: { id: 'ASC' } });
    return Promise.all(
      users.map(async (u) => {
        const grants = await this.grants.grantsOf(u.id);
        return {
          key: u.devKey as string,
          displayName: u.displayName,
          roles: [...new Set(grants.map((g) => ROLE_LABELS[g.role]))],
        };
      }),
    );
  }

  @Post()
  @HttpCode(200)
  @Public()
  @SignInRateLimit()
  async signIn(@Body() dto: DevSignInDto): Promise<TokenPair> {
    const user = await this.db.getRepository(User).findOneBy({ devKey: dto.user, disabledAt: IsNull() });
    if (!user) throw new DomainError(404, 'NOT_FOUND', '没有这个演示账号');
    return this.auth.issueTokens(user.id);
  }
}
