// The programmatic API (src/api.ts) against the emulator and a throwaway server: results,
// events of every kind, the retry rule, timeouts, aborts, and the typed errors it throws.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, ConfigError, createClient, fileEvent, invoke, NetworkError, UsageError, type Client } from '../../src/api.js';
import { AK_KEY, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

let emulator: TestEmulator;
let client: Client;
const noProxy = { env: {} };

beforeAll(async () => {
  emulator = await startTestEmulator();
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

const fake = { accessKeyId: 'fake-key-id', accessKeySecret: 'fake-secret', accountId: '1234567890', ...noProxy };

describe('invoking the emulator', () => {
  it('returns the body byte-exact with the invocation metadata and the log tail', async () => {
    const result = await client.invoke('demo', 'echo', { event: 'héllo' });
    expect(result.status).toBe(200);
    expect(result.body.toString('utf8')).toBe('héllo');
    expect(result.functionError).toBeNull();
    expect(result.requestId).toMatch(/\S/);
    expect(result.logs).toContain('echo: 6 bytes');
    expect(result.attempts).toBe(1);
  });

  it('sends bytes, streams that can be reopened, one-shot streams and files', async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    expect((await client.invoke('demo', 'echo', { event: bytes })).body).toEqual(bytes);
    expect((await client.invoke('demo', 'echo', { event: new Uint8Array(bytes) })).body).toEqual(bytes);
    const reopenable = { size: 5, open: () => Readable.from([bytes]) };
    expect((await client.invoke('demo', 'echo', { event: reopenable })).body).toEqual(bytes);
    expect((await client.invoke('demo', 'echo', { event: { size: 5, stream: Readable.from([bytes]) } })).body).toEqual(bytes);
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-api-'));
    const file = join(dir, 'event.bin');
    writeFileSync(file, Buffer.alloc(200_000, 7));
    const fromFile = await client.invoke('demo', 'echo', { event: await fileEvent(file) });
    expect(fromFile.body.equals(Buffer.alloc(200_000, 7))).toBe(true);
    const stream = { size: 200_000, stream: createReadStream(file) };
    expect((await client.invoke('demo', 'echo', { event: stream })).body.length).toBe(200_000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a function error as a result, not an exception', async () => {
    const result = await client.invoke('demo', 'fail');
    expect(result.status).toBe(200);
    expect(result.functionError).toBe('HandledInvocationError');
    expect(JSON.parse(result.body.toString('utf8')).errorMessage).toContain('always fails');
  });

  it('takes the qualifier either way and invokes asynchronously', async () => {
    const viaName = await client.invoke('demo.prod', 'hello');
    const viaOption = await client.invoke('demo', 'hello', { qualifier: 'prod' });
    expect(viaName.serviceVersion).toBe('1');
    expect(viaOption.serviceVersion).toBe('1');
    const accepted = await client.invoke('demo', 'hello', { async: true });
    expect(accepted.status).toBe(202);
    expect(accepted.body.length).toBe(0);
  });

  it('one-shot invoke() opens and closes its own client', async () => {
    const result = await invoke('demo', 'hello', { ...AK_KEY, accountId: '1234567890', endpoint: emulator.url, ...noProxy, logs: false });
    expect(result.body.toString()).toBe('hello world');
    expect(result.logs).toBeNull();
  });

  it('throws ApiError (exit code 4) when the signature is wrong', async () => {
    const wrong = createClient({ ...AK_KEY, accessKeySecret: 'not-the-secret', accountId: '1234567890', endpoint: emulator.url, ...noProxy });
    try {
      const error = await wrong.invoke('demo', 'hello').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(403);
      expect((error as ApiError).code).toBe('SignatureNotMatch');
      expect((error as ApiError).exitCode).toBe(4);
    } finally {
      await wrong.close();
    }
  });
});

describe('checks before anything is sent', () => {
  it('throws ConfigError for missing credentials or endpoint', () => {
    expect(() => createClient({ accessKeyId: '', accessKeySecret: 'x' })).toThrow(ConfigError);
    expect(() => createClient({ accessKeyId: 'id', accessKeySecret: 'secret' })).toThrow(/no account ID and no region/);
    expect(() => createClient({ ...fake, endpoint: 'ftp://example.com' })).toThrow(ConfigError);
  });

  it('throws UsageError for bad names, IDs, headers, options and oversized events', async () => {
    const c = createClient({ ...fake, endpoint: 'http://127.0.0.1:9' });
    try {
      await expect(c.invoke('1bad', 'fn')).rejects.toThrow(UsageError);
      await expect(c.invoke('svc.a', 'fn', { qualifier: 'b' })).rejects.toThrow(/disagree/);
      await expect(c.invoke('svc', 'fn', { asyncId: '-x' })).rejects.toThrow(UsageError);
      await expect(c.invoke('svc', 'fn', { headers: { 'x-fc-log-type': 'None' } })).rejects.toThrow(/use --no-logs/);
      await expect(c.invoke('svc', 'fn', { headers: { authorization: 'x' } })).rejects.toThrow(/only x-fc-\*/);
      await expect(c.invoke('svc', 'fn', { event: Buffer.alloc(131_073), async: true })).rejects.toMatchObject({ code: 'EventTooLarge', exitCode: 2 });
      await expect(c.invoke('svc', 'fn', { event: { size: 33_554_433, open: () => Readable.from([]) } })).rejects.toMatchObject({ code: 'EventTooLarge' });
      await expect(c.invoke('svc', 'fn', { timeoutMs: 0 })).rejects.toThrow(UsageError);
      await expect(fileEvent('/nonexistent/event.json')).rejects.toMatchObject({ code: 'EventFileNotFound' });
    } finally {
      await c.close();
    }
    expect(() => createClient({ ...fake, endpoint: 'http://127.0.0.1:9', retries: -1 })).toThrow(UsageError);
  });

  it('refuses calls after close()', async () => {
    const c = createClient({ ...fake, endpoint: 'http://127.0.0.1:9' });
    await c.close();
    await expect(c.invoke('svc', 'fn')).rejects.toMatchObject({ code: 'ClientClosed' });
  });
});

describe('the network rules', () => {
  it('retries 503 with a fresh signature and counts the attempts', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      if (i === 0) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end('{"ErrorCode":"ResourceThrottled","ErrorMessage":"busy"}');
        return;
      }
      res.writeHead(200, { 'x-fc-request-id': 'req-2', 'x-fc-invocation-duration': '12', 'x-fc-max-memory-usage': '9.5' });
      res.end('ok');
    });
    const result = await invoke('svc', 'fn', { ...fake, endpoint: server.url, event: { size: 2, open: () => Readable.from([Buffer.from('hi')]) } });
    expect(result).toMatchObject({ status: 200, requestId: 'req-2', attempts: 2, durationMs: 12, maxMemoryMB: 9.5 });
    expect(server.requests.map((r) => r.body.toString())).toEqual(['hi', 'hi']);
  });

  it('does not retry a one-shot stream, and throws the API error', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'x-fc-request-id': 'req-busy' });
      res.end('{"ErrorCode":"ResourceThrottled","ErrorMessage":"busy"}');
    });
    const error = await invoke('svc', 'fn', { ...fake, endpoint: server.url, event: { size: 2, stream: Readable.from([Buffer.from('hi')]) } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'ResourceThrottled', status: 503, requestId: 'req-busy' });
    expect(server.requests).toHaveLength(1);
  });

  it('throws NetworkError for a refused connection', async () => {
    const error = await invoke('svc', 'fn', { ...fake, endpoint: 'http://127.0.0.1:9', retries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'ConnectionRefused', exitCode: 5 });
  });

  it('throws a Timeout NetworkError after timeoutMs, and the abort reason on abort', async () => {
    server = await startTestServer(() => {
      // never answers
    });
    const started = Date.now();
    const timedOut = await invoke('svc', 'fn', { ...fake, endpoint: server.url, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(NetworkError);
    expect(timedOut).toMatchObject({ code: 'Timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
    const controller = new AbortController();
    const reason = new Error('stop now');
    setTimeout(() => controller.abort(reason), 100);
    await expect(invoke('svc', 'fn', { ...fake, endpoint: server.url, signal: controller.signal })).rejects.toBe(reason);
  });
});
