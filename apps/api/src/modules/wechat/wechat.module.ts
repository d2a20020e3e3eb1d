import { Global, Module } from '@nestjs/common';
import { WechatClient } from './wechat.client';

/** One WeChat client per process (it holds the cached access token). */
@Global()
@Module({ providers: [WechatClient], exports: [WechatClient] })
export class WechatModule {}
