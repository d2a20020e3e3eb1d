import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ERROR_CODES, isErrorCode, type ApiErrorBody, type ErrorCode } from '@wuye/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { open311Errors, open311Format, renderOpen311 } from '../modules/tickets/open311-format';
import { DomainError, serverBusy } from './errors';

const STATUS_CODES: Record<number, [ErrorCode, string]> = {
  400: ['VALIDATION_FAILED', '请求格式不正确'],
  401: ['UNAUTHENTICATED', '请先登录'],
  403: ['FORBIDDEN', '您没有执行此操作的权限'],
  404: ['ROUTE_NOT_FOUND', '请求的地址不存在'],
  405: ['ROUTE_NOT_FOUND', '请求的地址不存在'],
  409: ['CONFLICT', '数据已被他人修改，请刷新后重试'],
  413: ['PAYLOAD_TOO_LARGE', '提交的内容太大了'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的文件或内容类型'],
  422: ['VALIDATION_FAILED', '提交的内容有误'],
  429: ['RATE_LIMITED', '操作太频繁，请稍后再试'],
  503: ['DB_UNAVAILABLE', '服务暂时不可用，请稍后再试'],
};

/** The code and message of a status nothing more specific was said about; only codes of ERROR_CODES. */
const statusCode = (status: number): [ErrorCode, string] =>
  STATUS_CODES[status] ?? (status >= 500 ? ['INTERNAL', ERROR_CODES.INTERNAL] : ['REQUEST_REFUSED', ERROR_CODES.REQUEST_REFUSED]);

/** Errors raised by the database driver when it cannot reach the server: the request may be retried. */
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'SQLITE_BUSY',
  'POOL_CLOSED',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'EHOSTUNREACH',
  'ENOTFOUND',
  // Still locked after the retries of retryingTransaction: busy, not broken.
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
]);

function driverCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const code = driverCode(error);
  if (code && UNAVAILABLE_ERRNO.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection lost|connect ECONNREFUSED|Pool is closed|Can't add new command when connection is in closed state/i.test(
    message,
  );
}

/**
 * mysql2's pool refusing a call because every connection is taken and its queue of waiting calls is full
 * (DB_POOL_QUEUE_LIMIT): a busy server, not a broken one.
 */
export function isPoolQueueFull(error: unknown): boolean {
  const e = error as { message?: unknown; driverError?: { message?: unknown } } | null;
  const message = e?.driverError?.message ?? e?.message;
  return message === 'Queue limit reached.';
}

export const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && ['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(driverCode(error) ?? '');

function clientStatus(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown } | null;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : typeof e?.status === 'number' ? e.status : undefined;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

interface Rendered {
  body: ApiErrorBody;
  headers?: Record<string, string>;
}

/** Maps anything thrown into the one JSON error shape: {statusCode, code, message, details?, requestId}. */
export function renderError(error: unknown): Rendered {
  if (error instanceof DomainError) {
    return {
      body: { statusCode: error.statusCode, code: error.code, message: error.message, details: error.details },
      headers: error.headers,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const [code, message] = statusCode(status);
    const response = error.getResponse() as { code?: string; message?: unknown; details?: unknown };
    const details = typeof response === 'object' ? response.details : undefined;
    return {
      body: { statusCode: status, code: typeof response === 'object' && isErrorCode(response.code) ? response.code : code, message, details },
    };
  }
  // Refusals from below our code (the file server: a range past the end, a path it will not serve) keep their 4xx.
  const status = clientStatus(error);
  if (status) {
    const [code, message] = statusCode(status);
    return { body: { statusCode: status, code, message } };
  }
  if (isUniqueViolation(error)) {
    return { body: { statusCode: 409, code: 'ALREADY_EXISTS', message: '该记录已存在' } };
  }
  if (isPoolQueueFull(error)) return renderError(serverBusy());
  if (isDatabaseUnavailable(error)) {
    return {
      body: { statusCode: 503, code: 'DB_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
      headers: { 'Retry-After': '5' },
    };
  }
  return { body: { statusCode: 500, code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } };
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const body = replyError(error, request, http.getResponse<FastifyReply>());
    if (body.code === 'SERVER_BUSY') {
      this.logger.warn({ requestId: String(request.id), code: body.code }, 'every database connection is taken and the queue for one is full');
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: error, requestId: String(request.id), code: body.code }, 'request failed');
    }
  }
}

/**
 * Answers `error` in the one error shape, or as GeoReport v2's list of {code, description} under /open311, in XML or
 * JSON as the URL's extension asks (also for what fails before an Open311 route runs, such as an unreadable body).
 */
export function replyError(error: unknown, req: FastifyRequest, reply: FastifyReply): ApiErrorBody {
  const { body, headers } = renderError(error);
  body.requestId = String(req.id);
  if (reply.sent) return body;
  for (const [name, value] of Object.entries(headers ?? {})) reply.header(name, value);
  if (req.url.startsWith('/open311')) {
    const { text, contentType } = renderOpen311(open311Errors(body.statusCode, body.statusCode === 500 ? 'internal error' : body.message), open311Format(req.url) ?? 'json');
    void reply.status(body.statusCode).type(contentType).send(text);
  } else {
    void reply.status(body.statusCode).send(body);
  }
  return body;
}
