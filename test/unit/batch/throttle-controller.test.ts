// Shared backoff and adaptive concurrency: throttling halves the limit once per episode
// and pauses everyone; successes grow it back by about one per round trip.
import { describe, expect, it } from 'vitest';
import { ThrottleController } from '../../../src/batch/throttle-controller.js';

function controller(max: number) {
  let t = 1000;
  const c = new ThrottleController({ max, now: () => t });
  return { c, advance: (ms: number) => (t += ms) };
}

describe('ThrottleController', () => {
  it('starts at the -c ceiling, unpaused', () => {
    const { c } = controller(32);
    expect(c.allowed).toBe(32);
    expect(c.pauseRemaining()).toBe(0);
  });

  it('halves the limit once for a burst of throttled answers and pauses the whole batch', () => {
    const { c, advance } = controller(32);
    for (let i = 0; i < 20; i++) c.onThrottled(400);
    expect(c.allowed).toBe(16);
    expect(c.pauseRemaining()).toBe(400);
    advance(300);
    expect(c.pauseRemaining()).toBe(100);
    advance(200);
    expect(c.pauseRemaining()).toBe(0);
    c.onThrottled(400);
    expect(c.allowed).toBe(8);
    expect(c.events).toBe(21);
  });

  it('never goes below one in flight', () => {
    const { c, advance } = controller(4);
    for (let i = 0; i < 10; i++) {
      c.onThrottled(100);
      advance(200);
    }
    expect(c.allowed).toBe(1);
  });

  it('grows back additively to the ceiling and no further', () => {
    const { c } = controller(8);
    c.onThrottled(100);
    expect(c.allowed).toBe(4);
    let successes = 0;
    while (c.allowed < 8) {
      c.onSuccess();
      successes++;
    }
    // About one step per round of `allowed` successes: 4 + 5 + 6 + 7.
    expect(successes).toBeGreaterThan(15);
    expect(successes).toBeLessThan(30);
    for (let i = 0; i < 100; i++) c.onSuccess();
    expect(c.allowed).toBe(8);
  });

  it('keeps the longest pause asked for', () => {
    const { c } = controller(8);
    c.onThrottled(1000);
    c.onThrottled(10);
    expect(c.pauseRemaining()).toBe(1000);
  });

  it('a local limit (EMFILE) pauses and halves like throttling, but is not counted as throttling', () => {
    let t = 0;
    const c = new ThrottleController({ max: 300, now: () => t });
    c.onLocalLimit(500);
    expect(c.allowed).toBe(150);
    expect(c.pauseRemaining()).toBe(500);
    expect(c.events).toBe(0);
    expect(c.localLimits).toBe(1);
    t = 1000;
    c.onLocalLimit(200);
    expect(c.allowed).toBe(75);
  });
});
