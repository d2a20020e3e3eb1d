import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { UploadView } from '@wuye/contracts';
import { IntField, TextField } from '../../common/fields';
import { SingleFileUpload, UploadedFile, requireFile, type UploadedFileData } from '../../common/upload';
import { Caller, Public, SignedIn } from '../identity/access.decorators';
import type { Principal } from '../identity/principal';
import { UploadsService } from './uploads.service';

export class SignedFileQuery {
  @IntField({ min: 0, max: 2 ** 42, fromQuery: true })
  exp: number;

  @TextField({ max: 64, pattern: /^[A-Za-z0-9_-]+$/ })
  sig: string;
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
