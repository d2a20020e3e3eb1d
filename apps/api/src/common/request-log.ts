import type { IncomingMessage, ServerResponse } from 'node:http';
import { levels } from 'pino';
import type { LOG_LEVELS } from '../config/app.config';

type LoggedRequest = IncomingMessage & { id?: string; principal?: { userId: number } };
type Level = (typeof LOG_LEVELS)[number];

/**
 * The level of the line logged for each answer: error for failures, warn for refusals, info otherwise. A line
 * below the configured level is 'silent', so pino-http skips it outright instead of building it and dropping it.
 */
export function requestLogLevel(configured: Level) {
  const enabled = (level: 'error' | 'warn' | 'info') => configured !== 'silent' && levels.values[level] >= levels.values[configured];
  return (_req: IncomingMessage, res: ServerResponse, err?: Error): Level => {
    const level = err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
    return enabled(level) ? level : 'silent';
  };
}

/** Who called, once the guard has said so (read when the answer is logged); nothing to add before that. */
export function requestLogProps(req: IncomingMessage): { userId: number } | undefined {
  const userId = (req as LoggedRequest).principal?.userId;
  return userId === undefined ? undefined : { userId };
}
