// Percentiles in constant memory: a log-scale histogram with buckets 1% apart, so that ten
// million samples cost the same few KiB as ten, and p50/p90/p99 are within 1% of exact.
// A percentile is the mean of its bucket, so values that are all alike (integer ms from
// the service) come out exact.

const MIN_MS = 0.01;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Up to about 3 × 10⁸ ms (3.5 days); larger values share the last bucket. */
const BUCKETS = 2500;

export interface PercentileSummary {
  count: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private readonly sums = new Float64Array(BUCKETS);
  private total = 0;
  private lowest = Infinity;
  private highest = -Infinity;

  get count(): number {
    return this.total;
  }

  record(valueMs: number): void {
    if (!Number.isFinite(valueMs) || valueMs < 0) return;
    const index = valueMs <= MIN_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log(valueMs / MIN_MS) / LOG_GROWTH));
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.sums[index] = (this.sums[index] ?? 0) + valueMs;
    this.total++;
    if (valueMs < this.lowest) this.lowest = valueMs;
    if (valueMs > this.highest) this.highest = valueMs;
  }

  /** The value at or below which `p` percent of the samples lie (nearest rank); null when empty. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      const count = this.counts[index] ?? 0;
      seen += count;
      if (seen >= rank) return (this.sums[index] ?? 0) / count;
    }
    return this.highest;
  }

  summary(): PercentileSummary {
    return {
      count: this.total,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.total === 0 ? null : this.highest,
    };
  }
}
