/**
 * Admission of API calls under load: a call let in (not shed on arrival) waits its turn in a first-in, first-out
 * queue, and calls start a few per turn of the event loop, as many as the process has room for. (On MySQL, a call
 * that finds nobody waiting and room in progress starts at once: see offer.)
 *
 * Why a queue of our own: Node (libuv ≥ 1.45) accepts one new connection per turn of its event loop, and a turn runs
 * every call that arrived on the connections already open. Measured at 400 and 1,600 connections (bench/load.mjs,
 * bench/newcomers.mjs): turns of half a second and more, so a user opening the app waited 20 s for the process even
 * to accept the connection, while the calls already in kept it busy. Started a few at a time, turns stay short, and a
 * new connection is accepted within a turn or two.
 *
 * - Per turn on SQLite: more while turns stay under TURN_MS, halved when a turn overran it (as TCP grows and halves
 *   its window). Turns of about 4 ms: some 300 turns a second, so as many connections accepted (measured: 1,600
 *   opened at once all answered within 0.7 s; with turns of 10 ms, 130 a second and a newcomer waited up to 9.8 s).
 *   On MySQL, MAX_PER_TURN: a call started there is a few microseconds before its first statement, and a turn is
 *   long because of the answers the database sent back, which starting fewer calls does not shorten. Halved for such
 *   turns, calls waited here while the loop sat waiting on the database (measured at 400 connections on MariaDB,
 *   nothing shed: 1,450–1,530 answers a second and a p99 of 0.61–0.67 s, against 1,620–1,730 and 0.52–0.53 s with
 *   no shedding at all; with MAX_PER_TURN, 1,700–1,770 and 0.50–0.60 s).
 * - While connections arrive (the turn before accepted one, so the listening socket may hold more), a turn starts
 *   only PER_TURN_WHILE_ACCEPTING: the turns are as short as they go and the backlog empties at their pace. Measured
 *   (bench/load.mjs --case overload, 1,600 connections opened at once beside a newcomer every 250 ms): the slowest
 *   first call 1.0–1.9 s instead of 4.4–5.1 s, and 0 newcomers over 2 s instead of 2–11 of 80. On SQLite, where a
 *   call started is a whole synchronous inbox call, none starts (one did: 0–174 of 1,600 first calls over 2 s in five
 *   runs; none: 0 in four, slowest 0.85–1.21 s); on MariaDB one (none: 26 calls over 2 s).
 * - In progress (started, not answered): at most `maxInProgress` (see inProgressLimit); a call past it waits here
 *   for a free place rather than in the database pool's queue, where it queued again for each of its statements.
 * - A call that waited longer than `waitMs` is shed (503 SERVER_BUSY, Retry-After); one that would (the queue is
 *   longer than what starts in `waitMs`) is shed on arrival.
 */
export const TURN_MS = 4;
/**
 * Calls started in a turn after one that accepted a connection: Node accepts one per turn, so while connections keep
 * arriving (the listening socket's backlog is not empty) turns are kept as short as they go, to empty the backlog.
 * On a synchronous database (SQLite) a call started is the whole call, run in that turn: none is started, unless the
 * oldest waiting call has waited STARVING_SHARE of the wait allowed and would be shed for it (connections arriving
 * without end must not stop every call). On MySQL a call started is a few microseconds before its first statement.
 */
export const PER_TURN_WHILE_ACCEPTING = { async: 1, synchronous: 0 } as const;
/** Measured at a quarter: calls past it start one a turn while connections arrive, and first calls waited 2.9 s again. */
export const STARVING_SHARE = 0.9;
export const MAX_PER_TURN = 64;
/**
 * Calls that may queue whatever the recent rate: a burst at a quiet moment waits its turn, it is not shed (calls that
 * then wait past the limit still are). Measured with 400 connections calling at once on an idle process: with a
 * floor of 64, 220–330 of their first calls were shed (no rate yet to size the queue by), and the served p99 was
 * 0.8–1.5 s; with 512, none, and 0.5–0.8 s.
 */
export const QUEUE_FLOOR = 512;

/** Calls in progress let in whatever the recent answers: the process at rest, or just started, answers these at once. */
export const IN_PROGRESS_FLOOR = { loopKeepsUp: 64, loopBehind: 8 };

