import { Writable } from 'node:stream';
import pino from 'pino';
import { AppLogger, createAppLogger, logRequest } from './request-log';

/** A pino logger writing into an array of parsed lines. */
function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: pino({ level }, sink) };
}

const reply = (statusCode: number, finished = true) => ({ statusCode, elapsedTime: 3.4, raw: { writableFinished: finished } });

describe('request log lines', () => {
  it('logs answers at info, refusals (503 "call again later" too) and hang-ups at warn, failures at error, and nothing below the level', () => {
    const info = capture('info');
    for (const [status, finished] of [[200, true], [404, true], [503, true], [500, true], [200, false]] as const) {
      logRequest(info.log, { id: `r-${status}-${finished}`, method: 'GET', url: '/' }, reply(status, finished));
    }
    expect(info.lines.map((l) => l.level)).toEqual([30, 40, 40, 50, 40]);
    const warn = capture('warn');
    logRequest(warn.log, { id: 'a', method: 'GET', url: '/' }, reply(200));
    logRequest(warn.log, { id: 'b', method: 'GET', url: '/' }, reply(409));
    expect(warn.lines.map((l) => l.req)).toEqual([{ id: 'b', method: 'GET', url: '/' }]);
    const silent = capture('silent');
    logRequest(silent.log, { id: 'c', method: 'GET', url: '/' }, reply(500));
    expect(silent.lines).toEqual([]);
  });

  it('writes one line per answer naming the request, the status, the time and the signed-in caller', () => {
    const { lines, log } = capture('info');
    logRequest(log, { id: 'r-1', method: 'GET', url: '/api/v1/tickets?view=inbox', principal: { userId: 42 } }, reply(200));
    logRequest(log, { id: 'r-2', method: 'POST', url: '/api/v1/tickets' }, reply(401));
    logRequest(log, { id: 'r-3', method: 'GET', url: '/api/v1/tickets' }, reply(200, false));
    expect(lines).toMatchObject([
      { level: 30, req: { id: 'r-1', method: 'GET', url: '/api/v1/tickets?view=inbox' }, res: { statusCode: 200 }, responseTime: 3, userId: 42, msg: 'request completed' },
      { level: 40, req: { id: 'r-2' }, res: { statusCode: 401 }, msg: 'request completed' },
      { level: 40, req: { id: 'r-3' }, msg: 'request aborted' },
    ]);
    expect(lines[1]).not.toHaveProperty('userId');
  });

  it('carries Nest log calls with their context, objects and errors', () => {
    const { lines, log } = capture('info');
    const logger = new AppLogger(log);
    logger.log('started', 'Jobs');
    logger.error({ requestId: 'r-9', code: 'INTERNAL' }, 'request failed', 'Error');
    logger.error(new Error('boom'), 'Wechat');
    logger.debug('not written', 'Jobs');
    expect(lines).toMatchObject([
      { level: 30, context: 'Jobs', msg: 'started' },
      { level: 50, context: 'Error', requestId: 'r-9', code: 'INTERNAL', msg: 'request failed' },
      { level: 50, context: 'Wechat', err: { message: 'boom' }, msg: 'boom' },
    ]);
    expect(lines).toHaveLength(3);
  });

  it('names the request a line was written for when the line says so, and adds nothing of its own', () => {
    const { lines, log } = capture('info');
    new AppLogger(log).warn({ requestId: 'r-42', userId: 7 }, 'subscribe message refused', 'Notifications');
    new AppLogger(log).warn('no request here', 'Jobs');
    expect(lines).toMatchObject([{ level: 40, context: 'Notifications', requestId: 'r-42', userId: 7, msg: 'subscribe message refused' }, { context: 'Jobs' }]);
    expect(lines[1]).not.toHaveProperty('requestId');
  });
});

describe('pretty log lines (development at a terminal)', () => {
  /** A pretty logger writing into an array of text lines. */
  function prettyCapture(level: 'info' | 'debug' = 'info') {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    return { lines, logger: createAppLogger(level, sink as never, 'pretty') };
  }

  it('writes one short line per request: method, URL, status, time, caller', () => {
    const { lines, logger } = prettyCapture();
    logRequest(logger.pino, { id: 'r-1', method: 'GET', url: '/api/v1/tickets?view=inbox', principal: { userId: 7 } }, reply(200));
    logRequest(logger.pino, { id: 'r-2', method: 'POST', url: '/api/v1/tickets' }, reply(200, false));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: GET \/api\/v1\/tickets\?view=inbox 200 3 ms user 7$/);
    expect(lines[1]).toMatch(/WARN: POST \/api\/v1\/tickets aborted after 3 ms$/);
    expect(lines.join('\n')).not.toContain('{');
  });

  it("keeps Nest's start-up chatter out of sight unless asked for, and names who logged the rest", () => {
    const info = prettyCapture('info');
    info.logger.log('AppModule dependencies initialized', 'InstanceLoader');
    info.logger.log('Mapped {/api/v1/tickets, GET} (version: 1) route', 'RouterExplorer');
    info.logger.log('seeded the demo county', 'DemoSeed');
    expect(info.lines).toHaveLength(1);
    expect(info.lines[0]).toMatch(/INFO: \[DemoSeed\] seeded the demo county$/);
    const debug = prettyCapture('debug');
    debug.logger.log('Mapped {/api/v1/tickets, GET} (version: 1) route', 'RouterExplorer');
    expect(debug.lines[0]).toMatch(/DEBUG: \[RouterExplorer\] Mapped/);
  });

  it('still shows the stack of an error', () => {
    const { lines, logger } = prettyCapture();
    logger.error(new Error('boom'), 'Jobs');
    expect(lines[0]).toMatch(/ERROR: \[Jobs\] boom$/);
    expect(lines.join('\n')).toMatch(/at .*request-log\.spec\.ts/);
  });
});
