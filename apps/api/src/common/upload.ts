import { applyDecorators, CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor, UseInterceptors, type Type } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { DomainError } from './errors';

/** A file sent as multipart field `file`, read into memory. */
export interface UploadedFileData {
  buffer: Buffer;
  filename: string;
  mimetype: string;
}

type UploadRequest = FastifyRequest & { uploadedFile?: UploadedFileData };

const tooLarge = (maxBytes: number) =>
  new DomainError(413, 'PAYLOAD_TOO_LARGE', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);

/** Reads the multipart body before the route: field `file` (at most `maxBytes`), the other fields as the body. */
function singleFileInterceptor(maxBytes: number): Type<NestInterceptor> {
  @Injectable()
  class SingleFileInterceptor implements NestInterceptor {
    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = context.switchToHttp().getRequest<UploadRequest>();
      if (!req.isMultipart()) return next.handle();
      const fields: Record<string, string> = {};
      try {
        for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 64 * 1024 } })) {
          if (part.type === 'field') {
            fields[part.fieldname] = String(part.value);
            continue;
          }
          const buffer = await part.toBuffer();
          if (part.fieldname !== 'file') throw new DomainError(400, 'VALIDATION_FAILED', `文件须放在字段 file 中（收到 ${part.fieldname}）`);
          req.uploadedFile = { buffer, filename: part.filename, mimetype: part.mimetype };
        }
      } catch (error) {
        if (error instanceof DomainError) throw error;
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
        if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
          throw new DomainError(400, 'VALIDATION_FAILED', '一次只能上传一个文件');
        }
        throw new DomainError(400, 'VALIDATION_FAILED', '上传的内容不完整，请重新选择文件上传');
      }
      req.body = { ...(req.body as object), ...fields };
      return next.handle();
    }
  }
  return SingleFileInterceptor;
}

/** One multipart file in field `file`, held in memory, at most `maxBytes` (413 above). */
export function SingleFileUpload(maxBytes: number, description: string, extraFields: Record<string, object> = {}) {
  return applyDecorators(
    UseInterceptors(singleFileInterceptor(maxBytes)),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', format: 'binary', description }, ...extraFields },
      },
    }),
  );
}

/** The file SingleFileUpload read, if one came. */
export const UploadedFile = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<UploadRequest>().uploadedFile);

export function requireFile(file: UploadedFileData | undefined): UploadedFileData {
  if (!file || !file.buffer?.length) throw new DomainError(400, 'VALIDATION_FAILED', '请选择要上传的文件（字段 file）');
  return file;
}
