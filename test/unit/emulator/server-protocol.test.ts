// The emulator over raw HTTP: routing, authentication, limits, qualifiers, headers.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SYNC_PAYLOAD_BYTES } from '../../../src/emulator/defaults.js';
import { startEmulator } from '../../../src/emulator/server.js';
import {
  AK_KEY,
  invokePath,
  rawRequest,
  signedRequest,
  signHeaders,
  startTestEmulator,
  STS_KEY,
  type RawResponse,
  type TestEmulator,
} from '../../helpers/emulator.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

function apiError(response: RawResponse): { status: number; code: string; message: string } {
  expect(response.headers['content-type']).toBe('application/json');
  const body = JSON.parse(response.body.toString()) as { ErrorCode: string; ErrorMessage: string };
  return { status: response.status, code: body.ErrorCode, message: body.ErrorMessage };
}

describe('every response', () => {
  it('carries X-Fc-Request-Id and Date, errors included', async () => {
    for (const response of [
      await rawRequest(emulator.url, { method: 'GET', path: '/' }),
      await signedRequest(emulator.url, { path: invokePath('demo', 'hello') }),
    ]) {
      expect(response.headers['x-fc-request-id']).toMatch(UUID);
      expect(Date.parse(response.headers['date'] ?? '')).not.toBeNaN();
    }
  });
});

describe('routing', () => {
  it('answers unknown paths and other methods with 400 PathNotSupported', async () => {
    expect(apiError(await rawRequest(emulator.url, { method: 'GET', path: '/' }))).toMatchObject({ status: 400, code: 'PathNotSupported' });
    expect(apiError(await signedRequest(emulator.url, { method: 'GET', path: invokePath('demo', 'hello') }))).toMatchObject({
      status: 400,
      code: 'PathNotSupported',
    });
    // FC 3.0 paths are answered by the FC 3.0 API, in its error shape (server-fc3.test.ts).
    const fc3 = JSON.parse((await rawRequest(emulator.url, { path: '/2023-03-30/functions/hello/nothing' })).body.toString());
    expect(fc3).toMatchObject({ Code: 'PathNotSupported' });
    expect(fc3).not.toHaveProperty('ErrorCode');
  });

  it('answers 404 for unknown services, functions, aliases and versions', async () => {
    const cases: [string, string, string][] = [
      ['nope', 'hello', 'ServiceNotFound'],
      ['demo', 'nope', 'FunctionNotFound'],
      ['demo.beta', 'hello', 'AliasNotFound'],
      ['demo.7', 'hello', 'VersionNotFound'],
      ['fixtures', 'nope', 'FunctionNotFound'],
      ['fixtures.nope', 'callback', 'AliasNotFound'],
      ['%2E%2E%2Fetc', 'x', 'ServiceNotFound'],
      ['demo', '%2E%2E%2Fx', 'FunctionNotFound'],
    ];
    for (const [service, fn, code] of cases) {
      expect(apiError(await signedRequest(emulator.url, { path: invokePath(service, fn) })), `${service}/${fn}`).toMatchObject({ status: 404, code });
    }
  });

  it('serves LATEST, aliases and versions and says which version served', async () => {
    const versionOf = async (service: string): Promise<unknown> =>
      (await signedRequest(emulator.url, { path: invokePath(service, 'callback') })).headers['x-fc-invocation-service-version'];
    expect(await versionOf('fixtures')).toBe('LATEST');
    expect(await versionOf('fixtures.LATEST')).toBe('LATEST');
    expect(await versionOf('fixtures.prod')).toBe('1');
    expect(await versionOf('fixtures.staging')).toBe('2');
    expect(await versionOf('fixtures.2')).toBe('2');
    const demo = await signedRequest(emulator.url, { path: invokePath('demo.prod', 'hello') });
    expect(demo.headers['x-fc-invocation-service-version']).toBe('1');
  });
});

