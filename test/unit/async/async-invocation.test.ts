import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { isTerminalStatus, pollDelay } from '../../../src/fc/async-invocation.js';
import { readInvocation, readInvocationPage } from '../../../src/fc/v2016/async.js';

describe('isTerminalStatus', () => {
  it.each([
    ['Succeeded', true],
    ['Failed', true],
    ['Stopped', true],
    ['Expired', true],
    ['Invalid', true],
    ['Enqueued', false],
    ['Dequeued', false],
    ['Running', false],
    ['Stopping', false],
    ['Retrying', false],
    ['succeeded', false],
    ['', false],
  ])('%s → %s', (status, terminal) => {
    expect(isTerminalStatus(status)).toBe(terminal);
  });
});

describe('pollDelay', () => {
  it('starts at 250 ms and grows by half to a 5 s ceiling', () => {
    expect(Array.from({ length: 10 }, (_, n) => pollDelay(n))).toEqual([250, 375, 563, 844, 1266, 1898, 2848, 4271, 5000, 5000]);
    expect(pollDelay(1000)).toBe(5000);
  });

  it('never shrinks', () => {
    for (let n = 1; n < 50; n++) expect(pollDelay(n)).toBeGreaterThanOrEqual(pollDelay(n - 1));
  });
});

describe('readInvocation', () => {
  it('reads the fields, numbers also as strings, events in order', () => {
    const invocation = readInvocation({
      invocationId: 'job-1',
      status: 'Failed',
      serviceName: 'svc',
      functionName: 'fn',
      startedTime: '1700000000000',
      endTime: 1700000001500,
      alreadyRetriedTimes: 2,
      invocationErrorMessage: 'boom',
      events: [{ eventId: 1, status: 'Enqueued', timestamp: 1700000000000 }, null, { status: 'Failed', timestamp: '1700000001500', eventDetail: 'x' }],
      somethingNew: true,
    });
    expect(invocation).toMatchObject({
      invocationId: 'job-1',
      status: 'Failed',
      startedTime: 1_700_000_000_000,
      endTime: 1_700_000_001_500,
      durationMs: null,
      alreadyRetriedTimes: 2,
      invocationErrorMessage: 'boom',
      returnPayload: null,
      qualifier: null,
    });
    expect(invocation.events).toEqual([
      { eventId: 1, status: 'Enqueued', timestamp: 1_700_000_000_000, eventDetail: '' },
      { eventId: null, status: 'Failed', timestamp: 1_700_000_001_500, eventDetail: 'x' },
    ]);
  });

  it.each([null, [], 'text', {}, { invocationId: 'a' }, { status: 'Running' }, { invocationId: 1, status: 'Running' }])(
    'refuses %j as an InvalidResponse API error',
    (json) => {
      expect(() => readInvocation(json, 'req-1')).toThrow(ApiError);
      expect(() => readInvocation(json, 'req-1')).toThrow(/not a stateful async invocation object/);
    },
  );
});

describe('readInvocationPage', () => {
  it.each([
    [{ invocations: [{ a: 1 }], nextToken: '5' }, { invocations: [{ a: 1 }], nextToken: '5' }],
    [{ invocations: [], nextToken: '' }, { invocations: [], nextToken: null }],
    [{}, { invocations: [], nextToken: null }],
    [null, { invocations: [], nextToken: null }],
  ])('%j', (json, page) => {
    expect(readInvocationPage(json)).toEqual(page);
  });

  it('refuses a non-array list', () => {
    expect(() => readInvocationPage({ invocations: 'no' })).toThrow(/no "invocations" array/);
  });
});
