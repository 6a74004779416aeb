// The end-of-batch summary: its JSON shape and its text.
import { describe, expect, it } from 'vitest';
import { buildSummary, renderBatchSummary, resumeHint } from '../../../src/batch/summary.js';
import { BatchTally } from '../../../src/batch/tally.js';
import { plainStyle } from '../../../src/ui/style.js';

function tally(): BatchTally {
  const t = new BatchTally();
  for (let i = 1; i <= 96; i++) t.record({ kind: 'ok', latencyMs: i, durationMs: 2, attempts: 1 });
  t.record({ kind: 'function', latencyMs: 100, durationMs: 5, attempts: 1 });
  t.record({ kind: 'api', code: 'ResourceExhausted', latencyMs: 3, durationMs: null, attempts: 3 });
  t.record({ kind: 'api', code: 'FunctionNotFound', latencyMs: 2, durationMs: null, attempts: 1 });
  t.record({ kind: 'transport', code: 'ConnectionReset', latencyMs: null, durationMs: null, attempts: 1 });
  t.throttled = 2;
  return t;
}

describe('buildSummary', () => {
  it('counts every class, codes by frequency, throughput and percentiles', () => {
    const summary = buildSummary({ tally: tally(), wallMs: 2000, interrupted: null });
    expect(summary).toMatchObject({
      count: 100,
      ok: 96,
      functionErrors: 1,
      inputErrors: 0,
      apiErrors: { total: 2, byCode: { FunctionNotFound: 1, ResourceExhausted: 1 } },
      transportErrors: { total: 1, byCode: { ConnectionReset: 1 } },
      retries: 2,
      throttled: 2,
      wallMs: 2000,
      throughputPerSecond: 50,
      interrupted: false,
      resumeLine: null,
      exitCode: 5,
    });
    expect(summary.latencyMs.count).toBe(99);
    expect(summary.latencyMs.max).toBe(100);
    expect(summary.latencyMs.p50).toBeCloseTo(48, -0.5);
    expect(summary.fcDurationMs).toEqual({ count: 97, p50: 2, p90: 2, p99: 5, max: 5 });
  });

  it('takes the exit code of an interruption', () => {
    const summary = buildSummary({ tally: tally(), wallMs: 1000, interrupted: { resumeLine: 42, finishedAfter: 3, exitCode: 130 } });
    expect(summary).toMatchObject({ interrupted: true, resumeLine: 42, finishedAfterResumeLine: 3, exitCode: 130 });
  });
});

describe('renderBatchSummary', () => {
  it('prints counts, error codes, latency and FC duration percentiles', () => {
    const text = renderBatchSummary(buildSummary({ tally: tally(), wallMs: 2000, interrupted: null }), plainStyle);
    const lines = text.split('\n');
    expect(lines[0]).toBe('batch: 100 events in 2.00 s (50/s)');
    expect(lines[1]).toBe(
      '  ok 96 · function errors 1 · API errors 2 (FunctionNotFound 1, ResourceExhausted 1) · transport errors 1 (ConnectionReset 1)',
    );
    expect(lines[2]).toMatch(/^ {2}client latency p50 [\d.]+ ms · p90 [\d.]+ ms · p99 [\d.]+ ms · max 100 ms$/);
    expect(lines[3]).toBe('  FC duration    p50 2 ms · p90 2 ms · p99 5 ms · max 5 ms');
    expect(lines[4]).toBe('  retries 2 · throttled 2×');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('says where to resume after an interruption', () => {
    const summary = buildSummary({ tally: new BatchTally(), wallMs: 10, interrupted: { resumeLine: 7, finishedAfter: 2, exitCode: 130 } });
    const text = renderBatchSummary(summary, plainStyle);
    expect(text).toContain('  FC duration    –');
    expect(text).toContain('interrupted: resume with --start-line 7 (2 later lines had finished and are in the output; they would run again)');
  });

  it('says when there is nothing to resume', () => {
    const summary = buildSummary({ tally: new BatchTally(), wallMs: 10, interrupted: { resumeLine: null, finishedAfter: 0, exitCode: 130 } });
    expect(renderBatchSummary(summary, plainStyle)).toContain('interrupted: every line had finished');
  });

  it('names the lines that were sent and cut off, since they may still run (at most ten, then a count)', () => {
    const some = buildSummary({ tally: new BatchTally(), wallMs: 10, interrupted: { resumeLine: 3, finishedAfter: 6, cutOff: [3, 6, 9], exitCode: 130 } });
    expect(some.cutOffLines).toEqual([3, 6, 9]);
    expect(resumeHint(some)).toBe(
      'resume with --start-line 3 (lines 3, 6, 9 were sent and cut off: they may have run or still be running; 6 later lines had finished and are in the output; they would run again)',
    );
    const many = buildSummary({ tally: new BatchTally(), wallMs: 10, interrupted: { resumeLine: 1, finishedAfter: 0, cutOff: Array.from({ length: 13 }, (_, i) => i + 1), exitCode: 130 } });
    expect(resumeHint(many)).toBe('resume with --start-line 1 (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 3 more were sent and cut off: they may have run or still be running)');
    const one = buildSummary({ tally: new BatchTally(), wallMs: 10, interrupted: { resumeLine: 4, finishedAfter: 0, cutOff: [4], exitCode: 143 } });
    expect(resumeHint(one)).toBe('resume with --start-line 4 (line 4 was sent and cut off: it may have run or still be running)');
  });

  it('says when the finished results from the resume line on did not reach the output', () => {
    const summary = buildSummary({ tally: new BatchTally(), wallMs: 10, interrupted: { resumeLine: 17, finishedAfter: 12, outputLost: true, exitCode: 6 } });
    expect(summary).toMatchObject({ outputLost: true, exitCode: 6, resumeLine: 17 });
    expect(resumeHint(summary)).toBe('resume with --start-line 17 (12 lines from there on had finished but did not reach the output; they would run again)');
  });
});
