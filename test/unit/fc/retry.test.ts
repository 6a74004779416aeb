import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryable, parseRetryAfter } from '../../../src/fc/retry.js';

const policy = { retries: 2, baseMs: 200, capMs: 10_000 };

describe('isRetryable', () => {
  it.each([
    [{ kind: 'not-sent' as const }, false, true],
    [{ kind: 'transport-after-send' as const }, false, false],
    [{ kind: 'transport-after-send' as const }, true, true],
    [{ kind: 'status' as const, status: 429 }, false, true],
    [{ kind: 'status' as const, status: 503 }, false, true],
    [{ kind: 'status' as const, status: 500 }, false, false],
    [{ kind: 'status' as const, status: 500 }, true, true],
    [{ kind: 'status' as const, status: 404 }, true, false],
    [{ kind: 'status' as const, status: 403 }, false, false],
  ])('%j idempotent=%s → %s', (outcome, idempotent, expected) => {
    expect(isRetryable(outcome, idempotent)).toBe(expected);
  });
});

describe('backoff', () => {
  it('is full jitter below an exponential ceiling with a cap', () => {
    expect(backoffDelay(0, policy, () => 0.999, null)).toBe(199);
    expect(backoffDelay(3, policy, () => 0.5, null)).toBe(800);
    expect(backoffDelay(10, policy, () => 0.999, null)).toBe(9990);
    expect(backoffDelay(0, policy, () => 0, null)).toBe(0);
  });
  it('waits at least Retry-After, at most a minute', () => {
    expect(backoffDelay(0, policy, () => 0.1, 3000)).toBe(3000);
    expect(backoffDelay(0, policy, () => 0.1, 600_000)).toBe(60_000);
  });
  it('parses Retry-After as seconds or a date', () => {
    const now = new Date('2024-01-15T08:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('Mon, 15 Jan 2024 08:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