/**
 * How many calls may be in progress (started, not yet answered) to answer each within `waitMs`: as many as the process
 * answered in that long, from the answers counted over the last second (Little's law: wait = calls in progress /
 * answers per second). Never fewer than a floor: 64 while the event loop keeps up (a burst at a quiet moment, a
 * notice sent to a whole estate, is served, not shed for the quiet second before it), 8 while it is behind.
 */
export function inProgressLimit(answeredLastSecond: number, waitMs: number, loopKeepsUp: boolean): number {
  return Math.max(loopKeepsUp ? IN_PROGRESS_FLOOR.loopKeepsUp : IN_PROGRESS_FLOOR.loopBehind, Math.floor((answeredLastSecond * waitMs) / 1000));
}

/** One call at the door: how to start it, how to shed it, and whether its client has hung up meanwhile. */
export interface Caller {
  start(): void;
  shed(why: string): void;
  gone(): boolean;
}

interface Waiting {
  caller: Caller;
  at: number;
}

export interface AdmissionClock {
  now(): number;
  /** Run `fn` on the next turn of the event loop (setImmediate). */
  nextTurn(fn: () => void): void;
  /** Run `fn` after `ms` unless cancelled (a backstop for calls waiting on a full house). */
  after(fn: () => void, ms: number): () => void;
}

const realClock: AdmissionClock = {
  now: () => performance.now(),
  nextTurn: (fn) => void setImmediate(fn),
  after: (fn, ms) => {
    const timer = setTimeout(fn, ms).unref();
    return () => clearTimeout(timer);
  },
};

export class Admission {
  /**
   * First calls of connections just opened, started before the calls of connections already answered: each has
   * already waited for Node to accept its connection, a wait nothing here can see, and a user opening the app meets
   * that wait on top of this queue's (measured at 1,600 connections opened at once on MariaDB: first calls over 2 s).
   */
  private readonly newcomers: Waiting[] = [];
  /** Calls on connections that had a call before. */
  private readonly queue: Waiting[] = [];
  private perTurn: number;
  /** When the last turn started calls with more still waiting (0: the queue was empty, nothing to measure). */
  private lastBusyTurn = 0;
  private turnScheduled = false;
  /** A connection was accepted since the last turn: there may be more waiting to be. */
  private accepted = false;
  /** The last turn was kept short for accepting: its length says nothing of how many calls fit in a turn. */
  private lastTurnShort = false;
  private cancelBackstop: (() => void) | undefined;
  private inProgress = 0;
  private maxInProgress = IN_PROGRESS_FLOOR.loopKeepsUp;
  private started = 0;
  private answered = 0;
  private readonly startedBySample: number[] = [0, 0, 0, 0];
  private readonly answeredBySample: number[] = [0, 0, 0, 0];

  constructor(
    /** The longest a call should wait here; the calls in progress are kept to what is answered in as long again. */
    private readonly waitMs: number,
    private readonly clock: AdmissionClock = realClock,
    /** The database answers in the turn that asks (SQLite): a call started is a whole call run in that turn. */
    private readonly synchronous = false,
  ) {
    this.perTurn = synchronous ? 8 : MAX_PER_TURN;
  }

  /**
   * A call arrives: queued for its turn, or shed now if the queue is longer than what starts in `waitMs`. On MySQL,
   * with nobody waiting, no connection just accepted and room for a turn's worth of calls in progress, it starts at
   * once: the two turns of the queue (one to decide, one to start) would only delay it (about 3 % of a sequential
   * inbox call's CPU and latency, bench/tickets.mjs), and it could not start more than a turn's worth in one turn.
   */
  offer(caller: Caller, firstOnConnection = false): void {
    const waiting = this.waiting();
    if (!this.synchronous && !waiting && !this.accepted && this.inProgress < Math.min(this.maxInProgress, MAX_PER_TURN)) {
      this.inProgress++;
      this.started++;
      return caller.start();
    }
    const startsPerSecond = sum(this.startedBySample);
    const maxQueued = Math.max(QUEUE_FLOOR, Math.floor((startsPerSecond * this.waitMs) / 1000));
    if (waiting >= maxQueued) return caller.shed(`${waiting} calls waiting, more than start in ${this.waitMs} ms`);
    (firstOnConnection ? this.newcomers : this.queue).push({ caller, at: this.clock.now() });
    this.scheduleTurn();
  }

