// Running totals of a batch: counts per outcome class, error codes, retries, and the two
// latency histograms (client-measured and FC-reported). Constant memory per batch.
import { LatencyHistogram } from './latency-histogram.js';
import type { OutcomeClass } from './outcome.js';

/** What the tally needs to know about one finished event. */
export interface EventOutcome {
  kind: OutcomeClass;
  /** The API or transport error code, for the per-code counts. */
  code?: string | null;
  /** Client-side time from the first attempt to the whole answer, ms; null when nothing was sent. */
  latencyMs: number | null;
  /** X-Fc-Invocation-Duration, when the service sent it. */
  durationMs: number | null;
  attempts: number;
}

export class BatchTally {
  readonly counts: Record<OutcomeClass, number> = { ok: 0, function: 0, input: 0, api: 0, transport: 0 };
  readonly apiCodes = new Map<string, number>();
  readonly transportCodes = new Map<string, number>();
  readonly latency = new LatencyHistogram();
  readonly duration = new LatencyHistogram();
  retries = 0;
  throttled = 0;

  get done(): number {
    return this.counts.ok + this.counts.function + this.counts.input + this.counts.api + this.counts.transport;
  }

  get errors(): number {
    return this.done - this.counts.ok;
  }

  record(outcome: EventOutcome): void {
    this.counts[outcome.kind]++;
    const code = outcome.code ?? 'Unknown';
    if (outcome.kind === 'api') this.apiCodes.set(code, (this.apiCodes.get(code) ?? 0) + 1);
    if (outcome.kind === 'transport') this.transportCodes.set(code, (this.transportCodes.get(code) ?? 0) + 1);
    if (outcome.latencyMs !== null) this.latency.record(outcome.latencyMs);
    if (outcome.durationMs !== null) this.duration.record(outcome.durationMs);
    this.retries += Math.max(0, outcome.attempts - 1);
  }
}
