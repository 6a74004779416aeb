// The scheduler with a fake invocation: input order under random latencies, the in-flight
// ceiling, throttling slowing everyone down, and the resume line after a stop.
import { describe, expect, it } from 'vitest';
import type { EventResult, LineDocument } from '../../../src/batch/invoke-event.js';
import type { LineItem } from '../../../src/batch/line-splitter.js';
import { runBatch, type RunBatchInput } from '../../../src/batch/run-batch.js';
import { BatchTally } from '../../../src/batch/tally.js';
import { ThrottleController } from '../../../src/batch/throttle-controller.js';

async function* lines(n: number, from = 1, tooLarge: number[] = []): AsyncGenerator<LineItem[]> {
  let group: LineItem[] = [];
  for (let line = from; line < from + n; line++) {
    group.push(tooLarge.includes(line) ? { line, tooLarge: 99 } : { line, event: Buffer.from(String(line)) });
    // Uneven groups, as reads of a file give them.
    if (group.length === 1 + (line % 7)) {
      yield group;
      group = [];
    }
  }
  if (group.length > 0) yield group;
}

function result(line: number, kind: 'ok' | 'function' = 'ok'): EventResult {
  const document = { line, ok: kind === 'ok' } as LineDocument;
  return { document, outcome: { kind, latencyMs: 1, durationMs: 1, attempts: 1 } };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(overrides: Partial<RunBatchInput> & { concurrency?: number } = {}) {
  const out: number[] = [];
  const tally = new BatchTally();
  const stop = new AbortController();
  const state = { inFlight: 0, peak: 0 };
  const input: RunBatchInput = {
    items: lines(200),
    firstLine: 1,
    throttle: new ThrottleController({ max: overrides.concurrency ?? 8, now: () => performance.now() }),
    window: 32,
    invoke: async (line) => {
      state.peak = Math.max(state.peak, state.inFlight);
      await sleep(Math.random() * 5);
      return result(line, line % 10 === 0 ? 'function' : 'ok');
    },
    tooLarge: (line) => ({ document: { line } as LineDocument, outcome: { kind: 'input', latencyMs: null, durationMs: null, attempts: 0 } }),
    emit: (document) => out.push(document.line),
    ready: () => null,
    tally,
    stopSignal: stop.signal,
    ...overrides,
  };
  return { input, out, tally, stop, state };
}

describe('runBatch', () => {
  it('emits every line once, in input order, under random latencies, with exact counts', async () => {
    const { input, out, tally, state } = setup({ items: lines(200, 1, [7]) });
    const result = await runBatch(input, state);
    expect(out).toEqual([...Array(200).keys()].map((i) => i + 1));
    expect(tally.counts).toEqual({ ok: 179, function: 20, input: 1, api: 0, transport: 0 });
    expect(result).toEqual({ stopped: false, resumeLine: null, finishedAfter: 0, cutOff: [], inputEnded: true });
    expect(state.peak).toBeLessThanOrEqual(8);
    expect(state.peak).toBeGreaterThan(1);
  });

  it('keeps at most -c in flight and at most `window` results held behind a slow one', async () => {
    let inFlight = 0;
    let peak = 0;
    let release: () => void = () => {};
    const slowDone = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    const { input, out } = setup({
      concurrency: 4,
      window: 10,
      invoke: async (line) => {
        started++;
        inFlight++;
        peak = Math.max(peak, inFlight);
        if (line === 1) await slowDone;
        else await sleep(1);
        inFlight--;
        return result(line);
      },
    });
    const running = runBatch(input);
    await sleep(50);
    // Line 1 holds everything: lines 2..10 finished, and nothing past the window started.
    expect(started).toBe(10);
    expect(out).toEqual([]);
    release();
    await running;
    expect(peak).toBeLessThanOrEqual(4);
    expect(out).toHaveLength(200);
  });

  it('also bounds the bytes of results held behind a slow one', async () => {
    let release: () => void = () => {};
    const slowDone = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    const { input, out } = setup({
      concurrency: 4,
      window: 1000,
      maxHeldBytes: 2000,
      invoke: async (line) => {
        started++;
        if (line === 1) await slowDone;
        return { document: { line, body: 'x'.repeat(500) } as LineDocument, outcome: { kind: 'ok', latencyMs: 1, durationMs: 1, attempts: 1 } };
      },
    });
    const running = runBatch(input);
    await sleep(30);
    // About 1 KiB per held result (512 + the body): two fit in 2000 bytes, the third tips it over.
    expect(started).toBeLessThanOrEqual(6);
    expect(out).toEqual([]);
    release();
    await running;
    expect(out).toHaveLength(200);
  });

  it('sends nothing while the shared backoff lasts and lowers the in-flight limit', async () => {
    const throttle = new ThrottleController({ max: 8, now: () => performance.now() });
    const starts: number[] = [];
    let inFlight = 0;
    let peakAfter = 0;
    let throttledAt = Number.NaN;
    const { input } = setup({
      throttle,
      items: lines(60),
      invoke: async (line) => {
        starts.push(performance.now());
        inFlight++;
        if (line === 5) {
          throttledAt = performance.now();
          throttle.onThrottled(100);
        }
        if (line > 20) peakAfter = Math.max(peakAfter, inFlight);
        await sleep(2);
        inFlight--;
        return result(line);
      },
    });
    await runBatch(input);
    // Measured from the throttled answer itself, not from the start, so a slow start cannot shift the window.
    expect(throttledAt).not.toBeNaN();
    const paused = starts.filter((t) => t > throttledAt && t < throttledAt + 95);
    expect(paused.length).toBe(0);
    expect(starts.length).toBe(60);
    expect(peakAfter).toBeLessThanOrEqual(5);
  });

  it('stops sending on a stop, lets in-flight ones finish, and names the first unfinished line', async () => {
    const { input, out, stop } = setup({
      concurrency: 4,
      invoke: async (line) => {
        if (line === 30) stop.abort();
        // Line 29 was cut off (as after the grace period): it does not count as done.
        if (line === 29) return { interrupted: true, sent: true };
        await sleep(line === 31 ? 20 : 1);
        return result(line);
      },
    });
    const result2 = await runBatch(input);
    expect(result2.stopped).toBe(true);
    expect(result2.resumeLine).toBe(29);
    expect(out.slice(0, 28)).toEqual([...Array(28).keys()].map((i) => i + 1));
    expect(out).not.toContain(29);
    expect(out.filter((l) => l > 29)).toEqual([30, 31, 32].filter((l) => out.includes(l)));
    expect(result2.finishedAfter).toBe(out.filter((l) => l > 29).length);
    // Sent and cut off: named, since it may still run.
    expect(result2.cutOff).toEqual([29]);
  });

  it('resumes after the last line sent when nothing was left unfinished', async () => {
    const { input, stop } = setup({
      concurrency: 1,
      items: lines(10, 5),
      firstLine: 5,
      invoke: async (line) => {
        if (line === 7) stop.abort();
        return result(line);
      },
    });
    expect(await runBatch(input)).toEqual({ stopped: true, resumeLine: 8, finishedAfter: 0, cutOff: [], inputEnded: false });
  });
});
