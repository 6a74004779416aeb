// The progress line and how often it may be drawn.
import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, ProgressThrottle, renderProgress } from '../../../src/batch/progress.js';

describe('ProgressThrottle', () => {
  it('draws a live line at once, then at most once per interval', () => {
    let t = 0;
    const throttle = new ProgressThrottle(100, () => t, true);
    expect(throttle.due()).toBe(true);
    t = 50;
    expect(throttle.due()).toBe(false);
    t = 100;
    expect(throttle.due()).toBe(true);
    t = 150;
    expect(throttle.due()).toBe(false);
  });

  it('waits a whole interval before the first plain line (short batches print none)', () => {
    let t = 0;
    const throttle = new ProgressThrottle(5000, () => t, false);
    expect(throttle.due()).toBe(false);
    t = 4999;
    expect(throttle.due()).toBe(false);
    t = 5000;
    expect(throttle.due()).toBe(true);
    t = 9000;
    expect(throttle.due()).toBe(false);
    t = 10_001;
    expect(throttle.due()).toBe(true);
  });
});

describe('renderProgress', () => {
  it('shows done/total, rate, errors, in flight and the ETA', () => {
    expect(renderProgress({ done: 250, total: 1000, inputFraction: null, errors: 3, inFlight: 32, elapsedMs: 5000 })).toBe(
      '250/1000 · 50.0/s · 3 errors · 32 in flight · ETA 15 s',
    );
  });

  it('without a total, estimates from the share of the file read, and leaves the ETA out when nothing is known', () => {
    expect(renderProgress({ done: 10, total: null, inputFraction: 0.25, errors: 1, inFlight: 4, elapsedMs: 60_000 })).toBe(
      '10 done · 0.2/s · 1 error · 4 in flight · ETA 3 min 0 s',
    );
    expect(renderProgress({ done: 10, total: null, inputFraction: null, errors: 0, inFlight: 4, elapsedMs: 1000 })).toBe('10 done · 10.0/s · 0 errors · 4 in flight');
  });

  it('has no ETA before the first result', () => {
    expect(estimateRemainingMs({ done: 0, total: 10, inputFraction: null, errors: 0, inFlight: 1, elapsedMs: 100 })).toBeNull();
    expect(estimateRemainingMs({ done: 5, total: 10, inputFraction: null, errors: 0, inFlight: 1, elapsedMs: 7_200_000 })).toBe(7_200_000);
  });
});
