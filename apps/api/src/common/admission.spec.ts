import { Admission, AdmissionClock, IN_PROGRESS_FLOOR, MAX_PER_TURN, PER_TURN_WHILE_ACCEPTING, QUEUE_FLOOR, STARVING_SHARE, TURN_MS, inProgressLimit } from './admission';

/** An event loop by hand: `loop()` runs one turn (what was scheduled for it), `advance` moves the time. */
function fakeLoop() {
  let time = 1000;
  let scheduled: (() => void)[] = [];
  let timers: { at: number; fn: () => void }[] = [];
  const clock: AdmissionClock = {
    now: () => time,
    nextTurn: (fn) => void scheduled.push(fn),
    after: (fn, ms) => {
      const timer = { at: time + ms, fn };
      timers.push(timer);
      return () => (timers = timers.filter((t) => t !== timer));
    },
  };
  return {
    clock,
    /** One turn: runs what was scheduled before it began, each callback apart (as setImmediate does). */
    loop(tookMs = 1) {
      const now = scheduled;
      scheduled = [];
      for (const fn of now) fn();
      time += tookMs;
    },
    advance(ms: number) {
      time += ms;
      const due = timers.filter((t) => t.at <= time);
      timers = timers.filter((t) => t.at > time);
      for (const t of due) t.fn();
    },
    pending: () => scheduled.length,
  };
}

function callers(n: number) {
  const log: string[] = [];
  const made = Array.from({ length: n }, (_, i) => ({
    hungUp: false,
    start: () => log.push(`start ${i}`),
    shed: (why: string) => log.push(`shed ${i}: ${why}`),
    gone() {
      return this.hungUp;
    },
  }));
  return { log, made };
}