describe('authentication', () => {
  const path = invokePath('demo', 'hello');

  it('needs Date and Authorization', async () => {
    expect(apiError(await signedRequest(emulator.url, { path, omit: ['date'] }))).toMatchObject({ status: 400, code: 'MissingRequiredHeader' });
    expect(apiError(await signedRequest(emulator.url, { path, omit: ['authorization'] }))).toMatchObject({
      status: 400,
      code: 'MissingRequiredHeader',
    });
  });

  it('refuses a Date 16 minutes off', async () => {
    const date = new Date(Date.now() - 16 * 60_000).toUTCString();
    const error = apiError(await signedRequest(emulator.url, { path, date }));
    expect(error).toMatchObject({ status: 403, code: 'RequestTimeTooSkewed' });
    expect(error.message).toMatch(/server time/);
  });

  it('uses the injected clock', async () => {
    const fixed = new Date('2024-01-15T08:00:00Z');
    const skewed = await startTestEmulator({ now: () => fixed });
    try {
      expect((await signedRequest(skewed.url, { path, date: fixed.toUTCString() })).status).toBe(200);
      const late = new Date(fixed.getTime() + 15 * 60_000 + 1000).toUTCString();
      expect(apiError(await signedRequest(skewed.url, { path, date: late })).code).toBe('RequestTimeTooSkewed');
      const response = await signedRequest(skewed.url, { path: '/nope' });
      expect(response.headers['date']).toBe(fixed.toUTCString());
    } finally {
      await skewed.close();
    }
  });

  it('refuses unknown keys, wrong secrets, wrong STS tokens and other accounts', async () => {
    expect(apiError(await signedRequest(emulator.url, { path, key: { accessKeyId: 'who', accessKeySecret: 'x' } }))).toEqual({
      status: 403,
      code: 'InvalidAccessKeyID',
      message: "invalid access key ID 'who'",
    });
    expect(apiError(await signedRequest(emulator.url, { path, key: { ...AK_KEY, accessKeySecret: 'wrong' } })).code).toBe('SignatureNotMatch');
    expect(apiError(await signedRequest(emulator.url, { path, key: { ...STS_KEY, securityToken: 'wrong' } })).code).toBe('InvalidSecurityToken');
    expect(apiError(await signedRequest(emulator.url, { path, accountId: '42' }))).toMatchObject({ status: 403, code: 'AccessDenied' });
    expect((await signedRequest(emulator.url, { path, key: STS_KEY })).status).toBe(200);
    expect((await signedRequest(emulator.url, { path, accountId: null })).status).toBe(200);
  });

  it('checks the route before the credentials', async () => {
    const response = await rawRequest(emulator.url, { method: 'GET', path: '/2016-08-15/services' });
    expect(apiError(response).code).toBe('PathNotSupported');
  });

  it('keeps secrets and signatures out of the access log', async () => {
    await signedRequest(emulator.url, { path, key: { ...AK_KEY, accessKeySecret: 'wrong' } });
    const log = emulator.logs.join('\n');
    expect(log).toMatch(/POST \/2016-08-15\/services\/demo\/functions\/hello\/invocations 403 SignatureNotMatch \d+ms [0-9a-f-]{36}/);
    for (const secret of [AK_KEY.accessKeySecret, STS_KEY.accessKeySecret, STS_KEY.securityToken ?? '?']) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/FC [^ ]+:/);
  });
});

describe('request body', () => {
  const path = invokePath('demo', 'echo');

  it('refuses a chunked body: Content-Length is required', async () => {
    const error = apiError(await signedRequest(emulator.url, { path, body: 'abc', chunked: true, headers: { 'transfer-encoding': 'chunked' } }));
    expect(error).toMatchObject({ status: 400, code: 'MissingRequiredHeader' });
    expect(error.message).toContain('Content-Length is required');
  });

  it('decides EntityTooLarge from Content-Length before the body arrives', async () => {
    const response = await new Promise<RawResponse>((resolve, reject) => {
      const url = new URL(path, emulator.url);
      const headers = { ...signHeaders(path, { body: '' }), 'content-length': String(MAX_SYNC_PAYLOAD_BYTES + 1) };
      const req = httpRequest(url, { method: 'POST', agent: false, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          req.destroy();
        });
      });
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
    });
    expect(apiError(response)).toEqual({
      status: 400,
      code: 'EntityTooLarge',
      message: 'payload size exceeds maximum allowed size (33554432 bytes)',
    });
  });

  it('accepts exactly 32 MiB and echoes it', async () => {
    const body = Buffer.alloc(MAX_SYNC_PAYLOAD_BYTES, 0x5a);
    const response = await signedRequest(emulator.url, { path, body });
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(MAX_SYNC_PAYLOAD_BYTES);
    expect(response.body.equals(body)).toBe(true);
  });

  it('rejects an unknown invocation type', async () => {
    const response = await signedRequest(emulator.url, { path, headers: { 'X-Fc-Invocation-Type': 'Later' } });
    expect(apiError(response)).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });
});

describe('starting', () => {
  it('refuses a missing functions directory and a busy port', async () => {
    await expect(startEmulator({ port: 0, functionsDir: '/nonexistent/functions' })).rejects.toMatchObject({ code: 'FunctionsDirNotFound' });
    await expect(startEmulator({ port: emulator.port })).rejects.toMatchObject({ code: 'PortInUse', exitCode: 2 });
  });

  it('listens on 127.0.0.1 and closes idempotently', async () => {
    const other = await startEmulator({ port: 0 });
    expect(other.url).toBe(`http://127.0.0.1:${other.port}`);
    await Promise.all([other.close(), other.close()]);
    await expect(rawRequest(other.url, { path: '/' })).rejects.toThrow();
  });
});
