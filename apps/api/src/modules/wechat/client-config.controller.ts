import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TICKET_PHOTOS_MAX } from '@wuye/contracts';
import { wechatConfig, type WechatConfig } from '../../config';
import { Public } from '../identity/access.decorators';

/** What the mini-program needs to know before sign-in: which subscribe-message templates to ask for, limits. */
@ApiTags('wechat')
@Controller('client-config')
export class ClientConfigController {
  constructor(@Inject(wechatConfig.KEY) private readonly wechat: WechatConfig) {}

  @Get()
  @Public()
  get() {
    return {
      subscribeTemplates: this.wechat.templates,
      maxPhotos: TICKET_PHOTOS_MAX,
      maxUploadBytes: 10 * 1024 * 1024,
    };
  }
}