describe('admission of calls under load', () => {
  it('starts calls first in, first out, each in a turn callback of its own (SQLite transactions must not interleave)', () => {
    const l = fakeLoop();
    const a = new Admission(750, l.clock, true);
    const { log, made } = callers(3);
    made.forEach((c) => a.offer(c));
    expect(log).toEqual([]);
    l.loop(); // the admission turn: decides, schedules each start apart
    expect(log).toEqual([]);
    expect(l.pending()).toBe(3);
    l.loop();
    expect(log).toEqual(['start 0', 'start 1', 'start 2']);
    expect(a.state()).toMatchObject({ waiting: 0, inProgress: 3 });
  });

  it('on MySQL starts a call at once while nobody waits, no connection was just accepted and a turn\'s worth has room', () => {
    const l = fakeLoop();
    const a = new Admission(750, l.clock);
    const { log, made } = callers(MAX_PER_TURN + 3);
    a.offer(made[0]);
    expect(log).toEqual(['start 0']);
    // A connection was accepted since the last turn: the call waits for the turn, kept short for accepting.
    a.connectionAccepted();
    a.offer(made[1]);
    a.offer(made[2]); // someone waits: in line behind them
    expect(log).toEqual(['start 0']);
    l.loop();
    l.loop();
    expect(log).toEqual(['start 0', 'start 1']);
    l.loop();
    l.loop();
    expect(log).toEqual(['start 0', 'start 1', 'start 2']);
    // At once again, until a turn's worth is in progress.
    made.slice(3).forEach((c) => a.offer(c));
    expect(log).toHaveLength(MAX_PER_TURN);
    expect(a.state()).toMatchObject({ waiting: 3, inProgress: MAX_PER_TURN });
  });

  it('on SQLite starts more per turn while turns are short and halves that when a turn overran', () => {
    const l = fakeLoop();
    const a = new Admission(60_000, l.clock, true);
    const { made } = callers(QUEUE_FLOOR);
    made.forEach((c) => a.offer(c));
    const perTurn: number[] = [];
    for (let i = 0; i < 3; i++) {
      l.loop(2);
      perTurn.push(a.state().perTurn);
    }
    l.loop(TURN_MS + 5);
    perTurn.push(a.state().perTurn);
    l.loop(1);
    perTurn.push(a.state().perTurn);
    // 8 to start with, one more after each short turn, halved after the long one.
    expect(perTurn).toEqual([8, 9, 10, 11, 5]);
    expect(a.state().perTurn).toBeLessThanOrEqual(MAX_PER_TURN);
  });

  it('on MySQL starts up to MAX_PER_TURN a turn however long the turns were, and one in a turn after one that accepted a connection', () => {
    const l = fakeLoop();
    const a = new Admission(60_000, l.clock);
    const { log, made } = callers(QUEUE_FLOOR);
    made.forEach((c) => a.offer(c)); // a turn's worth starts at once, nobody waiting; the rest wait for room
    l.loop(10 * TURN_MS);
    l.loop(10 * TURN_MS);
    expect(log).toHaveLength(MAX_PER_TURN);
    expect(a.state().perTurn).toBe(MAX_PER_TURN);
    // They are answered, and the limit on calls in progress follows the answers.
    for (let i = 0; i < MAX_PER_TURN; i++) a.finished();
    a.sample(true);
    // Node accepted a connection: the admission turn after it schedules only PER_TURN_WHILE_ACCEPTING.
    a.connectionAccepted();
    l.loop(10 * TURN_MS);
    let started = log.length;
    l.loop(10 * TURN_MS); // that one starts, and the next turn schedules a full turn's worth again
    expect(log.length - started).toBe(PER_TURN_WHILE_ACCEPTING.async);
    started = log.length;
    l.loop(10 * TURN_MS);
    expect(log.length - started).toBe(MAX_PER_TURN);
    // That turn was long too: the next starts as many again (halved, calls would wait here while the loop idles).
    started = log.length;
    l.loop(10 * TURN_MS);
    expect(log.length - started).toBe(MAX_PER_TURN);
  });

  it('on a synchronous database starts no call in a turn after one that accepted, unless the oldest call is starving', () => {
    const l = fakeLoop();
    const a = new Admission(1000, l.clock, true);
    const offeredAt = l.clock.now();
    const { log, made } = callers(40);
    made.forEach((c) => a.offer(c));
    l.loop(1); // the admission turn schedules 8
    l.loop(1); // they start; 9 scheduled
    a.connectionAccepted();
    l.loop(1); // the 9 start; the turn after the accept schedules none
    const started = log.length;
    // Connections keep arriving: no call starts until the oldest waiting has waited its share of the wait allowed.
    while (l.clock.now() - offeredAt < 1000 * STARVING_SHARE) {
      a.connectionAccepted();
      l.loop(1);
    }
    expect(log.length - started).toBe(PER_TURN_WHILE_ACCEPTING.synchronous);
    a.connectionAccepted();
    l.loop(1); // the oldest is starving: one is scheduled
    l.loop(1);
    expect(log.length - started).toBe(1);
  });

  it('keeps calls in progress to the limit: the next waits for a place, and is shed if none frees in time', () => {
    const l = fakeLoop();
    const a = new Admission(750, l.clock);
    a.sample(false); // the loop is behind and nothing was answered lately: 8 at most
    expect(a.state().maxInProgress).toBe(IN_PROGRESS_FLOOR.loopBehind);
    const { log, made } = callers(10);
    made.forEach((c) => a.offer(c));
    l.loop();
    l.loop();
    expect(log).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `start ${i}`));
    a.finished(); // one answered: call 8 starts on the next turn
    l.loop();
    l.loop();
    expect(log.at(-1)).toBe('start 8');
    // Call 9 waits; nothing more is answered; at its time it is shed, not left waiting.
    l.advance(800);
    expect(log.at(-1)).toBe('shed 9: waited over 750 ms for its turn');
    expect(a.state()).toMatchObject({ waiting: 0, inProgress: 8 });
  });

  it('sheds on arrival once more wait than start in the wait allowed, never below the floor', () => {
    const l = fakeLoop();
    const a = new Admission(750, l.clock, true);
    const { log, made } = callers(QUEUE_FLOOR + 1);
    made.forEach((c) => a.offer(c));
    expect(log).toEqual([`shed ${QUEUE_FLOOR}: ${QUEUE_FLOOR} calls waiting, more than start in 750 ms`]);
    expect(a.state().waiting).toBe(QUEUE_FLOOR);
  });

  it('starts the first call of a connection just opened before calls of connections already answered', () => {
    const l = fakeLoop();
    const a = new Admission(750, l.clock, true);
    a.sample(false); // room for 8 in progress
    const { log, made } = callers(12);
    made.slice(0, 10).forEach((c) => a.offer(c)); // calls again on connections already answered
    a.offer(made[10], true); // newly opened connections: they waited to be accepted first
    a.offer(made[11], true);
    l.loop();
    l.loop();
    expect(log).toEqual(['start 10', 'start 11', ...[0, 1, 2, 3, 4, 5].map((i) => `start ${i}`)]);
  });

  it('sheds a call that waited too long on time, even while newcomers take every start', () => {
    const l = fakeLoop();
    const a = new Admission(750, l.clock, true);
    a.sample(false); // room for 8 in progress
    const { log, made } = callers(30);
    made.slice(0, 8).forEach((c) => a.offer(c));
    l.loop();
    l.loop();
    a.offer(made[8]); // waits: the house is full
    for (let i = 9; i < 30; i++) {
      a.offer(made[i], true); // a newcomer, then an answer frees a place, which the newcomer takes
      a.finished();
      l.loop(100);
      l.loop(0);
    }
    expect(log.filter((line) => line.startsWith('start'))).toEqual([...[0, 1, 2, 3, 4, 5, 6, 7], ...Array.from({ length: 21 }, (_, i) => 9 + i)].map((i) => `start ${i}`));
    expect(log).toContain('shed 8: waited over 750 ms for its turn');
    // Shed in the first turn past its time, not when it would have reached the head of the line.
    expect(log.indexOf('shed 8: waited over 750 ms for its turn')).toBe(log.indexOf('start 16') + 1);
  });

  it('drops a call whose client hung up while it waited', () => {
    const l = fakeLoop();
    const a = new Admission(750, l.clock, true);
    const { log, made } = callers(2);
    made.forEach((c) => a.offer(c));
    made[0].hungUp = true;
    l.loop();
    l.loop();
    expect(log).toEqual(['start 1']);
    expect(a.state().inProgress).toBe(1);
  });

  it('sets the limit on calls in progress from calls served, not from 503s answered by a later check', () => {
    const l = fakeLoop();
    const a = new Admission(1000, l.clock);
    const { made } = callers(60);
    made.slice(0, 60).forEach((c) => a.offer(c));
    while (a.state().waiting) l.loop(1);
    l.loop(1);
    expect(a.state().inProgress).toBe(60);
    for (let i = 0; i < 50; i++) a.finished(false); // shed by the heap or pool check after their turn
    for (let i = 0; i < 10; i++) a.finished(true);
    a.sample(false);
    expect(a.state()).toMatchObject({ inProgress: 0, maxInProgress: 10 });
  });

  it('allows as many calls in progress as were answered in the wait allowed, over a floor that depends on the loop', () => {
    expect(inProgressLimit(0, 750, true)).toBe(64);
    expect(inProgressLimit(0, 750, false)).toBe(8);
    expect(inProgressLimit(400, 750, false)).toBe(300);
    expect(inProgressLimit(20, 750, false)).toBe(15);
  });
});
