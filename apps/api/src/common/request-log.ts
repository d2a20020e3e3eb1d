import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LOG_LEVELS } from '../config/app.config';
import { currentRequestId } from './request-context';

type Level = (typeof LOG_LEVELS)[number];
type Written = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

interface AnsweredRequest {
  id: unknown;
  method: string;
  url: string;
  /** Set by the access guard once it knows who is calling. */
  principal?: { userId: number };
}

/**
 * One JSON line per answer: request id, method, URL, status, milliseconds and, once known, who called. Failures and
 * hang-ups at error, refusals at warn, the rest at info; a line below the logger's level is never built.
 */
export function logRequest(log: Logger, req: AnsweredRequest, reply: { statusCode: number; elapsedTime: number; raw: { writableFinished: boolean } }): void {
  const finished = reply.raw.writableFinished;
  const level: Written = !finished || reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : 'info';
  if (!log.isLevelEnabled(level)) return;
  const line: Record<string, unknown> = {
    req: { id: req.id, method: req.method, url: req.url },
    res: { statusCode: reply.statusCode },
    responseTime: Math.round(reply.elapsedTime),
  };
  if (req.principal) line.userId = req.principal.userId;
  log[level](line, finished ? 'request completed' : 'request aborted');
}

/** Nest's logger on pino: JSON lines on stdout, with the logging class as `context`. */
export class AppLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }

  private write(level: Written, message: unknown, rest: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest passes the logger's name last; an error's stack may come before it. A line written while a request is
    // handled carries its id, as its request line does.
    const params = [...rest];
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? params.pop() : undefined;
    const requestId = currentRequestId() ?? undefined;
    if (message instanceof Error) return this.pino[level]({ context, requestId, err: message }, message.message);
    if (message !== null && typeof message === 'object') {
      const text = params.find((p): p is string => typeof p === 'string');
      return this.pino[level]({ context, requestId, ...(message as object) }, text);
    }
    const stack = params.find((p): p is string => typeof p === 'string');
    this.pino[level](stack ? { context, requestId, stack } : { context, requestId }, String(message));
  }
}

/** JSON lines on stdout, or on `destination` (tests read the lines). */
export function createAppLogger(level: Level, destination?: DestinationStream): AppLogger {
  return new AppLogger(destination ? pino({ level }, destination) : pino({ level }));
}
