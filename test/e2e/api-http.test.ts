// The library's http() and client.http() against the emulator's web functions and a
// throwaway server: answers of any status as results, FC's refusals and transport failures
// as typed errors, anonymous calls without credentials, the retry rule, aborts.
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ConfigError, createClient, http, NetworkError, UsageError, type Client } from '../../src/api.js';
import { AK_KEY, startTestEmulator, STS_KEY, type TestEmulator } from '../helpers/emulator.js';
import { WEB_FUNCTIONS } from '../helpers/emulator-http.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

let emulator: TestEmulator;
let client: Client;
const noProxy = { env: {} };

beforeAll(async () => {
  emulator = await startTestEmulator({ functionsDir: WEB_FUNCTIONS });
  client = createClient({ ...AK_KEY, accountId: '1234567890', endpoint: emulator.url, ...noProxy });
});
afterAll(async () => {
  await client?.close();
  await emulator?.close();
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('client.http against the emulator', () => {
  it('calls the short form and a full URL, with headers, query and a body, byte-exact', async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    const result = await client.http('site/raw/x', { method: 'put', headers: { 'Content-Type': 'application/x-test' }, query: { a: ['1', '2'] }, body: bytes });
    expect(result).toMatchObject({ ok: true, apiVersion: '2016-08-15', method: 'PUT', status: 200, functionError: null, attempts: 1 });
    expect(result.url).toBe(`${emulator.url}/2016-08-15/proxy/site/raw/x?a=1&a=2`);
    expect(result.body.equals(bytes)).toBe(true);
    expect(result.headers['content-type']).toBe('application/x-test');
    expect(result.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(JSON.parse(String(result.headers['x-queries']))).toEqual({ a: ['1', '2'] });
    expect(result.logs).toContain('raw: PUT 5 bytes');
    expect(result.requestId).toBe(result.headers['x-fc-request-id']);

    const fc3 = await client.http(`${emulator.url}/web3-raw.fcapp.run/`, { body: { size: 3, open: () => Readable.from([Buffer.from('abc')]) } });
    expect(fc3).toMatchObject({ ok: true, apiVersion: '2023-03-30', method: 'POST', status: 200 });
    expect(fc3.body.toString()).toBe('abc');
  });

  it('returns the function’s own 404 and a crash as results, not errors', async () => {
    expect(await client.http('site/raw/?status=404', { body: 'x' })).toMatchObject({ ok: false, status: 404, functionError: null });
    const crash = await client.http('site/crash/');
    expect(crash).toMatchObject({ ok: false, status: 502, functionError: 'UnhandledInvocationError' });
    expect(crash.body.toString()).toContain('Process exited unexpectedly');
  });

  it('throws ApiError for FC’s refusals, naming the signature sent', async () => {
    await expect(client.http('site/plain/')).rejects.toMatchObject({ name: 'ApiError', code: 'TriggerNotFound', status: 404 });
    await expect(client.http('site/info/', { method: 'DELETE' })).rejects.toMatchObject({ code: 'MethodNotAllowed', status: 403 });
    const wrong = createClient({ ...AK_KEY, accessKeySecret: 'emulator-fake-secret-wrong', endpoint: emulator.url, ...noProxy });
    try {
      const error = await wrong.http('demo/web/').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).message).toContain('SignatureNotMatch (HTTP 403');
      expect((error as ApiError).message).toContain('sent with the FC 2.0 signature');
    } finally {
      await wrong.close();
    }
  });

  it('accepts an async call with 202 and its ID', async () => {
    const accepted = await client.http('site/raw/', { async: true, body: 'later' });
    expect(accepted).toMatchObject({ ok: true, status: 202 });
    expect(accepted.asyncInvocationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('checks its options as the command line does', async () => {
    await expect(client.http('svc/fn', { method: 'PROPFIND' })).rejects.toBeInstanceOf(UsageError);
    await expect(client.http('svc/fn', { headers: { Authorization: 'x' } })).rejects.toThrow('header authorization is set by fcinvoke for the signature');
    await expect(client.http('not a target')).rejects.toBeInstanceOf(UsageError);
    await expect(client.http('svc/fn', { maxBodySize: 0 })).rejects.toThrow('invalid maxBodySize 0');
    await expect(client.http('svc/fn', { body: 'abc', maxBodySize: 2 })).rejects.toThrow('over the 2 bytes limit');
  });
});

describe('http()', () => {
  it('needs no credentials and no endpoint for an anonymous call to a full URL', async () => {
    const result = await http(`${emulator.url}/2016-08-15/proxy/site/info/a`, { auth: 'anonymous', ...noProxy });
    expect(result.status).toBe(200);
    const echoed = JSON.parse(result.body.toString()) as { path: string; headers: Record<string, string> };
    expect(echoed.path).toBe('/a');
    expect(echoed.headers.authorization).toBeUndefined();
  });

  it('signs with STS credentials, and says what is missing otherwise', async () => {
    const result = await http(`${emulator.url}/web.fcapp.run/hi`, { ...STS_KEY, ...noProxy });
    expect(result).toMatchObject({ ok: true, apiVersion: '2023-03-30' });
    await expect(http(`${emulator.url}/web.fcapp.run/hi`, noProxy)).rejects.toBeInstanceOf(ConfigError);
    await expect(http(`${emulator.url}/web.fcapp.run/hi`, { accessKeyId: 'only-the-id', ...noProxy })).rejects.toThrow('only half of an AccessKey pair');
    await expect(http('demo/web/', { ...AK_KEY, ...noProxy })).rejects.toThrow('no account ID and no region');
  });

  it('sends again only FC’s own 429/503 refusals, and throws NetworkError for no answer', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      if (i === 0) {
        res.writeHead(503, { 'x-fc-error-type': 'FcCommonError', 'retry-after': '0' });
        res.end('{"ErrorCode":"ResourceThrottled"}');
      } else {
        res.writeHead(503, {});
        res.end('the function is down');
      }
    });
    const result = await http(`${server.url}/x`, { auth: 'anonymous', ...noProxy });
    expect(result).toMatchObject({ ok: false, status: 503, attempts: 2 });
    expect(result.body.toString()).toBe('the function is down');
    expect(server.requests).toHaveLength(2);
    await expect(http('http://127.0.0.1:1/', { auth: 'anonymous', retries: 0, ...noProxy })).rejects.toBeInstanceOf(NetworkError);
  });

  it('rejects with the signal’s reason when aborted', async () => {
    server = await startTestServer(() => {
      /* never answers */
    });
    const controller = new AbortController();
    const call = http(`${server.url}/x`, { auth: 'anonymous', signal: controller.signal, ...noProxy });
    setTimeout(() => controller.abort(new Error('stop now')), 100);
    await expect(call).rejects.toThrow('stop now');
  });
});
