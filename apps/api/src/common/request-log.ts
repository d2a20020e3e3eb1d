import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { LOG_FORMATS, LOG_LEVELS } from '../config/app.config';

type Level = (typeof LOG_LEVELS)[number];
type Format = (typeof LOG_FORMATS)[number];
type Written = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

interface AnsweredRequest {
  id: unknown;
  method: string;
  url: string;
  /** Set by the access guard once it knows who is calling. */
  principal?: { userId: number };
}

/**
 * One JSON line per answer: request id, method, URL, status, milliseconds and, once known, who called. Failures at
 * error; refusals at warn (503 too: "busy, call again later" is a refusal, and the cause of an outage is logged at
 * error where it is caught), and hang-ups too (a phone that left before its answer is not the server failing: under
 * overload they came by the thousand and buried the real errors); the rest at info. A line below the logger's level
 * is never built.
 */
export function logRequest(log: Logger, req: AnsweredRequest, reply: { statusCode: number; elapsedTime: number; raw: { writableFinished: boolean } }): void {
  const finished = reply.raw.writableFinished;
  const failed = reply.statusCode >= 500 && reply.statusCode !== 503;
  const level: Written = failed ? 'error' : !finished || reply.statusCode >= 400 ? 'warn' : 'info';
  if (!log.isLevelEnabled(level)) return;
  const line: Record<string, unknown> = {
    req: { id: req.id, method: req.method, url: req.url },
    res: { statusCode: reply.statusCode },
    responseTime: Math.round(reply.elapsedTime),
  };
  if (req.principal) line.userId = req.principal.userId;
  log[level](line, finished ? 'request completed' : 'request aborted');
}

/** What Nest says while it starts (a line per module and per route, ~250 of them): detail, not news, at a terminal. */
const NEST_START_UP = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Nest's logger on pino: JSON lines on stdout, with the logging class as `context`. */
export class AppLogger implements LoggerService {
  constructor(
    readonly pino: Logger,
    /** Nest's start-up lines at debug rather than info (the pretty format, for a person). */
    private readonly quietStartUp = false,
  ) {}

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
    // Nest passes the logger's name last; an error's stack may come before it. A line about a request names it (or
    // its user) itself: no async context carries the id here, see "Sharp edges" in the README.
    const params = [...rest];
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? params.pop() : undefined;
    if (this.quietStartUp && level === 'info' && NEST_START_UP.has(String(context))) {
      if (!this.pino.isLevelEnabled('debug')) return;
      level = 'debug';
    }
    if (message instanceof Error) return this.pino[level]({ context, err: message }, message.message);
    if (message !== null && typeof message === 'object') {
      const text = params.find((p): p is string => typeof p === 'string');
      return this.pino[level]({ context, ...(message as object) }, text);
    }
    const stack = params.find((p): p is string => typeof p === 'string');
    this.pino[level](stack ? { context, stack } : { context }, String(message));
  }
}

/**
 * JSON lines on stdout, or on `destination` (tests read the lines). `pretty`: one short line each for a person at a
 * terminal, e.g. `14:03:12 INFO  GET /api/v1/tickets?view=inbox 200 12 ms user 7` (an error still shows its stack).
 */
export function createAppLogger(level: Level, destination?: DestinationStream, format: Format = 'json'): AppLogger {
  if (format === 'json') return new AppLogger(destination ? pino({ level }, destination) : pino({ level }));
  const stream = pretty({
    destination: destination ?? 1,
    sync: true,
    colorize: !destination && Boolean(process.stdout.isTTY),
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,requestId,req,res,responseTime,userId',
    messageFormat: prettyMessage,
  });
  return new AppLogger(pino({ level }, stream), true);
}

/** The message of a pretty line: a request as method, URL, status and time; anything else with who logged it. */
function prettyMessage(line: Record<string, unknown>, messageKey: string): string {
  const req = line.req as { method?: string; url?: string } | undefined;
  const res = line.res as { statusCode?: number } | undefined;
  if (req && res) {
    const outcome = line[messageKey] === 'request aborted' ? `aborted after ${line.responseTime} ms` : `${res.statusCode} ${line.responseTime} ms`;
    return `${req.method} ${req.url} ${outcome}${line.userId !== undefined ? ` user ${line.userId}` : ''}`;
  }
  const message = String(line[messageKey] ?? '');
  return line.context ? `[${line.context}] ${message}` : message;
}
