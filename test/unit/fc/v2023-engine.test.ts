// The FC 3.0 FcApi through the invocation engine and the async task calls: against the
// emulator's FC 3.0 API (which checks every ACS3 signature, nonce and body hash as the
// service would) and against a plain server for the answers the emulator never gives.
import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ACCOUNT_ID } from '../../../src/emulator/defaults.js';
import { ApiError } from '../../../src/errors.js';
import { getAsyncInvocation, listAsyncInvocations, stopAsyncInvocation, type AsyncApiClient } from '../../../src/fc/async-api.js';
import { readBody } from '../../../src/fc/body.js';
import type { ApiConnection } from '../../../src/fc/fc-api.js';
import { invokeFunction, type InvocationCall, type InvocationOutcome } from '../../../src/fc/invocation.js';
import { Secrets } from '../../../src/fc/redact.js';
import { createDispatcher } from '../../../src/fc/send.js';
import { v2023 } from '../../../src/fc/v2023/index.js';
import { AK_KEY, startTestEmulator, STS_KEY, type TestEmulator } from '../../helpers/emulator.js';
import { FC3_REQUEST_ID } from '../../helpers/emulator3.js';
import { startTestServer, type TestServer } from '../../helpers/http-server.js';

let emulator: TestEmulator;
let dispatcher: Dispatcher;
let server: TestServer | undefined;

