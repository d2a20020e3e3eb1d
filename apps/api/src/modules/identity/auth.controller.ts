import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { TokenPair } from '@wuye/contracts';
import { SignInRateLimit } from '../limits/rate-limit.guard';
import { Caller, Public, SignedIn } from './access.decorators';
import { AuthService } from './auth.service';
import { RefreshDto, WechatSignInDto } from './dto/auth.dto';
import type { Principal } from './principal';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** 微信登录: the code from wx.login() → tokens. The first sign-in creates the account. */
  @Post('wechat')
  @HttpCode(200)
  @Public()
  @SignInRateLimit()
  wechat(@Body() dto: WechatSignInDto): Promise<TokenPair> {
    return this.auth.signInWithWechat(dto.code);
  }

  /** Exchanges a refresh token for a new pair; the old refresh token stops working. */
  @Post('refresh')
  @HttpCode(200)
  @Public()
  @SignInRateLimit()
  refresh(@Body() dto: RefreshDto): Promise<TokenPair> {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Ends this session everywhere its tokens went. */
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @SignedIn()
  async logout(@Caller() caller: Principal): Promise<void> {
    await this.auth.revokeFamily(caller.sessionId);
  }
}
