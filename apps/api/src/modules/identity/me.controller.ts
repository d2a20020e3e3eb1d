import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { InvitationView, MeView, Page } from '@wuye/contracts';
import { PageQuery } from '../../common/pagination';
import { Caller, SignedIn } from './access.decorators';
import { PhoneDto, RenameDto } from './dto/auth.dto';
import { MeService } from './me.service';
import type { Principal } from './principal';
import { RolesService } from './roles.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly me: MeService,
    private readonly roles: RolesService,
  ) {}

  /** 我的: the user, masked phone, roles with their scopes, houses (owners: with their household). */
  @Get()
  @SignedIn()
  get(@Caller() caller: Principal): Promise<MeView> {
    return this.me.me(caller);
  }

  @Patch()
  @SignedIn()
  rename(@Caller() caller: Principal, @Body() dto: RenameDto): Promise<MeView> {
    return this.me.rename(caller, dto.displayName);
  }

  /** 绑定手机号: the code from the getPhoneNumber button. */
  @Post('phone')
  @HttpCode(200)
  @SignedIn()
  phone(@Caller() caller: Principal, @Body() dto: PhoneDto): Promise<MeView> {
    return this.me.bindPhone(caller, dto.code, dto.replace ?? false);
  }

  /** Invitation codes this user issued. */
  @Get('invitations')
  @SignedIn()
  invitations(@Caller() caller: Principal, @Query() query: PageQuery): Promise<Page<InvitationView>> {
    return this.roles.myInvitations(caller, query);
  }
}
