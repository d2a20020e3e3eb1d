import { Global, Module } from '@nestjs/common';
import { ClientConfigController } from './client-config.controller';
import { WechatClient } from './wechat.client';

/** One WeChat client per process (it holds the cached access token). */
@Global()
@Module({ controllers: [ClientConfigController], providers: [WechatClient], exports: [WechatClient] })
export class WechatModule {}
