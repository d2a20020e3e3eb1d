import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/errors';
import { TextField } from '../../common/fields';
import { Public } from '../identity/access.decorators';
import { ContentSecurityService } from './content-security.service';

export class WechatSignatureQuery {
  @TextField({ max: 64, optional: true })
  signature?: string;

  @TextField({ max: 20, optional: true })
  timestamp?: string;

  @TextField({ max: 64, optional: true })
  nonce?: string;

  @TextField({ max: 128, optional: true })
  echostr?: string;
}

/** WeChat's message push (消息推送, JSON mode): URL verification and the media-check verdicts. */
@ApiTags('wechat')
@Controller('wechat/events')
export class WechatEventsController {
  constructor(private readonly content: ContentSecurityService) {}

  @Get()
  @Public()
  verify(@Query() query: WechatSignatureQuery, @Res() res: FastifyReply): void {
    this.assertSigned(query);
    void res.type('text/plain; charset=utf-8').send(query.echostr ?? '');
  }

  @Post()
  @HttpCode(200)
  @Public()
  async receive(@Query() query: WechatSignatureQuery, @Body() event: Record<string, unknown>): Promise<string> {
    this.assertSigned(query);
    if (event?.Event === 'wxa_media_check') await this.content.onMediaCheck(event as { trace_id?: string; result?: { suggest?: string } });
    return 'success';
  }

  private assertSigned(query: WechatSignatureQuery): void {
    if (!this.content.verifySignature(query.signature ?? '', query.timestamp ?? '', query.nonce ?? '')) {
      throw new DomainError(403, 'BAD_SIGNATURE', '签名无效');
    }
  }
}
