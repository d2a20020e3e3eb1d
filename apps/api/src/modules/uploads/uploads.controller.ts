import { CanActivate, Controller, ExecutionContext, Get, Injectable, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { UploadView } from '@wuye/contracts';
import { DomainError } from '../../common/errors';
import { IntField, TextField } from '../../common/fields';
import { SingleFileUpload, UploadedFile, requireFile, type UploadedFileData } from '../../common/upload';
import { Caller, Public, SignedIn, type AuthedRequest } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { UploadsService } from './uploads.service';

export class SignedFileQuery {
  @IntField({ min: 0, max: 2 ** 42, fromQuery: true })
  exp: number;

  @TextField({ max: 64, pattern: /^[A-Za-z0-9_-]+$/ })
  sig: string;
}

/**
 * Before the file is read (guards run before the body is taken): the caller holds a role or an approved house
 * binding (a bare sign-in cannot fill the store), and has not reached today's limits.
 */
@Injectable()
export class UploaderGuard implements CanActivate {
  constructor(private readonly uploads: UploadsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const caller = context.switchToHttp().getRequest<AuthedRequest>().principal;
    if (!caller?.may('uploads.create')) throw new DomainError(403, 'UPLOAD_NOT_ALLOWED', '绑定房屋（或获得物业、业委会等角色）后才能上传照片');
    await this.uploads.checkDailyLimit(caller.userId, 0);
    return true;
  }
}

@ApiTags('uploads')
@Controller()
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  /**
   * 上传照片/凭证: JPEG, PNG, WebP or HEIC ≤ 10 MB → a metadata-free JPEG ≤ 1600 px and a thumbnail; a PDF voucher
   * (for disclosures) is kept as sent once checked. Tickets accept photos only.
   */
  @Post('uploads')
  @ApiBearerAuth()
  @SignedIn()
  @UseGuards(UploaderGuard)
  @SingleFileUpload(10 * 1024 * 1024, 'A photo, at most 10 MB')
  create(@UploadedFile() file: UploadedFileData | undefined, @Caller() caller: Principal): Promise<UploadView> {
    return this.uploads.upload(requireFile(file).buffer, caller.userId);
  }

  /** A stored photo, through a signed link (the signature is the permission; links expire). */
  @Get('files/*')
  @Public()
  async file(@Param('*') path: string, @Query() query: SignedFileQuery, @Res() res: FastifyReply): Promise<void> {
    const stream = await this.uploads.openSigned(path, query.exp, query.sig);
    res.header('Content-Type', path.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg');
    if (path.endsWith('.pdf')) res.header('Content-Disposition', 'inline; filename="voucher.pdf"');
    res.header('Cache-Control', 'private, max-age=3600');
    await res.send(stream);
  }
}
