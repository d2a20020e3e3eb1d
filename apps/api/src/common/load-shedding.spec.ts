import { QueryFailedError } from 'typeorm';
import { renderError } from './error.filter';
import { isSheddable, MAX_LOOP_SHARE, nextLoopShare, REFUSAL_INTERVAL_MS, RefusalPacer } from './load-shedding';

describe('what may be shed', () => {
  it.each([
    ['/api/v1/tickets?view=inbox', true],
    ['/api/v1/me', true],
    ['/open311/v2/requests.json', true],
    ['/api/health', false],
    ['/api/health?probe=lb', false],
    ['/api/v1/wechat/events?signature=x', false],
    ['/', false],
    ['/js/app.js', false],
  ])('%s: %s', (url, sheddable) => {
    expect(isSheddable(url)).toBe(sheddable);
  });
});

describe("the database pool's full queue", () => {
  it('is a busy server: 503 SERVER_BUSY with Retry-After, not a 500, however TypeORM wraps it', () => {
    const full = new Error('Queue limit reached.');
    for (const error of [full, new QueryFailedError('SELECT 1', [], full)]) {
      expect(renderError(error)).toEqual({
        body: { statusCode: 503, code: 'SERVER_BUSY', message: '访问人数较多，请稍后重试' },
        headers: { 'Retry-After': '2' },
      });
    }
    expect(renderError(new Error('Queue limit reached, maybe')).body.statusCode).toBe(500);
  });
});

describe('the share shed for the event loop', () => {
  it('rises while the delay is over the target and falls back to nothing under it', () => {
    let share = 0;
    share = nextLoopShare(share, 160, 100);
    expect(share).toBeCloseTo(0.3);
    share = nextLoopShare(share, 120, 100);
    expect(share).toBeCloseTo(0.4);
    share = nextLoopShare(share, 100, 100);
    expect(share).toBeCloseTo(0.4); // held while on target
    share = nextLoopShare(share, 40, 100);
    expect(share).toBeCloseTo(0.1);
    expect(nextLoopShare(share, 0, 100)).toBe(0);
  });

  it('never sheds more than MAX_LOOP_SHARE, even for a turn longer than the whole sample', () => {
    expect(nextLoopShare(0, Infinity, 100)).toBe(MAX_LOOP_SHARE);
    expect(nextLoopShare(0.45, 250, 100)).toBe(MAX_LOOP_SHARE);
    expect(MAX_LOOP_SHARE).toBeLessThan(1);
  });
});

describe('refusals on one connection', () => {
  it('are sent at most once a second: one asked for sooner waits until a second after the last was sent', () => {
    const pacer = new RefusalPacer();
    const [mine, theirs] = [{}, {}];
    expect(pacer.delay(mine, 0)).toBe(0);
    // Called again at once (Retry-After ignored) and refused again: answered a second after the first.
    expect(pacer.delay(mine, 5)).toBe(REFUSAL_INTERVAL_MS - 5);
    // Called again the moment that answer came, and refused again: another second.
    expect(pacer.delay(mine, REFUSAL_INTERVAL_MS)).toBe(REFUSAL_INTERVAL_MS);
    // Another connection is refused at once whatever this one did.
    expect(pacer.delay(theirs, REFUSAL_INTERVAL_MS)).toBe(0);
    // Back after its Retry-After (2 s after the last refusal was sent): refused at once if it must be.
    expect(pacer.delay(mine, 4 * REFUSAL_INTERVAL_MS)).toBe(0);
  });
});
