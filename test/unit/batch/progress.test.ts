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
  const state = { done: 250, total: 1000, estimatedTotal: null, errors: 3, inFlight: 32, elapsedMs: 5000 };

  it('shows done/total, rate, errors, in flight and the ETA', () => {
    expect(renderProgress(state)).toBe('250/1000 · 50.0/s · 3 errors · 32 in flight · ETA 15 s');
  });

  it('while a file is read: done/~estimate and the ETA from it; no ETA when nothing is known', () => {
    expect(renderProgress({ done: 10, total: null, estimatedTotal: 40, errors: 1, inFlight: 4, elapsedMs: 60_000 })).toBe(
      '10/~40 · 0.2/s · 1 error · 4 in flight · ETA 3 min 00 s',
    );
    expect(renderProgress({ done: 10, total: null, estimatedTotal: null, errors: 0, inFlight: 4, elapsedMs: 1000 })).toBe('10 done · 10.0/s · 0 errors · 4 in flight');
  });

  it('never shows an estimate below what is done', () => {
    expect(renderProgress({ done: 50, total: null, estimatedTotal: 45, errors: 0, inFlight: 0, elapsedMs: 1000 })).toMatch(/^50\/~50 · /);
  });

  it('fits a width: in flight goes first, then the rate, the errors, the ETA; the count stays', () => {
    expect(renderProgress(state, 44)).toBe('250/1000 · 50.0/s · 3 errors · ETA 15 s');
    expect(renderProgress(state, 34)).toBe('250/1000 · 3 errors · ETA 15 s');
    expect(renderProgress(state, 24)).toBe('250/1000 · ETA 15 s');
    expect(renderProgress(state, 12)).toBe('250/1000');
    expect(renderProgress(state, 6)).toBe('250/1…');
    for (const width of [6, 12, 24, 30, 39, 44, 60]) expect(renderProgress(state, width).length).toBeLessThanOrEqual(width);
  });

  it('has no ETA before the first result', () => {
    expect(estimateRemainingMs({ done: 0, total: 10, estimatedTotal: null, errors: 0, inFlight: 1, elapsedMs: 100 })).toBeNull();
    expect(estimateRemainingMs({ done: 5, total: 10, estimatedTotal: null, errors: 0, inFlight: 1, elapsedMs: 7_200_000 })).toBe(7_200_000);
  });
});
