// The retry rule: retry only what provably did not run the function (fc2-protocol §5.3).

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 2, baseMs: 200, capMs: 10_000 };

export type AttemptOutcome =
  | { kind: 'not-sent' }
  | { kind: 'transport-after-send' }
  /** `throttled`: the API's own rule said so; absent, 429 and 503 are taken as throttling. */
  | { kind: 'status'; status: number; throttled?: boolean };

/**
 * Throttling (429 ResourceExhausted, 503 ResourceThrottled and other unavailability) is a
 * refusal before the function ran; so is a connection that never opened. Anything else
 * after the body was sent may have run the function, and a synchronous call is not idempotent.
 */
export function isRetryable(outcome: AttemptOutcome, idempotent: boolean): boolean {
  switch (outcome.kind) {
    case 'not-sent':
      return true;
    case 'transport-after-send':
      return idempotent;
    case 'status':
      return (outcome.throttled ?? (outcome.status === 429 || outcome.status === 503)) || (idempotent && outcome.status >= 500);
  }
}

/** Parses Retry-After (seconds or HTTP-date) into ms; null when absent or invalid. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

/** Full-jitter exponential backoff for attempt n (0-based), or Retry-After when longer. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs: number | null): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.min(Math.max(jittered, retryAfterMs), 60_000);
}
