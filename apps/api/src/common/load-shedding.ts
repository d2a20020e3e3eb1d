import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import underPressure from '@fastify/under-pressure';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { DEFAULT_EVENT_LOOP_DELAY_MS, type SheddingConfig } from '../config';
import { watchPoolWait } from '../database/pool-wait';
import { replyError } from './error.filter';
import { Admission } from './admission';
import { serverBusy } from './errors';

/**
 * Never shed: the load balancer's health check (a busy replica is still a live one), WeChat's message push (WeChat
 * does not come back for long), and the H5 app's static files (they touch no database). Everything else under /api
 * and /open311 may be.
 */
export function isSheddable(url: string): boolean {
  const end = url.indexOf('?');
  const path = end === -1 ? url : url.slice(0, end);
  if (path === '/api/health' || path === '/api/v1/wechat/events') return false;
  return path.startsWith('/api/') || path.startsWith('/open311/');
}

const shedRequests = new WeakSet<FastifyRequest>();
/** A shed call gets no request line of its own: under overload that would be thousands a second. */
export const wasShed = (req: FastifyRequest) => shedRequests.has(req);

/** The least time between two refusals (503) on one connection: half the Retry-After we send. */
export const REFUSAL_INTERVAL_MS = 1000;

/**
 * When a refusal may be sent on a connection: at once if its last one was REFUSAL_INTERVAL_MS ago or more, else that
 * long after the last. A client that calls again at once, ignoring Retry-After, is then refused at most once a second
 * instead of once a turn, and a call of its that is not refused is served as soon as any other: only refusals wait.
 */
export class RefusalPacer {
  private readonly last = new WeakMap<object, number>();

  /** Milliseconds to wait before refusing a call on `connection` at `now`; the refusal is counted as sent then. */
  delay(connection: object, now: number): number {
    const at = Math.max(now, (this.last.get(connection) ?? -Infinity) + REFUSAL_INTERVAL_MS);
    this.last.set(connection, at);
    return at - now;
  }
}

/** How often under-pressure samples the process; the share shed for the event loop is revised as often. */
const SAMPLE_MS = 250;

/**
 * The most the event loop's delay sheds. Clients that call again at once, ignoring Retry-After, turn every shed call
 * into another call: past about half, answering them costs the loop more than it saves, and the share would climb to
 * everything while the calls served dwindle (measured: 94 % shed, a third of the calls served, at 1,600 connections).
 */
export const MAX_LOOP_SHARE = 0.5;

/**
 * The next share of calls to shed for the event loop, from the share now and the delay just measured: up while the
 * delay is over the target, down while under it, by half the gap relative to the target per sample. A turn longer
 * than the whole sample reads as Infinity: counted as far over, not as a reason to shed everything at once.
 */
export function nextLoopShare(share: number, delayMs: number, targetMs: number): number {
  const over = Math.min(delayMs, 3 * targetMs) - targetMs;
  return Math.min(MAX_LOOP_SHARE, Math.max(0, share + (0.5 * over) / targetMs));
}

/**
 * @fastify/under-pressure measures the event-loop delay, the heap and (MySQL/MariaDB) the wait for a pooled
 * connection. A shed call is answered at once with 503 SERVER_BUSY, Retry-After and the one error shape, before any
 * of our code or the database sees it, so nothing changes and it may be sent again. A warning line per second says
 * how many were shed and why.
 *
 * - Heap past its threshold, the longest wait for a database connection past SHED_DB_WAIT_MS, or the pool's queue
 *   nine-tenths full: every sheddable call is shed until the next check (under-pressure's own all-or-nothing answer:
 *   memory and the pool queue drain within a few checks). Shed here, a call costs the process next to nothing;
 *   refused by the full queue itself, it has already been through sign-in checks and the router.
 * - Event-loop delay: a share of the calls (at most MAX_LOOP_SHARE), revised every sample to hold the delay near
 *   SHED_EVENT_LOOP_DELAY_MS. All-or-nothing there made the process swing between serving nothing for a sample and
 *   then taking every waiting call at once (each open connection has one): measured on SQLite at 400 connections,
 *   a third of the calls served and their p99 from 230 to 590 ms.
 * - Calls let in wait their turn in the admission queue (common/admission.ts, SHED_CALL_WAIT_MS): a few start per
 *   turn of the event loop, so that turns stay short and new connections are accepted (Node accepts one per turn);
 *   a call that would wait, or has waited, past SHED_CALL_WAIT_MS is shed. The checks above sample four to twenty
 *   times a second and let every call through in between; this one is counted call by call.
 * - A connection is refused at most once per REFUSAL_INTERVAL_MS (RefusalPacer): a client that calls again at once,
 *   ignoring Retry-After (not the mini-program), and is refused again gets that answer a second after the last,
 *   instead of costing the process a 503 per turn (measured at 1,600 such connections on MariaDB: 9,800 answers a
 *   second, 99.7 % of them 503, and the loop too busy answering them to accept a new connection for 20 s). Its calls
 *   are weighed at once like any other, and one that can be served is served without waiting: the second is charged
 *   to the refusal, not to the next call (held a second before it was weighed, such a call then queued as well, and
 *   took 1.75 s to serve). Not a connection from a trusted proxy (a call with X-Forwarded-For under TRUST_PROXY): it
 *   carries every user's calls, and one user's refusal must not make another's wait.
 */
