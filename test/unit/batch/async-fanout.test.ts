// Waiting for a fan-out: lines leave in input order once their invocation has ended.
import { describe, expect, it } from 'vitest';
import { FanOutWaiter } from '../../../src/batch/async-fanout.js';
import type { LineDocument } from '../../../src/batch/invoke-event.js';
import { BatchTally } from '../../../src/batch/tally.js';
import { v2016 } from '../../../src/fc/v2016/index.js';

function accepted(line: number, id: string | null = `p-${line}`): LineDocument {
  return { line, ok: true, status: 202, asyncInvocationId: id, attempts: 1 } as LineDocument;
}

const ok = { kind: 'ok' as const, latencyMs: 5, durationMs: null, attempts: 1 };

describe('FanOutWaiter', () => {
  it('holds accepted lines until their invocation ends, then emits in input order', () => {
    const out: LineDocument[] = [];
    const tally = new BatchTally();
    const waiter = new FanOutWaiter((d) => out.push(d), tally, () => 0, v2016);
    waiter.add(accepted(1), ok);
    waiter.add({ line: 2, ok: false, status: 429, asyncInvocationId: null, attempts: 3 } as LineDocument, { kind: 'api', code: 'ResourceExhausted', latencyMs: 1, durationMs: null, attempts: 3 });
    waiter.add(accepted(3), ok);
    expect(waiter.pendingCount).toBe(2);
    waiter.observe({ invocationId: 'p-3', status: 'Failed', durationMs: 7 });
    waiter.observe({ invocationId: 'p-1', status: 'Running' });
    expect(out).toEqual([]);
    waiter.observe({ invocationId: 'p-1', status: 'Succeeded', durationMs: 4 });
    expect(out.map((d) => [d.line, d.ok])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    expect(out[0]?.invocation).toEqual({ invocationId: 'p-1', status: 'Succeeded', durationMs: 4 });
    expect(tally.counts).toMatchObject({ ok: 1, api: 1, function: 1 });
    expect(tally.duration.summary().max).toBe(7);
  });

  it('ignores other IDs and objects that are not invocations', () => {
    const out: LineDocument[] = [];
    const waiter = new FanOutWaiter((d) => out.push(d), new BatchTally(), () => 0, v2016);
    waiter.add(accepted(1), ok);
    waiter.observe({ invocationId: 'p-10', status: 'Succeeded' });
    waiter.observe('nonsense');
    waiter.observe(null);
    expect(waiter.pendingCount).toBe(1);
  });

  it('gives up on what is left with an error, counted or not', () => {
    const out: LineDocument[] = [];
    const tally = new BatchTally();
    let t = 0;
    const waiter = new FanOutWaiter((d) => out.push(d), tally, () => t, v2016);
    waiter.add(accepted(1), ok);
    waiter.add(accepted(2), ok);
    waiter.observe({ invocationId: 'p-2', status: 'Running' });
    t = 40_000;
    expect(waiter.unseenFor(30_000)).toEqual(['p-1']);
    waiter.giveUp({ code: 'Timeout', message: 'late', status: null }, 'transport');
    expect(out.map((d) => [d.line, d.ok, d.error?.code, d.invocation])).toEqual([
      [1, false, 'Timeout', null],
      [2, false, 'Timeout', null],
    ]);
    expect(tally.counts.transport).toBe(2);
  });
});
