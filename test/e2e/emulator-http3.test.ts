// FC 3.0 HTTP triggers of the emulator over real signed requests: the trigger domain (as the
// Host header or the first path segment), the HTTP event the function gets, its answer object
// turned back into the response, function errors, each FcCommonError, anonymous triggers, async.
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLog, STS_KEY, startTestEmulator, type RawResponse, type TestEmulator } from '../helpers/emulator.js';
import { FC3_REQUEST_ID, fc3Path, signedFc3Request } from '../helpers/emulator3.js';
import { anonymousTrigger, fc3Trigger, sendTriggerRequest, signFc3TriggerHeaders, triggerError, WEB_FUNCTIONS } from '../helpers/emulator-http.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ functionsDir: WEB_FUNCTIONS });
});
afterAll(async () => {
  await emulator?.close();
});

const json = (response: RawResponse): Record<string, unknown> => JSON.parse(response.body.toString()) as Record<string, unknown>;

/** One request with repeated headers, which the other helpers cannot send (a header list has no Host of its own). */
function requestWithHeaderList(baseUrl: string, path: string, headers: [string, string][]): Promise<RawResponse> {
  const list = [['host', new URL(baseUrl).host], ...headers].flat();
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(new URL(path, baseUrl), { method: 'GET', headers: list, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('a function-auth FC 3.0 trigger', () => {
  it.each(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('serves %s on /<name>.fcapp.run/ with the body back byte for byte', async (method) => {
    const body = method === 'GET' ? undefined : `${method} body`;
    const response = await fc3Trigger(emulator.url, { method, path: '/web3-raw.fcapp.run/any/path', headers: { 'Content-Type': 'text/plain' }, ...(body ? { body } : {}) });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(body ?? '');
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.headers['x-fc-request-id']).toMatch(FC3_REQUEST_ID);
    expect(response.headers['x-fc-error-type']).toBeUndefined();
  });

  it('passes binary bodies both ways unchanged, chunked too, by Host header and by path segment', async () => {
    const data = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(512 * 1024)]);
    const byPath = await fc3Trigger(emulator.url, { method: 'POST', path: '/web3-raw.cn-hangzhou.fcapp.run/', body: data, chunked: true });
    expect(byPath.body.equals(data)).toBe(true);
    const byHost = await fc3Trigger(emulator.url, { method: 'POST', path: '/upload', body: data, headers: { host: 'web3-raw.cn-hangzhou.fcapp.run' } });
    expect(byHost.status).toBe(200);
    expect(byHost.body.equals(data)).toBe(true);
    expect(emulator.logs.join('\n')).toContain('POST web3-raw.cn-hangzhou.fcapp.run/upload 200 OK');
  });

  it("answers with the function's status and headers, FC's own headers added, reserved ones dropped", async () => {
    for (const status of [201, 302, 404, 503]) {
      const response = await fc3Trigger(emulator.url, { path: '/web3-raw.fcapp.run/', query: `status=${status}` });
      expect(response.status).toBe(status);
      expect(response.headers['x-fc-error-type']).toBeUndefined();
    }
    const response = await fc3Trigger(emulator.url, { method: 'POST', path: '/web3-raw.fcapp.run/', body: 'x', headers: { 'x-fc-log-type': 'Tail' } });
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(response.headers['x-fc-forged']).toBeUndefined();
    expect(response.headers['x-fc-instance-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-fc-invocation-service-version']).toBe('LATEST');
    expect(decodeLog(response.headers)).toContain('[INFO] web3-raw: POST 1 bytes');
  });

  it('checks the ACS3 trigger signature: unsigned, wrong secret, stale date, STS token', async () => {
    const path = '/web3-raw.fcapp.run/';
    expect(triggerError(await anonymousTrigger(emulator.url, { path }))).toMatchObject({ status: 400, errorType: 'FcCommonError', code: 'MissingRequiredHeader' });
    expect(triggerError(await fc3Trigger(emulator.url, { path, secret: 'wrong-fake-secret' }))).toMatchObject({ status: 403, errorType: 'FcCommonError', code: 'SignatureNotMatch' });
    expect(triggerError(await fc3Trigger(emulator.url, { path, date: new Date(Date.now() - 16 * 60_000) }))).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' });
    expect((await fc3Trigger(emulator.url, { path, key: STS_KEY })).status).toBe(200);
    expect(triggerError(await fc3Trigger(emulator.url, { path, key: { ...STS_KEY, securityToken: 'other-fake-token' } }))).toMatchObject({ status: 403, code: 'InvalidSecurityToken' });
    // The query is signed: another one than the signed one does not match.
    expect((await fc3Trigger(emulator.url, { path, query: 'a=1&b=x+y' })).status).toBe(200);
    const signedForOther = signFc3TriggerHeaders({ path, query: 'a=1' });
    expect(triggerError(await sendTriggerRequest(emulator.url, { path, query: 'a=2' }, signedForOther))).toMatchObject({ status: 403, code: 'SignatureNotMatch' });
  });
});

describe('the HTTP event', () => {
  it('has the request: raw and decoded path, Go-style header keys, joined repeats, query, text body, requestContext', async () => {
    const response = await anonymousTrigger(emulator.url, {
      method: 'POST',
      path: '/web3-event.fcapp.run/a%20b/%E4%B8%AD',
      query: 'k=1&k=2&e=&bare&s=a+b',
      headers: { 'content-type': 'text/plain', 'user-agent': 'emulator-test/1', 'x-fc-trace-id': 'for FC only' },
      body: 'hello',
    });
    expect(response.status).toBe(200);
    const { event, isBuffer, requestId } = json(response) as { event: Record<string, unknown>; isBuffer: boolean; requestId: string };
    expect(isBuffer).toBe(true);
    expect(requestId).toBe(response.headers['x-fc-request-id']);
    expect(event).toMatchObject({
      version: 'v1',
      rawPath: '/a%20b/%E4%B8%AD',
      body: 'hello',
      isBase64Encoded: false,
      queryParameters: { k: '1,2', e: '', bare: '', s: 'a b' },
      requestContext: {
        accountId: '1234567890',
        domainName: 'web3-event.cn-hangzhou.fcapp.run',
        domainPrefix: 'web3-event',
        http: { method: 'POST', path: '/a b/中', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'emulator-test/1' },
        requestId: response.headers['x-fc-request-id'],
      },
    });
    const headers = event['headers'] as Record<string, string>;
    expect(headers['Content-Type']).toBe('text/plain');
    expect(headers['User-Agent']).toBe('emulator-test/1');
    expect(Object.keys(headers).some((name) => /^(x-fc-|host$)/i.test(name))).toBe(false);
    const context = event['requestContext'] as { time: string; timeEpoch: string };
    expect(context.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Number(context.timeEpoch) - Date.now())).toBeLessThan(60_000);
  });

  it('joins repeated headers with commas, and carries a binary body as Base64', async () => {
    const repeated = await requestWithHeaderList(emulator.url, '/web3-event.fcapp.run/', [
      ['x-multi', 'a'],
      ['x-multi', 'b'],
      ['accept-encoding', 'gzip'],
    ]);
    const headers = (json(repeated)['event'] as { headers: Record<string, string> }).headers;
    expect(headers['X-Multi']).toBe('a,b');
    expect(headers['Accept-Encoding']).toBe('gzip');
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const event = json(await anonymousTrigger(emulator.url, { method: 'PUT', path: '/web3-event.fcapp.run/', body: binary }))['event'] as Record<string, unknown>;
    expect(event).toMatchObject({ isBase64Encoded: true, body: binary.toString('base64') });
  });
});

