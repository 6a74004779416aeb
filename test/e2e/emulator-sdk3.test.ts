// The official FC 3.0 Node.js SDK (@alicloud/fc20230330) as the client of the emulator's FC 3.0
// API: the evidence that the emulator checks what FC 3.0 checks and answers as it answers.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Fc3Sdk from '@alicloud/fc20230330';
import { AK_KEY, STS_KEY, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { FC3_REQUEST_ID } from '../helpers/emulator3.js';

// The SDK is CommonJS: `require` gives its module.exports (TypeScript's synthetic default of
// the namespace), whose `default` is the client class.
const sdk = createRequire(import.meta.url)('@alicloud/fc20230330') as typeof Fc3Sdk.default;
type Client = InstanceType<typeof sdk.default>;
type Config = ConstructorParameters<typeof sdk.default>[0];
type Runtime = Parameters<Client['invokeFunctionWithOptions']>[3];

interface SdkError extends Error {
  code: string;
  statusCode: number;
  data: { Code: string; Message: string; RequestId: string };
}

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

/**
 * A client for `url`. The endpoint is always given: without it the SDK resolves the useless
 * `fc.aliyuncs.com` (fc3-protocol §1). Only the fields the SDK reads are set.
 */
function client(key: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = AK_KEY, url = emulator.url): Client {
  const config = { ...key, endpoint: new URL(url).host, protocol: 'http', regionId: 'cn-hangzhou' } as Config;
  return new sdk.default(config);
}

/** Runtime options that add `headers` to the request after the SDK's own (openapi-core doRequest `extendsParameters`). */
function withHeaders(headers: Record<string, string>): Runtime {
  return { extendsParameters: { headers } } as unknown as Runtime;
}

async function readAll(body: Readable | undefined): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body ?? []) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function invoke(
  fn: string,
  options: { event?: Buffer | string; qualifier?: string; async?: boolean; taskId?: string; logs?: boolean; runtime?: Runtime; via?: Client } = {},
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const request = new sdk.InvokeFunctionRequest({
    ...(options.event === undefined ? {} : { body: Readable.from(Buffer.from(options.event)) }),
    ...(options.qualifier === undefined ? {} : { qualifier: options.qualifier }),
  });
  const headers = new sdk.InvokeFunctionHeaders({
    ...(options.async ? { xFcInvocationType: 'Async' } : {}),
    ...(options.taskId === undefined ? {} : { xFcAsyncTaskId: options.taskId }),
    ...(options.logs ? { xFcLogType: 'Tail' } : {}),
  });
  const response = await (options.via ?? client()).invokeFunctionWithOptions(fn, request, headers, options.runtime ?? withHeaders({}));
  return { status: response.statusCode ?? 0, headers: response.headers ?? {}, body: await readAll(response.body) };
}

async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the SDK call to fail');
}

async function task(fn: string, taskId: string): Promise<Fc3Sdk.AsyncTask> {
  const response = await client().getAsyncTask(fn, taskId, new sdk.GetAsyncTaskRequest({}));
  expect(response.statusCode).toBe(200);
  return response.body as Fc3Sdk.AsyncTask;
}