  /** The server accepted a connection (its 'connection' event). */
  connectionAccepted(): void {
    this.accepted = true;
  }

  /** A call started here was answered (or its client hung up): its place is free. `served`: not a 503 after all. */
  finished(served = true): void {
    this.inProgress--;
    if (served) this.answered++;
    if (this.waiting()) this.scheduleTurn();
  }

  /** Every quarter second: answers and starts counted, the limit on calls in progress revised. */
  sample(loopKeepsUp: boolean): void {
    this.startedBySample.shift();
    this.startedBySample.push(this.started);
    this.answeredBySample.shift();
    this.answeredBySample.push(this.answered);
    this.started = 0;
    this.answered = 0;
    this.maxInProgress = inProgressLimit(sum(this.answeredBySample), this.waitMs, loopKeepsUp);
  }

  /** For the logs and tests. */
  state() {
    return { waiting: this.waiting(), inProgress: this.inProgress, maxInProgress: this.maxInProgress, perTurn: this.perTurn };
  }

  private waiting(): number {
    return this.newcomers.length + this.queue.length;
  }

  /** When the call waiting longest arrived (each line is first in, first out). */
  private oldestAt(): number {
    return Math.min(this.newcomers[0]?.at ?? Infinity, this.queue[0]?.at ?? Infinity);
  }

  private scheduleTurn(): void {
    if (this.turnScheduled) return;
    this.turnScheduled = true;
    this.clock.nextTurn(() => this.turn());
  }

  private whileAccepting(now: number): number {
    if (!this.synchronous) return Math.min(this.perTurn, PER_TURN_WHILE_ACCEPTING.async);
    return now - this.oldestAt() >= this.waitMs * STARVING_SHARE ? 1 : PER_TURN_WHILE_ACCEPTING.synchronous;
  }

  private turn(): void {
    this.turnScheduled = false;
    this.cancelBackstop?.();
    this.cancelBackstop = undefined;
    const now = this.clock.now();
    if (this.synchronous && this.lastBusyTurn && !this.lastTurnShort) this.perTurn = now - this.lastBusyTurn > TURN_MS ? Math.max(1, this.perTurn >> 1) : Math.min(MAX_PER_TURN, this.perTurn + 1);
    const budget = this.accepted ? this.whileAccepting(now) : this.perTurn;
    this.lastTurnShort = this.accepted;
    this.accepted = false;
    // Each line is first in, first out: what waited too long is at its head, shed even when newcomers take every start.
    for (const line of [this.newcomers, this.queue]) {
      while (line.length && (line[0].caller.gone() || now - line[0].at > this.waitMs)) {
        const { caller } = line.shift() as Waiting;
        if (!caller.gone()) caller.shed(`waited over ${this.waitMs} ms for its turn`);
      }
    }
    let started = 0;
    while (started < budget && this.inProgress < this.maxInProgress) {
      const next = this.newcomers.shift() ?? this.queue.shift();
      if (!next) break;
      if (next.caller.gone()) continue;
      this.inProgress++;
      this.started++;
      started++;
      // Each in a macrotask of its own, never two in one: on SQLite (one connection, synchronous statements) a
      // transaction runs to its end in the macrotask that started it; two calls started in one would interleave
      // their statements, the second's BEGIN inside the first's transaction (measured: 500, "cannot start a
      // transaction within a transaction").
      this.clock.nextTurn(() => next.caller.start());
    }
    if (!this.waiting()) {
      this.lastBusyTurn = 0;
    } else if (this.inProgress >= this.maxInProgress) {
      // Full house: the next answer starts a turn; if none comes, the oldest call is shed at its time.
      this.lastBusyTurn = 0;
      this.cancelBackstop = this.clock.after(() => this.turn(), Math.max(1, this.waitMs - (now - this.oldestAt()) + 1));
    } else {
      this.lastBusyTurn = now;
      this.scheduleTurn();
    }
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
