import { describe, expect, it } from 'vitest';
import { ApiError, InterruptedError } from '../../../src/errors.js';
import type { FetchedInvocation } from '../../../src/fc/async-api.js';
import { waitForInvocation } from '../../../src/fc/async-wait.js';
import { abortableSleep } from '../../../src/fc/sleep.js';
import { readInvocation } from '../../../src/fc/v2016/async.js';

function answers(...items: (string | Error)[]) {
  let i = 0;
  return async (): Promise<FetchedInvocation> => {
    const item = items[Math.min(i++, items.length - 1)] as string | Error;
    if (item instanceof Error) throw item;
    const json = { invocationId: 'job', status: item };
    return { invocation: readInvocation(json), json, requestId: null };
  };
}

const notFound = () => new ApiError('StatefulAsyncInvocationNotFound', 'no such invocation', 404, 'r');

describe('waitForInvocation', () => {
  it('polls with the growing delay until a terminal status, reporting each change once', async () => {
    const delays: number[] = [];
    const changes: [string, string | null][] = [];
    const result = await waitForInvocation({
      fetch: answers('Enqueued', 'Running', 'Running', 'Running', 'Succeeded'),
      sleep: async (ms) => {
        delays.push(ms);
      },
      onStatus: (invocation, previous) => changes.push([invocation.status, previous]),
    });
    expect(result.invocation.status).toBe('Succeeded');
    expect(delays).toEqual([250, 375, 563, 844]);
    expect(changes).toEqual([
      ['Enqueued', null],
      ['Running', 'Enqueued'],
      ['Succeeded', 'Running'],
    ]);
  });

  it.each(['Failed', 'Stopped', 'Expired', 'Invalid'])('ends on %s without sleeping', async (status) => {
    let slept = 0;
    const result = await waitForInvocation({ fetch: answers(status), sleep: async () => void slept++ });
    expect(result.invocation.status).toBe(status);
    expect(slept).toBe(0);
  });

  it('takes NotFound for "not visible yet" within the grace period, until the invocation was seen', async () => {
    let clock = 0;
    const result = await waitForInvocation({
      fetch: answers(notFound(), notFound(), 'Running', 'Succeeded'),
      notFoundGraceMs: 10_000,
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
    });
    expect(result.invocation.status).toBe('Succeeded');
  });

  it('believes NotFound after the grace period, and at once without one', async () => {
    let clock = 0;
    await expect(
      waitForInvocation({ fetch: answers(notFound()), notFoundGraceMs: 1000, now: () => clock, sleep: async (ms) => void (clock += ms) }),
    ).rejects.toThrow(/no such invocation/);
    await expect(waitForInvocation({ fetch: answers(notFound()), sleep: async () => {} })).rejects.toBeInstanceOf(ApiError);
  });

  it('does not swallow other errors', async () => {
    const denied = new ApiError('AccessDenied', 'no', 403, null);
    await expect(waitForInvocation({ fetch: answers(denied), notFoundGraceMs: 10_000, sleep: async () => {} })).rejects.toBe(denied);
  });

  it('stops when the signal is aborted, with its reason', async () => {
    const controller = new AbortController();
    const reason = new InterruptedError('SIGINT');
    const waiting = waitForInvocation({ fetch: answers('Running'), signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    await expect(waiting).rejects.toBe(reason);
  });
});

describe('abortableSleep', () => {
  it('resolves after the time, rejects at once when already aborted', async () => {
    await expect(abortableSleep(1)).resolves.toBeUndefined();
    await expect(abortableSleep(1000, AbortSignal.abort('gone'))).rejects.toBe('gone');
  });
});