async function waitFor(fn: string, taskId: string, status: string): Promise<Fc3Sdk.AsyncTask> {
  for (let i = 0; i < 150; i++) {
    const current = await task(fn, taskId);
    if (current.status === status) return current;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${taskId} never reached ${status}`);
}

describe('@alicloud/fc20230330 against the emulator', () => {
  it('invokes a function synchronously: JSON back, FC 3.0 request ID, log tail', async () => {
    const response = await invoke('json', { event: '{"order": 7}', logs: true });
    expect(response.status).toBe(200);
    const doc = JSON.parse(response.body.toString('utf8'));
    expect(doc).toMatchObject({ event: '{"order": 7}', context: { function: { name: 'json' }, service: { qualifier: 'LATEST' } } });
    const requestId = response.headers['x-fc-request-id'];
    expect(requestId).toMatch(FC3_REQUEST_ID);
    expect(doc.context.requestId).toBe(requestId);
    expect(response.headers['x-fc-invocation-service-version']).toBe('LATEST');
    expect(response.headers['x-fc-instance-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-fc-code-checksum']).toMatch(/^\d+$/);
    const log = Buffer.from(response.headers['x-fc-log-result'] ?? '', 'base64').toString('utf8');
    expect(log).toContain(`FC Invoke Start RequestId: ${requestId}`);
  });

  it('sends and receives binary bytes exactly (the SDK sends them chunked)', async () => {
    const event = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < event.length; i++) event[i] = (i * 31 + (i >> 8)) & 0xff;
    expect((await invoke('echo', { event })).body.equals(event)).toBe(true);
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect((await invoke('binary')).body.equals(all)).toBe(true);
  });

  it('passes a qualifier and reports the version that served', async () => {
    const alias = await invoke('report', { event: 'q', qualifier: 'canary' });
    expect(alias.headers['x-fc-invocation-service-version']).toBe('2');
    expect(JSON.parse(alias.body.toString())).toMatchObject({ function: 'report', service: { qualifier: 'canary', versionId: '2' } });
    expect((await invoke('hello', { qualifier: 'LATEST' })).headers['x-fc-invocation-service-version']).toBe('LATEST');
    const missing = await rejection(invoke('hello', { qualifier: 'nope' }));
    expect(missing).toMatchObject({ code: 'AliasNotFound', statusCode: 404 });
  });

  it('works with the STS triple, and refuses a wrong token', async () => {
    expect((await invoke('hello', { via: client(STS_KEY) })).body.toString()).toBe('hello world');
    const error = await rejection(invoke('hello', { via: client({ ...STS_KEY, securityToken: 'expired-fake-token' }) }));
    expect(error).toMatchObject({ code: 'InvalidSecurityToken', statusCode: 403 });
  });

  it('invokes a migrated FC 2.0 function by its FC 3.0 name, demo$echo', async () => {
    const response = await invoke('demo$echo', { event: 'through FC 3.0', qualifier: 'prod' });
    expect(response.body.toString()).toBe('through FC 3.0');
    expect(response.headers['x-fc-invocation-service-version']).toBe('1');
  });

  it('reports function errors with status 200 and x-fc-error-type', async () => {
    const failed = await invoke('fail');
    expect(failed.status).toBe(200);
    expect(failed.headers['x-fc-error-type']).toBe('HandledInvocationError');
    expect(JSON.parse(failed.body.toString())).toMatchObject({ errorMessage: 'demo/fail: this function always fails' });
  });

  it('runs an async task under its own ID: Get, List by prefix, Stop while it sleeps', async () => {
    const accepted = await invoke('sleep', { event: '8000', async: true, taskId: 'sdk_task_sleep' });
    expect(accepted.status).toBe(202);
    expect(accepted.headers['x-fc-async-task-id']).toBe('sdk_task_sleep');
    const running = await waitFor('sleep', 'sdk_task_sleep', 'Running');
    expect(running).toMatchObject({ taskId: 'sdk_task_sleep', functionArn: 'acs:fc:cn-hangzhou:1234567890:functions/sleep', taskPayload: '8000' });
    expect(running.requestId).toBe(accepted.headers['x-fc-request-id']);

    expect((await invoke('sleep', { event: '10', async: true, taskId: 'sdk_task_short' })).status).toBe(202);
    await waitFor('sleep', 'sdk_task_short', 'Succeeded');
    const listed = await client().listAsyncTasks('sleep', new sdk.ListAsyncTasksRequest({ prefix: 'sdk_task_', sortOrderByTime: 'asc', includePayload: true }));
    expect(listed.body?.tasks?.map((t) => [t.taskId, t.status, t.taskPayload])).toEqual([
      ['sdk_task_sleep', 'Running', '8000'],
      ['sdk_task_short', 'Succeeded', '10'],
    ]);
    expect(listed.body?.nextToken).toBe('');

    const stopped = await client().stopAsyncTask('sleep', 'sdk_task_sleep', new sdk.StopAsyncTaskRequest({}));
    expect(stopped.statusCode).toBe(200);
    expect((await task('sleep', 'sdk_task_sleep')).status).toBe('Stopped');
    const again = await rejection(client().stopAsyncTask('sleep', 'sdk_task_sleep', new sdk.StopAsyncTaskRequest({})));
    expect(again).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
    const unknown = await rejection(client().getAsyncTask('sleep', 'sdk_never', new sdk.GetAsyncTaskRequest({})));
    expect(unknown).toMatchObject({ code: 'AsyncTaskNotFound', statusCode: 404 });
  });

  it('gives an async task without an ID a generated UUID', async () => {
    const accepted = await invoke('echo', { event: 'payload', async: true });
    const taskId = accepted.headers['x-fc-async-task-id'] ?? '';
    expect(taskId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await waitFor('echo', taskId, 'Succeeded')).returnPayload).toBe('payload');
  });

  it('refuses a wrong secret with 403 SignatureNotMatch, in the FC 3.0 error shape', async () => {
    const error = await rejection(invoke('hello', { via: client({ ...AK_KEY, accessKeySecret: 'not-the-secret' }) }));
    expect(error.name).toBe('ClientError');
    expect(error).toMatchObject({ code: 'SignatureNotMatch', statusCode: 403 });
    expect(error.data.RequestId).toMatch(FC3_REQUEST_ID);
    expect(error.message).toContain('The request signature we calculated does not match the signature you provided');
    expect(error.message).toContain(`request id: ${error.data.RequestId}`);
  });

  it('refuses the same request sent twice: a replayed nonce', async () => {
    const runtime = withHeaders({ 'x-acs-signature-nonce': `sdk-replay-${Date.now()}` });
    expect((await invoke('echo', { event: 'first', runtime })).body.toString()).toBe('first');
    const replay = await rejection(invoke('echo', { event: 'first', runtime }));
    expect(replay).toMatchObject({ code: 'SignatureNonceUsed', statusCode: 400 });
  });

  it('refuses a stale date: an emulator whose clock is 20 minutes ahead', async () => {
    const ahead = await startTestEmulator({ now: () => new Date(Date.now() + 20 * 60_000) });
    try {
      const error = await rejection(invoke('hello', { via: client(AK_KEY, ahead.url) }));
      expect(error).toMatchObject({ code: 'RequestTimeTooSkewed', statusCode: 403 });
      expect(error.data.Message).toMatch(/^the difference between the request time '.*' and the current time '.*' is too large/);
    } finally {
      await ahead.close();
    }
  });
});