beforeAll(async () => {
  emulator = await startTestEmulator();
  dispatcher = createDispatcher({}, {});
});
afterAll(async () => {
  await dispatcher?.close();
  await emulator?.close();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function connection(baseUrl = emulator.url, credentials: ApiConnection['credentials'] = AK_KEY): ApiConnection {
  return { baseUrl, credentials, accountId: EMULATOR_ACCOUNT_ID, userAgent: 'fcinvoke/test' };
}

function call(typed: string, event: Buffer | string = '', overrides: Partial<InvocationCall> = {}): InvocationCall {
  const body = Buffer.from(event);
  return {
    target: v2023.resolveTarget(undefined, typed),
    async: false,
    logs: false,
    extraHeaders: {},
    contentLength: body.length,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    openBody: () => body,
    policy: { retries: 2, baseMs: 1, capMs: 1 },
    retryHint: '--async-id',
    ...overrides,
  };
}

const noSleep = { sleep: async () => {} };

function invoke(c: InvocationCall, options: { baseUrl?: string; credentials?: ApiConnection['credentials']; secrets?: Secrets; now?: () => Date } = {}): Promise<InvocationOutcome> {
  const environment = options.now ? { ...noSleep, now: options.now } : noSleep;
  return invokeFunction({ api: v2023, connection: connection(options.baseUrl, options.credentials), dispatcher, secrets: options.secrets, environment }, c);
}

function expectKind<K extends InvocationOutcome['kind']>(outcome: InvocationOutcome, kind: K): Extract<InvocationOutcome, { kind: K }> {
  expect(outcome.kind).toBe(kind);
  return outcome as Extract<InvocationOutcome, { kind: K }>;
}

function tasks(): AsyncApiClient {
  return { ...connection(), api: v2023, dispatcher, policy: { retries: 0, baseMs: 1, capMs: 1 }, now: () => new Date() };
}

async function waitForStatus(typed: string, id: string, status: string): Promise<void> {
  const target = v2023.resolveTarget(undefined, typed);
  for (let i = 0; i < 200; i++) {
    if ((await getAsyncInvocation(tasks(), target, id)).invocation.status === status) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${id} never reached ${status}`);
}

describe('invoking through the emulator', () => {
  it('sends every byte of a binary event, signed, and decodes the answer', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const outcome = expectKind(await invoke(call('echo', all)), 'answered');
    expect(outcome.status).toBe(200);
    expect((await readBody(outcome.body)).equals(all)).toBe(true);
    expect(outcome.meta.requestId).toMatch(FC3_REQUEST_ID);
    expect(outcome.request.headers['content-length']).toBe('256');
  });

  it('invokes with no event, with the log tail, with an STS key', async () => {
    const outcome = expectKind(await invoke(call('hello', '', { logs: true }), { credentials: STS_KEY }), 'answered');
    expect((await readBody(outcome.body)).toString()).toBe('hello world');
    expect(outcome.meta.log.text).toContain('FC Invoke Start RequestId');
    expect(outcome.request.headers['x-acs-security-token']).toBe(STS_KEY.securityToken);
  });

  it('carries the qualifier in the query, for a function of its own and for a migrated one', async () => {
    const report = expectKind(await invoke(call('report:canary', 'numbers')), 'answered');
    expect(report.meta.serviceVersion).toBe('2');
    expect(report.request.url).toMatch(/\/2023-03-30\/functions\/report\/invocations\?qualifier=canary$/);
    await readBody(report.body);
    const migrated = expectKind(await invoke(call('fixtures$callback:prod', 'x')), 'answered');
    expect(migrated.request.path).toBe('/2023-03-30/functions/fixtures%24callback/invocations');
    expect(JSON.parse((await readBody(migrated.body)).toString())).toMatchObject({ service: { name: 'fixtures', qualifier: 'prod' } });
  });

  it('reads the emulator’s errors: unknown function, wrong secret, a clock 20 minutes fast', async () => {
    const missing = expectKind(await invoke(call('no-such-fn')), 'api-error');
    expect(missing.error).toMatchObject({ code: 'FunctionNotFound', status: 404 });
    expect(missing.error.requestId).toMatch(FC3_REQUEST_ID);
    const wrong = expectKind(await invoke(call('hello'), { credentials: { ...AK_KEY, accessKeySecret: 'wrong-fake-secret' } }), 'api-error');
    expect(wrong.error).toMatchObject({ code: 'SignatureNotMatch', status: 403 });
    const fast = () => new Date(Date.now() + 20 * 60_000);
    const skewed = expectKind(await invoke(call('hello'), { now: fast }), 'api-error');
    expect(skewed.error.code).toBe('RequestTimeTooSkewed');
    expect(skewed.error.message).toMatch(/the local clock is 20 min ahead of the service's: sync it/);
  });
});

describe('async tasks through the emulator', () => {
  it('accepts a task under its ID, then gets it, lists it and refuses the ID again', async () => {
    const id = `task_${Date.now()}`;
    const accepted = expectKind(await invoke(call('echo', 'payload', { async: true, asyncId: id })), 'answered');
    expect(v2023.isAsyncAccepted(accepted.status)).toBe(true);
    expect(accepted.meta.asyncInvocationId).toBe(id);
    await waitForStatus('echo', id, 'Succeeded');
    const got = await getAsyncInvocation(tasks(), v2023.resolveTarget(undefined, 'echo'), id);
    expect(got.invocation).toMatchObject({ apiVersion: '2023-03-30', invocationId: id, functionName: 'echo', returnPayload: 'payload', qualifier: 'LATEST' });
    const listed = await listAsyncInvocations(tasks(), v2023.resolveTarget(undefined, 'echo'), { invocationIdPrefix: id, includePayload: true }, 10);
    expect(listed.invocations).toHaveLength(1);
    expect(listed.invocations[0]).toMatchObject({ taskId: id, taskPayload: 'payload' });
    const again = expectKind(await invoke(call('echo', 'payload', { async: true, asyncId: id })), 'api-error');
    expect(again.error.code).toBe('AsyncTaskAlreadyExists');
    expect(v2023.isDuplicateAsyncId(again.error.status, again.error.code)).toBe(true);
  });

  it('takes the task ID the service generates, digit-first or not, and stops a running task', async () => {
    const accepted = expectKind(await invoke(call('fixtures$hang', '', { async: true })), 'answered');
    const id = accepted.meta.asyncInvocationId!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    await waitForStatus('fixtures$hang', id, 'Running');
    await stopAsyncInvocation(tasks(), v2023.resolveTarget(undefined, 'fixtures$hang'), id);
    await waitForStatus('fixtures$hang', id, 'Stopped');
  });

  it('tells an unknown task ID from an unknown function', async () => {
    const unknown = getAsyncInvocation(tasks(), v2023.resolveTarget(undefined, 'echo'), 'never-there');
    await expect(unknown).rejects.toSatisfy((e: unknown) => e instanceof ApiError && v2023.isUnknownAsyncId(e) && e.code === 'AsyncTaskNotFound');
    const noFunction = getAsyncInvocation(tasks(), v2023.resolveTarget(undefined, 'no-such-fn'), 'x');
    await expect(noFunction).rejects.toSatisfy((e: unknown) => e instanceof ApiError && !v2023.isUnknownAsyncId(e));
  });
});

describe('answers the emulator never gives', () => {
  it('retries a 429, signing the retry again with a new nonce', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      res.writeHead(i === 0 ? 429 : 200, { 'x-fc-request-id': `1-0000000${i}-aa` });
      res.end(i === 0 ? '{"Code":"TooManyRequests","Message":"slow down"}' : 'ok');
    });
    const outcome = expectKind(await invoke(call('fn', 'hi'), { baseUrl: server.url }), 'answered');
    expect(outcome.attempts).toBe(2);
    const [first, second] = server.requests;
    expect(first!.headers['x-acs-signature-nonce']).not.toBe(second!.headers['x-acs-signature-nonce']);
    expect(first!.headers.authorization).not.toBe(second!.headers.authorization);
    expect(second!.body.toString()).toBe('hi');
    expect(second!.headers['content-length']).toBe('2');
    expect(second!.headers['transfer-encoding']).toBeUndefined();
    expect(second!.headers.host).toBe(new URL(server.url).host);
  });

  it('retries a Throttling code, and never sends a synchronous call again after a 500', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      res.writeHead(i === 0 ? 400 : 500, {});
      res.end(i === 0 ? '{"Code":"Throttling.User","Message":"busy"}' : '{"Code":"InternalError","Message":"oops","RequestId":"1-x"}');
    });
    const outcome = expectKind(await invoke(call('fn', 'hi'), { baseUrl: server.url }), 'api-error');
    expect(outcome).toMatchObject({ attempts: 2, throttled: false, error: { code: 'InternalError', requestId: '1-x' } });
    expect(server.requests).toHaveLength(2);
  });

  it('counts a 200 as accepted for async, and a retried task ID refused as existing as accepted earlier', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      res.writeHead([500, 409, 200][i] ?? 200, {});
      res.end(i === 1 ? '{"Code":"AsyncTaskAlreadyExists","Message":"exists"}' : '');
    });
    const outcome = expectKind(await invoke(call('fn', 'hi', { async: true, asyncId: 'job-9' }), { baseUrl: server.url }), 'answered');
    expect(outcome).toMatchObject({ acceptedEarlier: true, status: 202, attempts: 2, meta: { asyncInvocationId: 'job-9' } });
    const plain = expectKind(await invoke(call('fn', 'hi', { async: true }), { baseUrl: server.url }), 'answered');
    expect([plain.status, v2023.isAsyncAccepted(plain.status)]).toEqual([200, true]);
  });

  it('scrubs a reflected ACS3 signature from the error message', async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(403, {});
      res.end(JSON.stringify({ Code: 'SignatureNotMatch', Message: `we got ${req.headers.authorization}`, RequestId: '1-r' }));
    });
    const secrets = new Secrets();
    const outcome = expectKind(await invoke(call('fn', 'hi'), { baseUrl: server.url, secrets }), 'api-error');
    const signature = /Signature=([0-9a-f]{64})$/.exec(String(server.requests[0]!.headers.authorization))![1]!;
    expect(outcome.error.message).not.toContain(signature);
    expect(outcome.error.message).toContain('Signature=<redacted>');
  });
});
