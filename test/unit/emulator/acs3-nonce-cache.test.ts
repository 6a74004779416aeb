import { describe, expect, it } from 'vitest';
import { NonceCache } from '../../../src/emulator/acs3-nonce-cache.js';

const T = Date.parse('2024-01-15T08:00:00Z');
const WINDOW = 15 * 60_000;

describe('NonceCache', () => {
  it('refuses a nonce until its expiry has passed, then accepts it again', () => {
    const cache = new NonceCache();
    expect(cache.claim('a', T + WINDOW, T)).toBe(true);
    expect(cache.claim('a', T + WINDOW, T + 1)).toBe(false);
    expect(cache.claim('a', T + WINDOW, T + WINDOW)).toBe(false);
    expect(cache.claim('a', T + 2 * WINDOW, T + WINDOW + 1)).toBe(true);
    expect(cache.claim('a', T + 2 * WINDOW, T + WINDOW + 2)).toBe(false);
    expect(cache.claim('b', T + WINDOW, T)).toBe(true);
  });

  it('forgets expired nonces as time passes, so it does not grow', () => {
    const cache = new NonceCache();
    for (let i = 0; i < 500; i++) expect(cache.claim(`n-${i}`, T + WINDOW + i, T + i)).toBe(true);
    expect(cache.size).toBe(500);
    expect(cache.claim('late', T + 3 * WINDOW, T + 2 * WINDOW)).toBe(true);
    expect(cache.size).toBe(1);
  });

  it('stays within maxEntries, forgetting the oldest nonces first', () => {
    const cache = new NonceCache({ maxEntries: 10 });
    for (let i = 0; i < 25; i++) expect(cache.claim(`n-${i}`, T + WINDOW, T)).toBe(true);
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(cache.claim('n-24', T + WINDOW, T)).toBe(false);
    expect(cache.claim('n-0', T + WINDOW, T)).toBe(true);
  });

  it('prefers dropping expired nonces to live ones when full', () => {
    const cache = new NonceCache({ maxEntries: 4 });
    cache.claim('live-old', T + WINDOW, T);
    cache.claim('short-1', T + 10, T);
    cache.claim('short-2', T + 10, T);
    cache.claim('live', T + WINDOW, T);
    expect(cache.claim('new', T + WINDOW, T + 20)).toBe(true);
    expect(cache.claim('live-old', T + WINDOW, T + 20)).toBe(false);
    expect(cache.claim('live', T + WINDOW, T + 20)).toBe(false);
  });
});
