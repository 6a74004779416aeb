// Throttling slows the whole batch, not each event on its own: a 429/503 lowers the shared
// concurrency limit (halving it, at most once per backoff) and pauses every new send and
// every waiting retry until the backoff has passed; successes raise the limit again by
// about one per round trip (additive increase, multiplicative decrease, as TCP does).

export interface ThrottleControllerOptions {
  /** The -c ceiling. */
  max: number;
  now: () => number;
}

export class ThrottleController {
  private limit: number;
  private pausedUntil = 0;
  private decreasedAt = -Infinity;
  private readonly max: number;
  private readonly now: () => number;
  /** Times throttling lowered the limit or paused the batch. */
  events = 0;
  /** Times this machine's file descriptors ran out (onLocalLimit). */
  localLimits = 0;

  constructor(options: ThrottleControllerOptions) {
    this.max = options.max;
    this.limit = options.max;
    this.now = options.now;
  }

  /** Invocations allowed in flight now (at least 1). */
  get allowed(): number {
    return Math.max(1, Math.floor(this.limit));
  }

  /** The service throttled one request; it will retry after `delayMs`. */
  onThrottled(delayMs: number): void {
    const t = this.now();
    this.events++;
    this.pausedUntil = Math.max(this.pausedUntil, t + delayMs);
    // One throttling episode (many requests answered 429 at once) halves the limit once.
    if (t - this.decreasedAt >= Math.max(delayMs, 100)) {
      this.limit = Math.max(1, this.limit / 2);
      this.decreasedAt = t;
    }
  }

  /**
   * This machine ran out of file descriptors opening a connection (EMFILE): the same pause
   * and halving as throttling, since fewer connections at once is the cure, but not
   * counted as the service's throttling.
   */
  onLocalLimit(delayMs: number): void {
    const events = this.events;
    this.onThrottled(delayMs);
    this.events = events;
    this.localLimits++;
  }

  /** A request went through: grow back towards the ceiling, about +1 per `allowed` successes. */
  onSuccess(): void {
    if (this.limit < this.max) this.limit = Math.min(this.max, this.limit + 1 / this.limit);
  }

  /** ms until the shared backoff ends (0 when not paused). */
  pauseRemaining(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }
}
