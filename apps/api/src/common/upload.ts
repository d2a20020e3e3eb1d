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

type UploadRequest = FastifyRequest & { uploadedFile?: UploadedFileData; uploadedFiles?: UploadedFileData[] };

const tooLarge = (maxBytes: number) =>
  new DomainError(413, 'PAYLOAD_TOO_LARGE', `文件不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);

export interface MultipartLimits {
  /** Bytes per file (413 above). */
  maxBytes: number;
  /** Files taken (400 above). */
  maxFiles: number;
  maxFields: number;
  /** The file fields taken. */
  fileField: (name: string) => boolean;
  /** A file in any other field: refused (with the message this returns), or read and dropped (null). */
  otherFile: (name: string) => string | null;
}

/**
 * Reads a multipart body before the route: the files of the fields `limits.fileField` takes into memory, the other
 * fields as the body (a field sent more than once becomes a list). Nothing of it is kept when a limit is passed.
 */
function multipartInterceptor(limits: MultipartLimits): Type<NestInterceptor> {
  @Injectable()
  class MultipartInterceptor implements NestInterceptor {
    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const req = context.switchToHttp().getRequest<UploadRequest>();
      if (!req.isMultipart()) return next.handle();
      const fields: Record<string, string | string[]> = {};
      const files: UploadedFileData[] = [];
      try {
        // One more file than taken is let through the parser, so that passing the limit is told apart from reaching it.
        for await (const part of req.parts({ limits: { fileSize: limits.maxBytes, files: limits.maxFiles + 5, fields: limits.maxFields, fieldSize: 64 * 1024 } })) {
          if (part.type === 'field') {
            const value = String(part.value);
            const before = fields[part.fieldname];
            fields[part.fieldname] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
            continue;
          }
          const buffer = await part.toBuffer();
          if (!limits.fileField(part.fieldname)) {
            const refusal = limits.otherFile(part.fieldname);
            if (refusal) throw new DomainError(400, 'VALIDATION_FAILED', refusal);
            continue;
          }
          if (files.length === limits.maxFiles) throw new DomainError(400, 'VALIDATION_FAILED', limits.maxFiles === 1 ? '一次只能上传一个文件' : `一次最多上传 ${limits.maxFiles} 个文件`);
          files.push({ buffer, filename: part.filename, mimetype: part.mimetype });
        }
      } catch (error) {
        if (error instanceof DomainError) throw error;
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limits.maxBytes);
        if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
          throw new DomainError(400, 'VALIDATION_FAILED', '提交的字段或文件太多');
        }
        throw new DomainError(400, 'VALIDATION_FAILED', '上传的内容不完整，请重新选择文件上传');
      }
      req.body = { ...(req.body as object), ...fields };
      req.uploadedFiles = files;
      req.uploadedFile = files[0];
      return next.handle();
    }
  }
  return MultipartInterceptor;
}

/** A multipart body read as MultipartLimits say; the files are then `@UploadedFiles()`. */
export const MultipartFiles = (limits: MultipartLimits) => UseInterceptors(multipartInterceptor(limits));

/** One multipart file in field `file`, held in memory, at most `maxBytes` (413 above). */
export function SingleFileUpload(maxBytes: number, description: string, extraFields: Record<string, object> = {}) {
  return applyDecorators(
    MultipartFiles({
      maxBytes,
      maxFiles: 1,
      maxFields: 10,
      fileField: (name) => name === 'file',
      otherFile: (name) => `文件须放在字段 file 中（收到 ${name}）`,
    }),
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

/** The files MultipartFiles read (none for a body that was not multipart). */
export const UploadedFiles = createParamDecorator((_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<UploadRequest>().uploadedFiles ?? []);

export function requireFile(file: UploadedFileData | undefined): UploadedFileData {
  if (!file || !file.buffer?.length) throw new DomainError(400, 'VALIDATION_FAILED', '请选择要上传的文件（字段 file）');
  return file;
}
