import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { memoryStorage } from 'multer';
import { DomainError } from './errors';

/** One multipart file in field `file`, held in memory, at most `maxBytes` (multer answers 413 above). */
export function SingleFileUpload(maxBytes: number, description: string, extraFields: Record<string, object> = {}) {
  return applyDecorators(
    UseInterceptors(FileInterceptor('file', { storage: memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 10 } })),
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

export function requireFile(file: Express.Multer.File | undefined): Express.Multer.File {
  if (!file || !file.buffer?.length) throw new DomainError(400, 'VALIDATION_FAILED', '请选择要上传的文件（字段 file）');
  return file;
}
