// Percentiles from the constant-memory histogram stay within 1% of the exact ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../../src/batch/latency-histogram.js';

function exact(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;
}

describe('LatencyHistogram', () => {
  it('is empty at first', () => {
    expect(new LatencyHistogram().summary()).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });

  it('gives p50/p90/p99 within 1% of the exact nearest-rank values, and the exact max', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.05, max: 600_000, noNaN: true }), { minLength: 1, maxLength: 500 }), (values) => {
        const histogram = new LatencyHistogram();
        for (const v of values) histogram.record(v);
        for (const p of [50, 90, 99]) {
          const want = exact(values, p);
          expect(Math.abs(histogram.percentile(p)! - want) / want).toBeLessThanOrEqual(0.0101);
        }
        expect(histogram.summary().max).toBe(Math.max(...values));
        expect(histogram.count).toBe(values.length);
      }),
    );
  });

  it('handles one value, zero and values below the first bucket', () => {
    const histogram = new LatencyHistogram();
    histogram.record(0);
    expect(histogram.percentile(50)).toBe(0);
    histogram.record(12);
    expect(histogram.percentile(99)).toBe(12);
    histogram.record(Number.NaN);
    histogram.record(-1);
    expect(histogram.count).toBe(2);
  });

  it('uses the same memory for ten samples as for a million', () => {
    const histogram = new LatencyHistogram();
    for (let i = 0; i < 1_000_000; i++) histogram.record((i % 1000) + 1);
    expect(histogram.percentile(50)).toBeCloseTo(500, -1);
    expect(histogram.summary().max).toBe(1000);
  });
});
