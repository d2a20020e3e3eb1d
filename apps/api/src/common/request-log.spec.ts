import type { IncomingMessage, ServerResponse } from 'node:http';
import { requestLogLevel, requestLogProps } from './request-log';

const answer = (statusCode: number) => ({ statusCode }) as ServerResponse;
const req = {} as IncomingMessage;

describe('request log lines', () => {
  it('logs every answer at info: failures as errors, refusals as warnings', () => {
    const level = requestLogLevel('info');
    expect(level(req, answer(200))).toBe('info');
    expect(level(req, answer(404))).toBe('warn');
    expect(level(req, answer(503))).toBe('error');
    expect(level(req, answer(200), new Error('aborted'))).toBe('error');
  });

  it('skips the lines below the configured level instead of building them', () => {
    expect(requestLogLevel('warn')(req, answer(200))).toBe('silent');
    expect(requestLogLevel('warn')(req, answer(409))).toBe('warn');
    expect(requestLogLevel('error')(req, answer(409))).toBe('silent');
    expect(requestLogLevel('error')(req, answer(500))).toBe('error');
    expect(requestLogLevel('debug')(req, answer(201))).toBe('info');
    expect(requestLogLevel('silent')(req, answer(500))).toBe('silent');
  });

  it('names the signed-in caller, and adds nothing for an anonymous one', () => {
    expect(requestLogProps({ principal: { userId: 42 } } as unknown as IncomingMessage)).toEqual({ userId: 42 });
    expect(requestLogProps(req)).toBeUndefined();
  });
});
