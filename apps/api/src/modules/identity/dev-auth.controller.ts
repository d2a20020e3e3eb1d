import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { ROLE_LABELS, type DevAccount } from '@wuye/contracts';
import { DomainError } from '../../common/errors';
import { SignInRateLimit } from '../limits/rate-limit.guard';
import { Public } from './access.decorators';
import type { TokenPair } from '@wuye/contracts';
import { AuthService } from './auth.service';
import { DevSignInDto } from './dto/auth.dto';
import { GrantsService } from './grants.service';
import { User } from './user.entity';

/**
 * Development sign-in: act as any seeded demo account. Registered only when NODE_ENV is not production and no
 * WeChat secret is configured (see IdentityModule); otherwise these routes do not exist.
 */
@ApiTags('auth')
@Controller('auth/dev')
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