export function registerLoadShedding(app: NestFastifyApplication, config: SheddingConfig, db: DataSource, log: Logger): void {
  const pool = config.maxDbWaitMs > 0 ? watchPoolWait(db) : undefined;
  const queueLimit = readQueueLimit(db);
  const server = app.getHttpAdapter().getInstance();
  let shed = 0;
  let reason = '';
  const pacer = new RefusalPacer();
  /** Answers 503 SERVER_BUSY, at once or when the connection's pace allows; resolves once answered. */
  const shedding = (req: FastifyRequest, reply: FastifyReply, why: string): Promise<void> | void => {
    shed++;
    reason = why;
    shedRequests.add(req);
    const socket = req.raw.socket;
    // Not a trusted proxy's connection (TRUST_PROXY): nginx pools its connections to the API for every user.
    const wait = (req.ips?.length ?? 1) <= 1 ? pacer.delay(socket, performance.now()) : 0;
    if (wait <= 0) {
      replyError(serverBusy(), req, reply);
      return;
    }
    return new Promise((resolve) =>
      setTimeout(() => {
        // A client gone meanwhile gets nothing, and its call goes no further: under-pressure lets a call through
        // once the promise resolves unless the reply was sent (or taken over: hijack).
        if (socket.destroyed) reply.hijack();
        else replyError(serverBusy(), req, reply);
        resolve();
      }, wait),
    );
  };

  // The share of calls shed for the event loop: up while the delay is over the target, down while under it.
  let loopShare = 0;
  const admission = config.maxCallWaitMs > 0 ? new Admission(config.maxCallWaitMs, undefined, db.options.type === 'better-sqlite3') : undefined;
  const steer = setInterval(() => {
    // Decorated by under-pressure once the server is ready; nothing to steer by until then.
    const eventLoopDelay = (server as unknown as { memoryUsage?: () => { eventLoopDelay: number } }).memoryUsage?.().eventLoopDelay ?? 0;
    loopShare = nextLoopShare(loopShare, eventLoopDelay, config.maxEventLoopDelayMs);
    admission?.sample(eventLoopDelay <= (config.maxEventLoopDelayMs || DEFAULT_EVENT_LOOP_DELAY_MS));
  }, SAMPLE_MS).unref();
  if (config.maxEventLoopDelayMs > 0) {
    server.addHook('onRequest', (req, reply, done) => {
      if (loopShare > 0 && isSheddable(req.url) && Math.random() < loopShare) {
        // Not done(): the call goes no further (a promise returned here would be awaited, then let through).
        return void shedding(req, reply, `event loop ${Math.round(loopShare * 100)} % shed to hold its delay near ${config.maxEventLoopDelayMs} ms`);
      }
      done();
    });
  }
  if (admission) {
    server.server.on('connection', () => admission.connectionAccepted());
    /** Connections that brought a call before: the first call of any other waited for its connection to be accepted. */
    const calledBefore = new WeakSet<object>();
    server.addHook('onRequest', (req, reply, done) => {
      if (!isSheddable(req.url)) return done();
      const connection = req.raw.socket;
      const firstOnConnection = !calledBefore.has(connection);
      if (firstOnConnection) calledBefore.add(connection);
      // Its place is freed when the answer is sent or the client hangs up (its work may still finish, and is kept).
      // Listened for from arrival: a client may hang up between its turn and its start, and a 'close' already
      // emitted would never come again, leaving its place taken for good.
      let started = false;
      let closed = false;
      reply.raw.once('close', () => {
        closed = true;
        // Shed by a later check (heap, pool) it does not count as answered: the rate it sets is of calls served.
        if (started) admission.finished(!wasShed(req));
      });
      const caller = {
        start: () => {
          if (closed) return admission.finished(false);
          started = true;
          done();
        },
        shed: (why: string) => void shedding(req, reply, why),
        gone: () => closed || connection.destroyed,
      };
      admission.offer(caller, firstOnConnection);
    });
  }

  const report = setInterval(() => {
    if (shed === 0) return;
    log.warn({ shed, reason, admission: admission?.state() }, `shedding load: ${shed} calls answered 503 SERVER_BUSY in the last second (${reason})`);
    shed = 0;
  }, 1000).unref();
  server.addHook('onClose', (_instance, done) => {
    clearInterval(report);
    clearInterval(steer);
    pool?.stop();
    done();
  });
  void app.register(underPressure as never, {
    // A quarter of a second: the process reacts within a few hundred calls, not after a second of them.
    sampleInterval: SAMPLE_MS,
    maxHeapUsedBytes: config.maxHeapUsedMb * 2 ** 20,
    ...(pool ? { healthCheck: async () => pool.longestWaitMs() <= config.maxDbWaitMs && pool.waiting() < 0.9 * queueLimit, healthCheckInterval: 50 } : {}),
    pressureHandler: (req: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => {
      // Returning nothing lets the call through; a promise holds it until the (paced) refusal is sent.
      if (!isSheddable(req.url)) return;
      return shedding(req, reply, type === 'healthCheck' ? `database connections: a call waited over ${config.maxDbWaitMs} ms, or the queue is nearly full` : `${type} ${Math.round(value ?? 0)}`);
    },
  });
}

/** DB_POOL_QUEUE_LIMIT as the pool was given it. */
function readQueueLimit(db: DataSource): number {
  const extra = (db.driver.options as { extra?: { queueLimit?: number } }).extra;
  return extra?.queueLimit || Infinity;
}
