import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParseIdPipe } from '../../common/id.pipe';
import { TextField } from '../../common/fields';
import { Allow, Caller } from './access.decorators';
import { AuthService } from './auth.service';
import type { Principal } from './principal';

export class DisableAccountDto {
  @TextField({ max: 200, optional: true, description: 'Why (kept in the audit log)' })
  reason?: string;
}

/** Accounts (platform admins): disabling one ends every session it has at once. */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('users')
export class AccountsController {
  constructor(private readonly auth: AuthService) {}

  /** 停用账号: its access tokens stop working at once and its refresh tokens are refused. */
  @Post(':id/disable')
  @HttpCode(200)
  @Allow('users.disable')
  disable(@Param('id', ParseIdPipe) id: number, @Body() dto: DisableAccountDto, @Caller() caller: Principal): Promise<{ id: number; disabled: boolean }> {
    return this.auth.setDisabled(id, true, caller, dto.reason);
  }

  /** 启用账号: the user signs in again (no old session comes back). */
  @Post(':id/enable')
  @HttpCode(200)
  @Allow('users.disable')
  enable(@Param('id', ParseIdPipe) id: number, @Caller() caller: Principal): Promise<{ id: number; disabled: boolean }> {
    return this.auth.setDisabled(id, false, caller);
  }
}
