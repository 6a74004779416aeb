// FC 2.0 HTTP triggers of the emulator over real signed requests: `/2016-08-15/proxy/...` and
// the trigger domain, every method, query shapes, bodies byte for byte, the function's own
// statuses and headers, crashes, each FcCommonError, anonymous triggers, async, InvokeFunction's
// refusal, and the official FC 2.0 SDK as a client.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStringToSign, computeSignature } from '../../src/fc/v2016/sign.js';
import { AK_KEY, decodeLog, invokePath, signedRequest, startTestEmulator, STS_KEY, type RawResponse, type TestEmulator } from '../helpers/emulator.js';
import { fc3Error, fc3Path, signedFc3Request } from '../helpers/emulator3.js';
import { anonymousTrigger, fc2Trigger, sendTriggerRequest, signFc2TriggerHeaders, triggerError, WEB_FUNCTIONS } from '../helpers/emulator-http.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ functionsDir: WEB_FUNCTIONS });
});
afterAll(async () => {
  await emulator?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const proxy = (target: string): string => `/2016-08-15/proxy/${target}`;
const json = (response: RawResponse): Record<string, unknown> => JSON.parse(response.body.toString()) as Record<string, unknown>;

describe('a function-auth trigger on /2016-08-15/proxy/', () => {
  it.each(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('serves %s with the body sent back byte for byte', async (method) => {
    const body = method === 'GET' ? undefined : `${method} body`;
    const response = await fc2Trigger(emulator.url, { method, path: proxy('site/raw/any/path'), headers: { 'Content-Type': 'text/plain' }, ...(body ? { body } : {}) });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(body ?? '');
    expect(response.headers['content-type']).toBe('text/plain');
    expect(response.headers['x-fc-request-id']).toMatch(UUID);
    expect(response.headers['x-fc-error-type']).toBeUndefined();
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await fc2Trigger(emulator.url, { method: 'HEAD', path: proxy('site/raw/') });
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(0);
    expect(response.headers['x-stream-equals-body']).toBe('true');
  });

  it('passes binary bodies both ways unchanged, with a length or chunked, sent whole or as a stream', async () => {
    const data = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(1024 * 1024)]);
    for (const [query, chunked] of [[undefined, false], ['stream', false], [undefined, true]] as const) {
      const response = await fc2Trigger(emulator.url, { method: 'POST', path: proxy('site/raw/'), body: data, chunked, ...(query ? { query } : {}) });
      expect(response.status).toBe(200);
      expect(response.headers['content-length']).toBe(String(data.length));
      expect(response.body.equals(data)).toBe(true);
      expect(response.headers['x-stream-equals-body']).toBe('true');
    }
  });

  it('answers with the status and headers the function chose, and adds FC headers of its own', async () => {
    for (const status of [201, 302, 404, 500, 503]) {
      const response = await fc2Trigger(emulator.url, { method: 'POST', path: proxy('site/raw/'), query: `status=${status}`, body: 'x' });
      expect(response.status).toBe(status);
      // The function's own error statuses are its answer: FC marks only its own errors.
      expect(response.headers['x-fc-error-type']).toBeUndefined();
    }
    const response = await fc2Trigger(emulator.url, { method: 'POST', path: proxy('site/raw/'), body: 'x', headers: { 'X-Fc-Log-Type': 'Tail' } });
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(response.headers['x-fc-forged']).toBeUndefined();
    expect(response.headers['server']).toBeUndefined();
    expect(response.headers['x-removed']).toBeUndefined();
    expect(response.headers['x-fc-instance-id']).toMatch(UUID);
    expect(response.headers['x-fc-code-checksum']).toMatch(/^\d+$/);
    expect(Number(response.headers['x-fc-invocation-duration'])).toBeGreaterThanOrEqual(1);
    expect(response.headers['x-fc-invocation-service-version']).toBe('LATEST');
    expect(decodeLog(response.headers)).toContain('[INFO] raw: POST 1 bytes');
    const quiet = await fc2Trigger(emulator.url, { path: proxy('site/raw/') });
    expect(quiet.headers['x-fc-log-result']).toBeUndefined();
  });

  it('signs the sorted raw queries: repeated keys, empty values, keys without "=", encoded text', async () => {
    const query = 'y=b&x=awsome&y=a&empty=&bare&space=a+b&utf=%E4%B8%AD%E6%96%87';
    expect((await fc2Trigger(emulator.url, { path: proxy('site/raw/'), query })).status).toBe(200);
    // The Go, Python and Java SDKs sign a key without a value as a bare `key` line.
    const headers: Record<string, string> = { date: new Date().toUTCString(), 'x-fc-account-id': '1234567890' };
    const resource = `${proxy('site/raw/')}\nbare\nempty=\nspace=a b\nutf=中文\nx=awsome\ny=a\ny=b`;
    headers['authorization'] = `FC ${AK_KEY.accessKeyId}:${computeSignature(buildStringToSign({ method: 'GET', path: '', headers }) + resource, AK_KEY.accessKeySecret)}`;
    expect((await sendTriggerRequest(emulator.url, { path: proxy('site/raw/'), query }, headers)).status).toBe(200);
    // A signature over other queries than those sent does not match.
    const signed = signFc2TriggerHeaders({ path: proxy('site/raw/'), query: 'x=1' });
    expect(triggerError(await sendTriggerRequest(emulator.url, { path: proxy('site/raw/'), query: 'x=2' }, signed))).toMatchObject({
      status: 403,
      errorType: 'FcCommonError',
      code: 'SignatureNotMatch',
    });
  });

  it('accepts STS credentials and checks their token', async () => {
    expect((await fc2Trigger(emulator.url, { path: proxy('site/raw/'), key: STS_KEY })).status).toBe(200);
    const wrong = await fc2Trigger(emulator.url, { path: proxy('site/raw/'), key: { ...STS_KEY, securityToken: 'other-fake-token' } });
    expect(triggerError(wrong)).toMatchObject({ status: 403, errorType: 'FcCommonError', code: 'InvalidSecurityToken' });
  });

  it('serves the qualifier of the path, and refuses one that does not exist', async () => {
    const latest = await fc2Trigger(emulator.url, { path: proxy('site.LATEST/raw/') });
    expect(latest.headers['x-fc-invocation-service-version']).toBe('LATEST');
    const prod = await fc2Trigger(emulator.url, { method: 'POST', path: proxy('site.prod/raw/hi'), body: 'x' });
    expect(prod.status).toBe(200);
    expect(prod.headers['x-fc-invocation-service-version']).toBe('1');
    expect(json(await anonymousTrigger(emulator.url, { path: proxy('site.prod/info/') }))['service']).toMatchObject({ qualifier: 'prod', versionId: '1' });
    expect(triggerError(await fc2Trigger(emulator.url, { path: proxy('site.staging/raw/') }))).toMatchObject({ status: 404, errorType: 'FcCommonError', code: 'AliasNotFound' });
    expect(triggerError(await fc2Trigger(emulator.url, { path: proxy('site.7/raw/') }))).toMatchObject({ status: 404, code: 'VersionNotFound' });
  });
});

describe('what an FC 2.0 HTTP handler is given', () => {
  it('req: method, decoded path, url, queries, headers without FC reserved ones, clientIP; and the context', async () => {
    const response = await anonymousTrigger(emulator.url, {
      method: 'POST',
      path: proxy('site/info/a%20b/%E4%B8%AD%E6%96%87'),
      query: 'k=1&k=2&e=&bare',
      headers: { 'Content-Type': 'text/plain', 'X-Custom': 'yes', 'X-Fc-Trace-Id': 'kept by FC', 'Accept-Encoding': 'gzip' },
      body: 'hello',
    });
    expect(response.status).toBe(200);
    const info = json(response);
    expect(info).toMatchObject({
      method: 'POST',
      path: '/a b/中文',
      url: `${proxy('site/info/a%20b/%E4%B8%AD%E6%96%87')}?k=1&k=2&e=&bare`,
      queries: { k: ['1', '2'], e: '', bare: '' },
      clientIP: '127.0.0.1',
      body: 'hello',
      requestId: response.headers['x-fc-request-id'],
      function: 'info',
      service: { name: 'site', qualifier: 'LATEST' },
    });
    const headers = info['headers'] as Record<string, string>;
    expect(headers['content-type']).toBe('text/plain');
    expect(headers['x-custom']).toBe('yes');
    expect(headers['x-fc-trace-id']).toBeUndefined();
    expect(headers['accept-encoding']).toBeUndefined();
  });

  it('an empty path after the function is /', async () => {
    expect(json(await anonymousTrigger(emulator.url, { path: proxy('site/info') }))['path']).toBe('/');
    expect(json(await anonymousTrigger(emulator.url, { path: proxy('site/info/') }))['path']).toBe('/');
  });
});

describe('anonymous triggers', () => {
  it('accept unsigned requests, and signed ones too', async () => {
    expect((await anonymousTrigger(emulator.url, { path: proxy('site/info/') })).status).toBe(200);
    expect((await fc2Trigger(emulator.url, { path: proxy('site/info/'), secret: 'not-even-the-right-fake-secret' })).status).toBe(200);
  });

  it('still allow only their methods: 403 FcCommonError', async () => {
    const refused = await anonymousTrigger(emulator.url, { method: 'PUT', path: proxy('site/info/'), body: 'x' });
    expect(triggerError(refused)).toEqual({
      status: 403,
      errorType: 'FcCommonError',
      code: 'MethodNotAllowed',
      message: "method PUT is not allowed by the HTTP trigger of function 'site/info' (its methods: GET, POST)",
    });
  });
});

describe('a crashing HTTP handler', () => {
  it.each(['throw', 'reject', 'exit', 'timer', 'object'])('%s: 502 UnhandledInvocationError, "Process exited unexpectedly", a new instance', async (mode) => {
    const first = await anonymousTrigger(emulator.url, { path: proxy('site/crash/'), query: `mode=${mode}`, headers: { 'x-fc-log-type': 'Tail' } });
    expect(first.status).toBe(502);
    expect(first.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(first.headers['content-type']).toBe('application/json');
    expect(json(first)['errorMessage']).toMatch(/^Process exited unexpectedly before completing request \(duration: \d+ms, maxMemoryUsage: [\d.]+MB\)$/);
    expect(decodeLog(first.headers)).toContain(`crash: mode ${mode}`);
    const next = await anonymousTrigger(emulator.url, { path: proxy('site/crash/'), query: `mode=${mode}` });
    expect(next.headers['x-fc-instance-id']).not.toBe(first.headers['x-fc-instance-id']);
  });

  it('that never sends: 502 after the timeout', async () => {
    const response = await anonymousTrigger(emulator.url, { path: proxy('site/crash/'), query: 'mode=hang' });
    expect(response.status).toBe(502);
    expect(response.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(json(response)).toEqual({ errorMessage: 'Function timed out after 1 seconds' });
  });
});

describe('FcCommonError refusals', () => {
  const refusal = async (response: Promise<RawResponse>) => {
    const answered = await response;
    expect(answered.headers['content-type']).toBe('application/json');
    expect(answered.headers['x-fc-request-id']).toMatch(UUID);
    return triggerError(answered);
  };

  it('404 for a function without a trigger, and for unknown services and functions', async () => {
    expect(await refusal(fc2Trigger(emulator.url, { path: proxy('site/plain/') }))).toEqual({
      status: 404,
      errorType: 'FcCommonError',
      code: 'TriggerNotFound',
      message: 'function \'site/plain\' has no HTTP trigger: add "httpTrigger" to its function.json',
    });
    expect(await refusal(fc2Trigger(emulator.url, { path: proxy('nope/raw/') }))).toMatchObject({ status: 404, errorType: 'FcCommonError', code: 'ServiceNotFound' });
    expect(await refusal(fc2Trigger(emulator.url, { path: proxy('site/nope/') }))).toMatchObject({ status: 404, errorType: 'FcCommonError', code: 'FunctionNotFound' });
  });

  it('400 without Date or Authorization, 403 for a stale date, an unknown key, a wrong secret, another account', async () => {
    const path = proxy('site/raw/');
    expect(await refusal(fc2Trigger(emulator.url, { path, omit: ['date'] }))).toMatchObject({ status: 400, errorType: 'FcCommonError', code: 'MissingRequiredHeader' });
    expect(await refusal(anonymousTrigger(emulator.url, { path, headers: { date: new Date().toUTCString() } }))).toMatchObject({
      status: 400,
      code: 'MissingRequiredHeader',
      message: 'required HTTP header Authorization was not specified',
    });
    const stale = new Date(Date.now() - 16 * 60_000).toUTCString();
    expect(await refusal(fc2Trigger(emulator.url, { path, date: stale }))).toMatchObject({ status: 403, errorType: 'FcCommonError', code: 'RequestTimeTooSkewed' });
    expect(await refusal(fc2Trigger(emulator.url, { path, key: { accessKeyId: 'unknown-fake-id', accessKeySecret: 'x' } }))).toMatchObject({ status: 403, code: 'InvalidAccessKeyID' });
    expect(await refusal(fc2Trigger(emulator.url, { path, secret: 'wrong-fake-secret' }))).toMatchObject({ status: 403, code: 'SignatureNotMatch' });
    expect(await refusal(fc2Trigger(emulator.url, { path, headers: { 'x-fc-account-id': '42' } }))).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('400 for a target over 4 KB, a body over the async limit, an unknown invocation type', async () => {
    expect(await refusal(fc2Trigger(emulator.url, { path: proxy('site/raw/'), query: `q=${'x'.repeat(4100)}` }))).toMatchObject({
      status: 400,
      errorType: 'FcCommonError',
      code: 'InvalidArgument',
    });
    const big = Buffer.alloc(131_073, 1);
    expect(await refusal(fc2Trigger(emulator.url, { method: 'POST', path: proxy('site/raw/'), body: big, headers: { 'x-fc-invocation-type': 'Async' } }))).toMatchObject({
      status: 400,
      code: 'InvalidArgument',
      message: 'payload size exceeds maximum allowed size (131072 bytes)',
    });
    expect(await refusal(fc2Trigger(emulator.url, { path: proxy('site/raw/'), headers: { 'x-fc-invocation-type': 'Later' } }))).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });

  it('never puts a signature or secret in the access log', async () => {
    await fc2Trigger(emulator.url, { path: proxy('site/raw/'), secret: 'wrong-fake-secret' });
    const log = emulator.logs.join('\n');
    expect(log).toMatch(/GET \/2016-08-15\/proxy\/site\/raw\/ 403 SignatureNotMatch/);
    expect(log).not.toContain(AK_KEY.accessKeySecret);
    expect(log).not.toMatch(/FC emulator-fake-key-id:/);
  });
});

describe('async HTTP-trigger requests', () => {
  it('answer 202 with a stateful async invocation ID and run the handler with the request', async () => {
    const accepted = await fc2Trigger(emulator.url, {
      method: 'POST',
      path: proxy('site/raw/'),
      body: 'later',
      headers: { 'X-Fc-Invocation-Type': 'Async', 'X-Fc-Stateful-Async-Invocation-Id': 'web_job_1' },
    });
    expect(accepted.status).toBe(202);
    expect(accepted.headers['x-fc-stateful-async-invocation-id']).toBe('web_job_1');
    expect(accepted.headers['x-fc-request-id']).toMatch(UUID);
    const path = '/2016-08-15/services/site/functions/raw/stateful-async-invocations/web_job_1';
    let invocation: Record<string, unknown> = {};
    for (let i = 0; i < 100 && invocation['status'] !== 'Succeeded'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      invocation = json(await signedRequest(emulator.url, { method: 'GET', path }));
    }
    expect(invocation).toMatchObject({ status: 'Succeeded', returnPayload: 'later', invocationPayload: 'later' });
  });
});

describe('InvokeFunction on a function with an HTTP trigger', () => {
  it('is refused as FC refuses it, through FC 2.0 and FC 3.0, while other functions still run', async () => {
    const fc2 = await signedRequest(emulator.url, { path: invokePath('site', 'raw'), body: 'x' });
    expect(fc2.status).toBe(400);
    expect(fc2.headers['x-fc-error-type']).toBeUndefined();
    expect(JSON.parse(fc2.body.toString())).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Function with http trigger(name: httpTrigger) can only be invoked with http trigger URL.',
    });
    expect(fc3Error(await signedFc3Request(emulator.url, { path: fc3Path('site$raw'), body: 'x' }))).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect((await signedRequest(emulator.url, { path: invokePath('site', 'plain'), body: 'x' })).body.toString()).toBe('no trigger here');
  });
});

describe('the trigger domain of an FC 2.0 function (service$function)', () => {
  it('signs the bare path: as the Host header, or as the emulator\'s first path segment', async () => {
    const byHost = await fc2Trigger(emulator.url, { method: 'POST', path: '/hello/there', query: 'b=2&a=1', body: 'x', headers: { host: 'site$raw.cn-hangzhou.fcapp.run' } });
    expect(byHost.status).toBe(200);
    expect(byHost.body.toString()).toBe('x');
    const byPath = await anonymousTrigger(emulator.url, { path: '/site$info.fcapp.run/hello', query: 'a=1' });
    expect(json(byPath)).toMatchObject({ path: '/hello', url: '/hello?a=1' });
    expect((await fc2Trigger(emulator.url, { path: '/site%24raw.cn-hangzhou.fcapp.run/x' })).status).toBe(200);
  });

  it('refuses a signature over the /proxy/ path there', async () => {
    const signed = signFc2TriggerHeaders({ path: proxy('site/raw/hello') });
    const response = await sendTriggerRequest(emulator.url, { path: '/hello' }, { ...signed, host: 'site$raw.cn-hangzhou.fcapp.run' });
    expect(triggerError(response)).toMatchObject({ status: 403, errorType: 'FcCommonError', code: 'SignatureNotMatch' });
  });
});

describe('the official FC 2.0 SDK (@alicloud/fc2) as the client', () => {
  interface FcClient {
    get(path: string, query?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ headers: Record<string, string>; data: unknown }>;
    post(path: string, body: unknown, headers?: Record<string, string>, queries?: Record<string, unknown>, opts?: { rawBuf?: boolean }): Promise<{ headers: Record<string, string>; data: unknown }>;
  }
  type FcConstructor = new (accountId: string, config: { accessKeyID: string; accessKeySecret: string; region: string; endpoint: string }) => FcClient;
  const FC = createRequire(import.meta.url)('@alicloud/fc2') as FcConstructor;
  const client = (): FcClient => new FC('1234567890', { accessKeyID: AK_KEY.accessKeyId, accessKeySecret: AK_KEY.accessKeySecret, region: 'cn-hangzhou', endpoint: emulator.url });

  it('signs /proxy/ requests with their queries the way the emulator checks them', async () => {
    const got = await client().get('/proxy/site/raw/sdk', { x: 'awsome', y: ['b', 'a'] });
    expect(JSON.parse(got.headers['x-queries'] ?? '')).toEqual({ x: 'awsome', y: ['b', 'a'] });
    const bytes = randomBytes(4096);
    const posted = await client().post('/proxy/site/raw/', bytes, {}, { status: '201' }, { rawBuf: true });
    expect(Buffer.compare(posted.data as Buffer, bytes)).toBe(0);
  });
});
