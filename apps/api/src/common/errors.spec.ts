import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpException } from '@nestjs/common';
import { ERROR_CODES, isErrorCode } from '@wuye/contracts';
import { renderError } from './error.filter';

/** Every .ts file of the API but its tests. */
function sources(dir = path.resolve(__dirname, '..')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** The codes the API throws, as written: DomainError(status, 'CODE', …), conflict('CODE', …), invalid(…, 'CODE'), unauthenticated('CODE'). */
const THROWN = [/new DomainError\(\s*\d{3},\s*'([A-Z0-9_]+)'/g, /\bconflict\(\s*'([A-Z0-9_]+)'/g, /\bunauthenticated\(\s*'([A-Z0-9_]+)'/g, /\binvalid\([^;]*?,\s*'([A-Z][A-Z0-9_]+)'\s*\)/g];

describe('the error registry (ERROR_CODES)', () => {
  const thrown = new Map<string, string>();
  for (const file of sources()) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of THROWN) for (const match of text.matchAll(pattern)) thrown.set(match[1], path.relative(path.resolve(__dirname, '..'), file));
  }

  it('finds the codes the API throws (the scan itself works)', () => {
    expect([...thrown.keys()]).toEqual(expect.arrayContaining(['STALE_VERSION', 'INVALID_ASSIGNEE', 'WECHAT_BUSY', 'TOKEN_EXPIRED', 'CHAIN_BUSY']));
  });

  it('holds every code the API throws', () => {
    const missing = [...thrown].filter(([code]) => !isErrorCode(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('gives every code a message in Chinese', () => {
    for (const [code, message] of Object.entries(ERROR_CODES)) expect([code, /[\u4e00-\u9fff]/.test(message)]).toEqual([code, true]);
  });

  it('answers every HTTP status with a registered code, whatever threw it', () => {
    for (let status = 400; status < 600; status++) {
      for (const error of [new HttpException('x', status), Object.assign(new Error('below us'), { statusCode: status })]) {
        const { body } = renderError(error);
        expect([status, isErrorCode(body.code)]).toEqual([status, true]);
      }
    }
    expect(renderError(new Error('boom')).body.code).toBe('INTERNAL');
  });
});
