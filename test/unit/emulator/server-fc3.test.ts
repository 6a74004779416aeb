// The emulator's FC 3.0 API over raw HTTP: error shapes and request IDs, the API headers,
// ACS3 authentication over the body received (chunked too), limits, invocation headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACS3_MAX_CLOCK_SKEW_MS } from '../../../src/emulator/acs3-auth.js';
import { crc64 } from '../../../src/emulator/checksum.js';
import { decodeLog, invokePath, rawRequest, signedRequest, startTestEmulator, STS_KEY, type TestEmulator } from '../../helpers/emulator.js';
import { FC3_REQUEST_ID, fc3Error, fc3Path, signedFc3Request, signFc3Headers } from '../../helpers/emulator3.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const invoke = (fn: string, init: Omit<Parameters<typeof signedFc3Request>[1], 'path'> = {}) =>
  signedFc3Request(emulator.url, { path: fc3Path(fn), ...init });

describe('FC 3.0 answers', () => {
  it('carries an FC 3.0 request ID in x-fc-request-id and in the error body', async () => {
    const response = await rawRequest(emulator.url, { method: 'GET', path: '/2023-03-30/functions/echo/nothing' });
    expect(response.headers['content-type']).toBe('application/json');
    const error = fc3Error(response);
    expect(error).toMatchObject({ status: 400, code: 'PathNotSupported' });
    expect(response.headers['x-fc-request-id']).toMatch(FC3_REQUEST_ID);
    expect(error.requestId).toBe(response.headers['x-fc-request-id']);
    expect(Date.parse(response.headers['date'] ?? '')).not.toBeNaN();
    const ok = await invoke('hello');
    expect(ok.status).toBe(200);
    expect(ok.headers['x-fc-request-id']).toMatch(FC3_REQUEST_ID);
  });

  it('leaves FC 2.0 as it was on the same port', async () => {
    const fc2 = await signedRequest(emulator.url, { path: invokePath('demo', 'hello') });
    expect(fc2.body.toString()).toBe('hello world');
    expect(fc2.headers['x-fc-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const unknown = await rawRequest(emulator.url, { method: 'GET', path: '/2016-08-15/nothing' });
    expect(JSON.parse(unknown.body.toString())).toMatchObject({ ErrorCode: 'PathNotSupported' });
  });

  it('needs x-acs-action and x-acs-version naming the API of the path', async () => {
    expect(fc3Error(await invoke('hello', { omit: ['x-acs-action'] }))).toMatchObject({ status: 400, code: 'MissingRequiredHeader' });
    expect(fc3Error(await invoke('hello', { action: 'GetAsyncTask' }))).toMatchObject({
      status: 400,
      code: 'InvalidArgument',
      message: "x-acs-action 'GetAsyncTask' does not match the API of this path, InvokeFunction",
    });
    const headers = signFc3Headers(emulator.url, { path: fc3Path('hello') });
    const oldVersion = await rawRequest(emulator.url, { path: fc3Path('hello'), headers: { ...headers, 'x-acs-version': '2016-08-15' } });
    expect(fc3Error(oldVersion)).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });

  it('refuses an unsigned request, a wrong secret and an unknown key, in FC 3.0 shape', async () => {
    expect(fc3Error(await rawRequest(emulator.url, { path: fc3Path('hello'), headers: { 'x-acs-action': 'InvokeFunction', 'x-acs-version': '2023-03-30' } }))).toMatchObject({
      status: 400,
      code: 'MissingRequiredHeader',
      message: 'required HTTP header Authorization was not specified',
    });
    expect(fc3Error(await invoke('hello', { secret: 'wrong-fake-secret' }))).toMatchObject({ status: 403, code: 'SignatureNotMatch' });
    expect(fc3Error(await invoke('hello', { key: { accessKeyId: 'unknown-fake-id', accessKeySecret: 'x' } }))).toMatchObject({
      status: 403,
      code: 'InvalidAccessKeyId',
    });
  });

  it('accepts STS, and refuses a wrong token', async () => {
    expect((await invoke('hello', { key: STS_KEY })).body.toString()).toBe('hello world');
    const wrong = await invoke('hello', { key: { ...STS_KEY, securityToken: 'expired-fake-token' } });
    expect(fc3Error(wrong)).toMatchObject({ status: 403, code: 'InvalidSecurityToken' });
  });

  it('refuses a replayed nonce: one nonce cache for the whole emulator', async () => {
    const headers = signFc3Headers(emulator.url, { path: fc3Path('echo'), body: 'once' });
    const first = await rawRequest(emulator.url, { path: fc3Path('echo'), headers, body: 'once' });
    expect(first.body.toString()).toBe('once');
    const replay = await rawRequest(emulator.url, { path: fc3Path('echo'), headers, body: 'once' });
    expect(fc3Error(replay)).toMatchObject({ status: 400, code: 'SignatureNonceUsed' });
  });

  it('hashes the body received: chunked bodies are welcome, another body is refused', async () => {
    const event = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    const chunked = await invoke('echo', { body: event, chunked: true });
    expect(chunked.status).toBe(200);
    expect(chunked.body.equals(event)).toBe(true);
    const headers = signFc3Headers(emulator.url, { path: fc3Path('echo'), body: 'signed body' });
    const swapped = await rawRequest(emulator.url, { path: fc3Path('echo'), headers, body: 'other body!' });
    expect(fc3Error(swapped)).toMatchObject({ status: 400, code: 'InvalidArgument', message: expect.stringContaining('x-acs-content-sha256') });
  });

  it('checks the date against its clock', async () => {
    const late = new Date(Date.now() - ACS3_MAX_CLOCK_SKEW_MS - 60_000);
    expect(fc3Error(await invoke('hello', { date: late }))).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' });
  });

  it('limits bodies to 32 MiB sync and 128 KiB async, declared or chunked', async () => {
    const async = { 'x-fc-invocation-type': 'Async' };
    const declared = await invoke('echo', { body: Buffer.alloc(131_073), headers: async });
    expect(fc3Error(declared)).toEqual({
      status: 400,
      code: 'EntityTooLarge',
      message: 'payload size exceeds maximum allowed size (131072 bytes)',
      requestId: declared.headers['x-fc-request-id'],
    });
    const chunked = await invoke('echo', { body: Buffer.alloc(131_073), headers: async, chunked: true });
    expect(fc3Error(chunked).code).toBe('EntityTooLarge');
    const sync = await invoke('echo', { body: Buffer.alloc(33_554_433), chunked: true });
    expect(fc3Error(sync)).toMatchObject({ code: 'EntityTooLarge', message: expect.stringContaining('33554432') });
    expect((await invoke('hello')).status).toBe(200);
  });

  it('refuses an unknown invocation type', async () => {
    expect(fc3Error(await invoke('hello', { headers: { 'x-fc-invocation-type': 'Later' } }))).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });

  it('answers 400 for a name FC 3.0 refuses and 404 for unknown functions and qualifiers', async () => {
    expect(fc3Error(await invoke('9lives'))).toMatchObject({ status: 400, code: 'InvalidArgument', message: expect.stringContaining("actual: '9lives'") });
    expect(fc3Error(await invoke('nope'))).toMatchObject({ status: 404, code: 'FunctionNotFound', message: "function 'nope' does not exist" });
    expect(fc3Error(await invoke('hello', { query: { qualifier: 'beta' } }))).toMatchObject({ status: 404, code: 'AliasNotFound' });
    expect(fc3Error(await invoke('report', { query: { qualifier: '3' } }))).toMatchObject({ status: 404, code: 'VersionNotFound' });
    expect(fc3Error(await invoke('demo$nope'))).toMatchObject({ status: 404, code: 'FunctionNotFound', message: "function 'demo$nope' does not exist" });
    expect(fc3Error(await invoke('nope$hello'))).toMatchObject({ status: 404, code: 'FunctionNotFound' });
  });
});

describe('FC 3.0 InvokeFunction', () => {
  it('answers with the invocation headers of fc3-protocol §3 and the log tail on request', async () => {
    const response = await invoke('hello', { headers: { 'x-fc-log-type': 'Tail' } });
    const id = response.headers['x-fc-request-id'] as string;
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['x-fc-instance-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-fc-code-checksum']).toMatch(/^\d+$/);
    expect(response.headers['x-fc-invocation-service-version']).toBe('LATEST');
    expect(Number(response.headers['x-fc-invocation-duration'])).toBeGreaterThanOrEqual(1);
    expect(Number(response.headers['x-fc-max-memory-usage'])).toBeGreaterThan(0);
    expect(response.headers['x-fc-error-type']).toBeUndefined();
    expect(decodeLog(response.headers)).toBe(
      `FC Invoke Start RequestId: ${id}\n${decodeLog(response.headers).split('\n')[1]}\nFC Invoke End RequestId: ${id}\n`,
    );
    expect(decodeLog(response.headers)).toContain(`${id} [INFO] hello from demo/hello`);
    expect((await invoke('hello')).headers['x-fc-log-result']).toBeUndefined();
  });

  it('reports a function error with status 200 and x-fc-error-type', async () => {
    const handled = await invoke('fail');
    expect(handled.status).toBe(200);
    expect(handled.headers['x-fc-error-type']).toBe('HandledInvocationError');
    expect(JSON.parse(handled.body.toString())).toMatchObject({ errorMessage: 'demo/fail: this function always fails' });
    expect((await invoke('crash')).headers['x-fc-error-type']).toBe('UnhandledInvocationError');
  });

  it('runs a function folder with its qualifiers, and an FC 2.0 function by its migrated name', async () => {
    const report = await invoke('report', { body: 'numbers', query: { qualifier: 'canary' } });
    expect(report.headers['x-fc-invocation-service-version']).toBe('2');
    expect(JSON.parse(report.body.toString())).toEqual({
      event: 'numbers',
      title: 'weekly',
      serviceNameVariable: null,
      function: 'report',
      service: { logProject: '', logStore: '', qualifier: 'canary', versionId: '2' },
    });
    const migrated = await invoke('fixtures$callback', { body: 'x', query: { qualifier: 'prod' } });
    expect(migrated.headers['x-fc-invocation-service-version']).toBe('1');
    expect(JSON.parse(migrated.body.toString())).toMatchObject({ fcFunctionName: 'callback', service: { name: 'fixtures', qualifier: 'prod', versionId: '1' } });
  });

  it('runs the built-in demo functions, byte-exact, with the demo service code checksum', async () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect((await invoke('binary')).body.equals(all)).toBe(true);
    const echo = await invoke('echo', { body: all });
    expect(echo.body.equals(all)).toBe(true);
    const fc2 = await signedRequest(emulator.url, { path: invokePath('demo', 'echo'), body: 'x' });
    expect(echo.headers['x-fc-code-checksum']).toBe(fc2.headers['x-fc-code-checksum']);
    expect(echo.headers['x-fc-code-checksum']).not.toBe(crc64(''));
    const json = JSON.parse((await invoke('json', { body: 'q', query: { qualifier: 'prod' } })).body.toString());
    expect(json.context.function.name).toBe('json');
    expect(json.context.service).toEqual({ logProject: '', logStore: '', qualifier: 'prod', versionId: '1' });
  });
});