describe("the function's answer", () => {
  const plain = (as: string) => anonymousTrigger(emulator.url, { path: '/web3-plain.fcapp.run/', query: `as=${as}` });

  it('a string, an object without statusCode or bytes: a 200 with the result as its body', async () => {
    expect((await plain('string')).body.toString()).toBe('plain text');
    const object = await plain('object');
    expect(object.status).toBe(200);
    expect(object.body.toString()).toBe('{"hello":"world"}');
    expect((await plain('bytes')).body.equals(Buffer.from([0, 1, 2, 255]))).toBe(true);
  });

  it('an invalid answer or a function error: 502 with X-Fc-Error-Type', async () => {
    const bad = await plain('bad-status');
    expect(bad.status).toBe(502);
    expect(bad.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(json(bad)['errorMessage']).toBe('the function answered statusCode 42, which is not an HTTP status from 200 to 599');
    const error = await plain('error');
    expect(error.status).toBe(502);
    expect(error.headers['x-fc-error-type']).toBe('HandledInvocationError');
    expect(json(error)).toMatchObject({ errorMessage: 'web3-plain: rejected', errorType: 'Error' });
    const exit = await plain('exit');
    expect(exit.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(json(exit)['errorMessage']).toMatch(/^Process exited unexpectedly before completing request/);
    expect(json(await plain('hang'))).toEqual({ errorMessage: 'Function timed out after 2 seconds' });
  });
});

describe('FcCommonError refusals in FC 3.0 shape', () => {
  it('404 without a trigger, for an unknown function, in another region; 403 for a method not allowed', async () => {
    const none = await fc3Trigger(emulator.url, { path: '/plain3.fcapp.run/' });
    expect(triggerError(none)).toEqual({
      status: 404,
      errorType: 'FcCommonError',
      code: 'TriggerNotFound',
      message: 'function \'plain3\' has no HTTP trigger: add "httpTrigger" to its function.json',
    });
    expect(json(none)['RequestId']).toBe(none.headers['x-fc-request-id']);
    expect(triggerError(await fc3Trigger(emulator.url, { path: '/nope.fcapp.run/' }))).toMatchObject({ status: 404, errorType: 'FcCommonError', code: 'FunctionNotFound' });
    expect(triggerError(await fc3Trigger(emulator.url, { path: '/web3-raw.cn-beijing.fcapp.run/' }))).toMatchObject({ status: 404, code: 'TriggerNotFound' });
    expect((await fc3Trigger(emulator.url, { path: '/web3-raw.cn-hangzhou-vpc.fcapp.run/' })).status).toBe(200);
    expect(triggerError(await anonymousTrigger(emulator.url, { method: 'DELETE', path: '/web3-event.fcapp.run/' }))).toMatchObject({
      status: 403,
      errorType: 'FcCommonError',
      code: 'MethodNotAllowed',
    });
  });
});

describe('async FC 3.0 trigger requests', () => {
  it('answer 202 with an async task ID; the task holds the HTTP event and the answer', async () => {
    const accepted = await fc3Trigger(emulator.url, { method: 'POST', path: '/web3-raw.fcapp.run/', body: 'later', headers: { 'x-fc-invocation-type': 'Async', 'x-fc-async-task-id': 'web_task_1' } });
    expect(accepted.status).toBe(202);
    expect(accepted.headers['x-fc-async-task-id']).toBe('web_task_1');
    let task: Record<string, unknown> = {};
    for (let i = 0; i < 100 && task['status'] !== 'Succeeded'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      task = json(await signedFc3Request(emulator.url, { method: 'GET', path: fc3Path('web3-raw', 'async-tasks/web_task_1'), action: 'GetAsyncTask' }));
    }
    expect(task['status']).toBe('Succeeded');
    expect(JSON.parse(task['taskPayload'] as string)).toMatchObject({ body: 'later', requestContext: { http: { method: 'POST' } } });
    expect(JSON.parse(task['returnPayload'] as string)).toMatchObject({ statusCode: 200, body: Buffer.from('later').toString('base64') });
  });
});

describe('InvokeFunction on an FC 3.0 function with a trigger', () => {
  it('is allowed: the handler gets the raw body as its event, and its answer object is the result', async () => {
    const response = await signedFc3Request(emulator.url, { path: fc3Path('web3-event'), body: '{"not":"an HTTP event"}' });
    expect(response.status).toBe(200);
    const answer = json(response) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ isBuffer: true, event: { not: 'an HTTP event' } });
  });
});
