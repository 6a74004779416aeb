// The small parts the engine stands on: the one failure wording and the one abortable sleep.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../../src/errors.js';
import { classifyFailure } from '../../../src/fc/failure-wording.js';
import { abortableSleep } from '../../../src/fc/sleep.js';

const URL = 'http://127.0.0.1:9000/2016-08-15/services/s/functions/f/invocations';
const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
const facts = { async: false, requestId: null, url: URL, retryHint: '--async-id' };

describe('classifyFailure', () => {
  it.each([
    ['sync, sent', reset, facts, 'the connection closed unexpectedly (127.0.0.1:9000); the function may have run: use --async-id for safely retryable invocations'],
    ['sync, sent, request ID known', reset, { ...facts, requestId: 'req-1' }, 'the connection closed unexpectedly (127.0.0.1:9000) (request ID req-1); the function may have run: use --async-id for safely retryable invocations'],
    ['sync, sent, no hint', reset, { ...facts, retryHint: null }, 'the connection closed unexpectedly (127.0.0.1:9000); the function may have run'],
    ['sync, never sent', refused, facts, 'connection refused (127.0.0.1:9000)'],
    ['async, sent', reset, { ...facts, async: true }, 'the connection closed unexpectedly (127.0.0.1:9000)'],
    ['deadline, sync', reset, { ...facts, requestId: 'req-2', deadline: { expired: (): boolean => true, label: '--timeout 2 s' } }, 'no complete answer within --timeout 2 s; the function may have run (request ID req-2)'],
    ['deadline, async', new DOMException('x', 'TimeoutError'), { ...facts, async: true, deadline: { expired: (): boolean => true, label: '300 ms (timeoutMs)' } }, 'no complete answer within 300 ms (timeoutMs)'],
  ])('%s', (_name, error, given, message) => {
    const failure = classifyFailure(error, given);
    expect(failure).toBeInstanceOf(NetworkError);
    expect(failure?.message).toBe(message);
  });

  it('keeps the service-side Timeout of an expired deadline, and the request ID on the error', () => {
    const headers = new NetworkError('Timeout', 'timed out waiting for the response headers (h)');
    const failure = classifyFailure(headers, { ...facts, requestId: 'r', deadline: { expired: () => true, label: '--timeout 1 s' } });
    expect(failure).toMatchObject({ code: 'Timeout', requestId: 'r', message: 'timed out waiting for the response headers (h) (request ID r); the function may have run: use --async-id for safely retryable invocations' });
  });

  it('is null for what is not a failure of the connection or the deadline', () => {
    expect(classifyFailure(new TypeError('bug'), facts)).toBeNull();
    expect(classifyFailure(Object.assign(new Error('disk'), { code: 'EACCES' }), facts)).toBeNull();
  });
});

describe('abortableSleep', () => {
  it('leaves no listener behind when it ends, and rejects at once for an aborted signal', async () => {
    const controller = new AbortController();
    await abortableSleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    await expect(abortableSleep(1000, AbortSignal.abort('gone'))).rejects.toBe('gone');
  });

  it('ends on whichever signal aborts first, with its reason, and leaves neither listened to', async () => {
    const one = new AbortController();
    const two = new AbortController();
    const sleeping = abortableSleep(10_000, one.signal, two.signal);
    two.abort('second');
    await expect(sleeping).rejects.toBe('second');
    expect(getEventListeners(one.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(two.signal, 'abort')).toHaveLength(0);
  });
});
