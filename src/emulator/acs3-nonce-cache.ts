// The signature nonces seen recently, so that a replayed FC 3.0 request is refused. Bounded,
// and free of any clock: every call is told the time.

export interface NonceCacheOptions {
  /** Most nonces kept; past it the oldest tenth is forgotten. Default 100,000 (a few MB). */
  maxEntries?: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Nonces with the time until which a replay could still pass the date check. A nonce is
 * forgotten once that time has passed, or, when the cache is full, oldest first: replay
 * protection then covers the newest `maxEntries` requests, which is what an emulator needs.
 */
export class NonceCache {
  readonly #maxEntries: number;
  readonly #expiries = new Map<string, number>();
  #nextSweepAt = -Infinity;

  constructor(options: NonceCacheOptions = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? 100_000);
  }

  /** Nonces remembered now. */
  get size(): number {
    return this.#expiries.size;
  }

  /**
   * Records `nonce` as used until `expiresAtMs`. False when it is already recorded and not yet
   * expired at `nowMs`: a replay.
   */
  claim(nonce: string, expiresAtMs: number, nowMs: number): boolean {
    if (nowMs >= this.#nextSweepAt) this.#sweep(nowMs);
    const known = this.#expiries.get(nonce);
    if (known !== undefined && known >= nowMs) return false;
    this.#expiries.delete(nonce);
    if (this.#expiries.size >= this.#maxEntries) this.#sweep(nowMs);
    if (this.#expiries.size >= this.#maxEntries) this.#dropOldest(Math.ceil(this.#maxEntries / 10));
    this.#expiries.set(nonce, expiresAtMs);
    return true;
  }

  #sweep(nowMs: number): void {
    for (const [nonce, expiry] of this.#expiries) if (expiry < nowMs) this.#expiries.delete(nonce);
    this.#nextSweepAt = nowMs + SWEEP_INTERVAL_MS;
  }

  // Insertion order is arrival order, so the first entries are the oldest.
  #dropOldest(count: number): void {
    let left = count;
    for (const nonce of this.#expiries.keys()) {
      if (left-- <= 0) break;
      this.#expiries.delete(nonce);
    }
  }
}
