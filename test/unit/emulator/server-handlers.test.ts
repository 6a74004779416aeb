// Handlers in instances: the fixtures, the demo service, logs, isolation and reuse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../src/emulator/checksum.js';
import { decodeLog, FIXTURE_FUNCTIONS, invokePath, signedRequest, startTestEmulator, type RawResponse, type TestEmulator } from '../../helpers/emulator.js';

let emulator: TestEmulator;
const SECRET_IN_ENV = 'a-real-looking-secret-that-must-not-leak';

beforeAll(async () => {
  const before = process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
  process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] = SECRET_IN_ENV;
  try {
    emulator = await startTestEmulator();
  } finally {
    if (before === undefined) delete process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
    else process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] = before;
  }
});
afterAll(async () => {
  await emulator?.close();
});

function invoke(service: string, fn: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<RawResponse> {
  return signedRequest(emulator.url, { path: invokePath(service, fn), body, headers: { 'X-Fc-Log-Type': 'Tail', ...headers } });
}

function errorBody(response: RawResponse): { errorMessage: string; errorType?: string; stackTrace?: string[] } {
  return JSON.parse(response.body.toString()) as { errorMessage: string; errorType?: string; stackTrace?: string[] };
}

describe('user handlers', () => {
  it('runs a callback handler with FC context, its env and an FC log', async () => {
    const response = await invoke('fixtures', 'callback', 'ping');
    expect(response.status).toBe(200);
    expect(response.headers['x-fc-error-type']).toBeUndefined();
    expect(response.headers['content-type']).toBe('application/octet-stream');
    const result = JSON.parse(response.body.toString()) as Record<string, unknown>;
    expect(result).toMatchObject({
      event: 'ping',
      isBuffer: true,
      requestId: response.headers['x-fc-request-id'],
      service: { name: 'fixtures', qualifier: 'LATEST' },
      function: { name: 'callback', handler: 'index.handler', memory: 256, timeout: 5 },
      greeting: 'hi from function.json',
      fcFunctionName: 'callback',
      leakedSecret: null,
    });
    const id = response.headers['x-fc-request-id'] as string;
    const log = decodeLog(response.headers);
    expect(log.startsWith(`FC Invoke Start RequestId: ${id}\n`)).toBe(true);
    expect(log.endsWith(`FC Invoke End RequestId: ${id}\n`)).toBe(true);
    expect(log).toMatch(new RegExp(`\\n\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z ${id} \\[INFO\\] callback got 4 bytes\\n`));
    expect(log).toContain(`${id} [INFO] raw stdout line\n`);
  });

  it('runs an async handler; a rejection is a HandledInvocationError', async () => {
    const ok = await invoke('fixtures', 'async', 'x');
    expect(ok.body.toString()).toBe('async:x');
    expect(decodeLog(ok.headers)).toMatch(/\[WARN\] async handler warning\n.*\[INFO\] via context\.logger\n/);
    const rejected = await invoke('fixtures', 'async', 'reject');
    expect(rejected.status).toBe(200);
    expect(rejected.headers['x-fc-error-type']).toBe('HandledInvocationError');
    expect(errorBody(rejected)).toMatchObject({ errorMessage: 'rejected on purpose', errorType: 'TypeError' });
  });

  it('runs an .mjs handler, byte-exact', async () => {
    const response = await invoke('fixtures', 'esm', Buffer.from([1, 2, 3, 0, 255]));
    expect([...response.body]).toEqual([255, 0, 3, 2, 1]);
    expect(decodeLog(response.headers)).toContain('[ERROR] esm handler reversing 5 bytes');
  });

  it('honours function.json "handler"', async () => {
    expect((await invoke('fixtures', 'custom')).body.toString()).toBe('custom handler main.run');
  });

  it('reports a missing handler export as UnhandledInvocationError', async () => {
    const response = await invoke('fixtures', 'broken');
    expect(response.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(errorBody(response).errorMessage).toBe("Handler 'index.handler' is missing on module 'index.js'");
  });

  it('serves a service without service.json', async () => {
    expect((await invoke('plain', 'only')).body.toString()).toBe('only');
  });

  it('reports the CRC-64 of the handler file, stable across calls', async () => {
    const expected = crc64(readFileSync(join(FIXTURE_FUNCTIONS, 'fixtures/esm/index.mjs')));
    const first = await invoke('fixtures', 'esm', 'a');
    const second = await invoke('fixtures', 'esm', 'b');
    expect(first.headers['x-fc-code-checksum']).toBe(expected);
    expect(second.headers['x-fc-code-checksum']).toBe(expected);
  });
});

describe('demo service', () => {
  it('hello, with the log tail only when asked for', async () => {
    const response = await invoke('demo', 'hello');
    expect(response.body.toString()).toBe('hello world');
    expect(decodeLog(response.headers)).toContain('[INFO] hello from demo/hello');
    const quiet = await signedRequest(emulator.url, { path: invokePath('demo', 'hello') });
    expect(quiet.headers['x-fc-log-result']).toBeUndefined();
    const none = await invoke('demo', 'hello', undefined, { 'X-Fc-Log-Type': 'None' });
    expect(none.headers['x-fc-log-result']).toBeUndefined();
  });

  it('sets the invocation headers', async () => {
    const response = await invoke('demo', 'hello');
    expect(response.headers['x-fc-invocation-duration']).toMatch(/^\d+$/);
    expect(response.headers['x-fc-max-memory-usage']).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(Number(response.headers['x-fc-max-memory-usage'])).toBeGreaterThan(5);
    expect(response.headers['x-fc-instance-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-fc-code-checksum']).toMatch(/^\d+$/);
    expect(response.headers['x-fc-invocation-service-version']).toBe('LATEST');
    expect(response.headers['content-length']).toBe('11');
  });

  it('binary, big and json', async () => {
    expect([...(await invoke('demo', 'binary')).body]).toEqual(Array.from({ length: 256 }, (_, i) => i));
    const big = await invoke('demo', 'big');
    expect(big.body.length).toBe(1024 * 1024);
    expect(big.body.subarray(0, 28).toString()).toBe('abcdefghijklmnopqrstuvwxyzab');
    const json = await invoke('demo.prod', 'json', 'héllo');
    expect(JSON.parse(json.body.toString())).toMatchObject({
      event: 'héllo',
      context: { requestId: json.headers['x-fc-request-id'], function: { name: 'json' }, service: { name: 'demo', qualifier: 'prod', versionId: '1' } },
    });
  });

  it('big streams 64 MiB correctly', async () => {
    const size = 64 * 1024 * 1024;
    const response = await invoke('demo', 'big', String(size));
    expect(response.body.length).toBe(size);
    expect(response.body.equals(Buffer.alloc(size, 'abcdefghijklmnopqrstuvwxyz'))).toBe(true);
  });

  it('fail is a HandledInvocationError with FC error body', async () => {
    const response = await invoke('demo', 'fail');
    expect(response.headers['x-fc-error-type']).toBe('HandledInvocationError');
    expect(response.headers['content-type']).toBe('application/json');
    const body = errorBody(response);
    expect(body).toMatchObject({ errorMessage: 'demo/fail: this function always fails', errorType: 'Error' });
    expect(body.stackTrace?.[0]).toBe('Error: demo/fail: this function always fails');
  });
});

describe('isolation and instances', () => {
  it('survives a thrown error, a process.exit and a timeout, then still serves hello', async () => {
    const thrown = await invoke('demo', 'crash');
    expect(thrown.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(errorBody(thrown).errorMessage).toBe('demo/crash: thrown by the handler');

    const exited = await invoke('fixtures', 'exit');
    expect(exited.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(errorBody(exited).errorMessage).toMatch(/^Process exited unexpectedly before completing request \(duration: \d+ms, maxMemoryUsage: [\d.]+MB\)$/);
    expect(decodeLog(exited.headers)).toContain('[INFO] exiting now');

    const started = Date.now();
    const hung = await invoke('fixtures', 'hang');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(hung.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(errorBody(hung)).toEqual({ errorMessage: 'Function timed out after 1 seconds' });
    expect(Number(hung.headers['x-fc-invocation-duration'])).toBeGreaterThanOrEqual(1000);
    expect(decodeLog(hung.headers)).toMatch(/\[INFO\] about to hang\n.*\[ERROR\] Function timed out after 1 seconds\n/);

    expect((await invoke('demo', 'hello')).body.toString()).toBe('hello world');
    const again = await invoke('fixtures', 'exit');
    expect(again.headers['x-fc-instance-id']).not.toBe(exited.headers['x-fc-instance-id']);
  });

  it('turns an uncaught exception into UnhandledInvocationError and replaces the instance', async () => {
    const first = await invoke('fixtures', 'timer-throw');
    expect(first.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(errorBody(first)).toMatchObject({ errorMessage: 'thrown in a timer', errorType: 'RangeError' });
    expect(decodeLog(first.headers)).toContain('[ERROR] RangeError: thrown in a timer');
    const second = await invoke('fixtures', 'timer-throw');
    expect(second.headers['x-fc-instance-id']).not.toBe(first.headers['x-fc-instance-id']);
  });

  it('reuses a warm instance and starts another under concurrency', async () => {
    const first = await invoke('fixtures', 'callback');
    const second = await invoke('fixtures', 'callback');
    expect(second.headers['x-fc-instance-id']).toBe(first.headers['x-fc-instance-id']);
    expect(JSON.parse(second.body.toString()).pid).toBe(JSON.parse(first.body.toString()).pid);

    const started = Date.now();
    const parallel = await Promise.all([invoke('demo', 'sleep', '400'), invoke('demo', 'sleep', '400')]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(parallel.map((r) => r.body.toString())).toEqual(['slept 400 ms', 'slept 400 ms']);
    expect(parallel[0]?.headers['x-fc-instance-id']).not.toBe(parallel[1]?.headers['x-fc-instance-id']);
  });

  it('kills every instance on close', async () => {
    const own = await startTestEmulator();
    const response = await signedRequest(own.url, { path: invokePath('fixtures', 'callback') });
    const { pid } = JSON.parse(response.body.toString()) as { pid: number };
    expect(() => process.kill(pid, 0)).not.toThrow();
    await own.close();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
