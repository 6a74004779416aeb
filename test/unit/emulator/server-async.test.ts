// Async invocation (202, background run) and the stateful async invocation APIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokePath, signedRequest, startTestEmulator, type RawResponse, type TestEmulator } from '../../helpers/emulator.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const asyncPath = (service: string, fn: string, id?: string): string =>
  `/2016-08-15/services/${service}/functions/${fn}/stateful-async-invocations${id === undefined ? '' : `/${id}`}`;

function invokeAsync(fn: string, body: string, id?: string): Promise<RawResponse> {
  const headers: Record<string, string> = { 'X-Fc-Invocation-Type': 'Async' };
  if (id !== undefined) headers['X-Fc-Stateful-Async-Invocation-Id'] = id;
  return signedRequest(emulator.url, { path: invokePath('demo', fn), body, headers });
}

async function getInvocation(fn: string, id: string): Promise<Record<string, unknown>> {
  const response = await signedRequest(emulator.url, { method: 'GET', path: asyncPath('demo', fn, id) });
  expect(response.status).toBe(200);
  return JSON.parse(response.body.toString()) as Record<string, unknown>;
}

async function waitFor(fn: string, id: string, status: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const invocation = await getInvocation(fn, id);
    if (invocation['status'] === status) return invocation;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${id} never reached ${status}`);
}

describe('async invocation', () => {
  it('answers 202 with an invocation ID and runs the function', async () => {
    const accepted = await invokeAsync('echo', 'async payload', 'job_1');
    expect(accepted.status).toBe(202);
    expect(accepted.body.length).toBe(0);
    expect(accepted.headers['x-fc-stateful-async-invocation-id']).toBe('job_1');
    const done = await waitFor('echo', 'job_1', 'Succeeded');
    expect(done).toMatchObject({
      invocationId: 'job_1',
      serviceName: 'demo',
      functionName: 'echo',
      qualifier: 'LATEST',
      requestId: accepted.headers['x-fc-request-id'],
      returnPayload: 'async payload',
      invocationPayload: 'async payload',
    });
    expect((done['events'] as { status: string }[]).map((e) => e.status)).toEqual(['Enqueued', 'Dequeued', 'Running', 'Succeeded']);
    expect(done['endTime']).toBeGreaterThanOrEqual(done['startedTime'] as number);
  });

  it('generates an ID when none is given, and records a failure', async () => {
    const accepted = await invokeAsync('fail', '');
    const id = accepted.headers['x-fc-stateful-async-invocation-id'] as string;
    // A UUID, as FC generates them: often digit-first, unlike the IDs a caller may choose.
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const failed = await waitFor('fail', id, 'Failed');
    expect(failed['invocationErrorMessage']).toContain('demo/fail: this function always fails');
  });

  it('refuses a duplicate or invalid ID and a payload over 128 KiB', async () => {
    await invokeAsync('hello', '', 'dup');
    expect((await invokeAsync('hello', '', 'dup')).status).toBe(409);
    const invalid = await invokeAsync('hello', '', '9starts-with-a-digit');
    expect(invalid.status).toBe(400);
    const tooLarge = await invokeAsync('echo', 'x'.repeat(131_073));
    expect(tooLarge.status).toBe(400);
    expect(JSON.parse(tooLarge.body.toString())).toEqual({
      ErrorCode: 'EntityTooLarge',
      ErrorMessage: 'payload size exceeds maximum allowed size (131072 bytes)',
    });
  });

  it('stops a running invocation; stopping a finished one is InvalidArgument', async () => {
    await invokeAsync('sleep', '5000', 'long_sleep');
    await waitFor('sleep', 'long_sleep', 'Running');
    const stop = await signedRequest(emulator.url, { method: 'PUT', path: asyncPath('demo', 'sleep', 'long_sleep') });
    expect(stop.status).toBe(200);
    expect((await getInvocation('sleep', 'long_sleep'))['status']).toBe('Stopped');
    const again = await signedRequest(emulator.url, { method: 'PUT', path: asyncPath('demo', 'sleep', 'long_sleep') });
    expect(again.status).toBe(400);
    expect(JSON.parse(again.body.toString()).ErrorCode).toBe('InvalidArgument');
  });

  it('lists the invocations of a function and 404s unknown ones', async () => {
    await invokeAsync('binary', '', 'list_a');
    await invokeAsync('binary', '', 'list_b');
    await waitFor('binary', 'list_b', 'Succeeded');
    const response = await signedRequest(emulator.url, { method: 'GET', path: `${asyncPath('demo', 'binary')}?limit=1&sortOrderByTime=asc` });
    const page = JSON.parse(response.body.toString()) as { invocations: { invocationId: string }[]; nextToken?: string };
    expect(page.invocations.map((i) => i.invocationId)).toEqual(['list_a']);
    expect(page.nextToken).toBeDefined();
    expect(page.invocations[0]).not.toHaveProperty('invocationPayload');
    const missing = await signedRequest(emulator.url, { method: 'GET', path: asyncPath('demo', 'binary', 'nope') });
    expect(missing.status).toBe(404);
    const wrongFunction = await signedRequest(emulator.url, { method: 'GET', path: asyncPath('demo', 'hello', 'list_a') });
    expect(wrongFunction.status).toBe(404);
  });
});
