// The programmatic API on FC 3.0: invoke(functionName) next to invoke(service, functionName),
// every kind of event with its body hash signed, the qualifier, migrated names, async tasks,
// apiVersion forced both ways, and the 2.0 form unchanged.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient, fileEvent, invoke, UsageError, type Client } from '../../src/api.js';
import { AK_KEY, STS_KEY, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { FC3_REQUEST_ID } from '../helpers/emulator3.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

let emulator: TestEmulator;
let client: Client;
const noProxy = { env: {} };

beforeAll(async () => {
  emulator = await startTestEmulator();
  client = createClient({ ...AK_KEY, endpoint: emulator.url, ...noProxy });
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

describe('invoke(functionName): FC 3.0', () => {
  it('returns the body byte-exact, FC 3.0 request IDs, and apiVersion', async () => {
    const result = await client.invoke('echo', { event: 'héllo' });
    expect(result).toMatchObject({ status: 200, functionError: null, attempts: 1, apiVersion: '2023-03-30' });
    expect(result.body.toString('utf8')).toBe('héllo');
    expect(result.requestId).toMatch(FC3_REQUEST_ID);
    expect(result.logs).toContain('echo: 6 bytes');
    expect((await client.invoke('demo', 'echo', { event: 'x' })).apiVersion).toBe('2016-08-15');
  });

  it('hashes every kind of event before sending it: bytes, reopenable and one-shot streams, files', async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    expect((await client.invoke('echo', { event: bytes })).body).toEqual(bytes);
    expect((await client.invoke('echo', { event: new Uint8Array(bytes) })).body).toEqual(bytes);
    let opened = 0;
    const reopenable = {
      size: 5,
      open: () => {
        opened++;
        return Readable.from([bytes.subarray(0, 2), bytes.subarray(2)]);
      },
    };
    expect((await client.invoke('echo', { event: reopenable })).body).toEqual(bytes);
    expect(opened).toBe(2);
    expect((await client.invoke('echo', { event: { size: 5, stream: Readable.from([bytes]) } })).body).toEqual(bytes);
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-api3-'));
    try {
      const file = join(dir, 'event.bin');
      const content = Buffer.alloc(3 * 1024 * 1024 + 7, 0xa5);
      writeFileSync(file, content);
      const fromFile = await client.invoke('echo', { event: await fileEvent(file) });
      expect(fromFile.body.equals(content)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect((await client.invoke('echo')).body.length).toBe(0);
  });

  it('refuses a stream whose bytes do not match its size, before sending', async () => {
    await expect(client.invoke('echo', { event: { size: 4, stream: Readable.from([Buffer.from('abc')]) } })).rejects.toMatchObject({ code: 'EventSizeMismatch', exitCode: 2 });
    await expect(client.invoke('echo', { event: { size: 2, open: () => Readable.from([Buffer.from('abc')]) } })).rejects.toMatchObject({ code: 'EventSizeMismatch' });
  });

  it('takes the qualifier as function:qualifier or as an option, never both disagreeing', async () => {
    expect((await client.invoke('hello:prod')).serviceVersion).toBe('1');
    expect((await client.invoke('hello', { qualifier: 'prod' })).serviceVersion).toBe('1');
    await expect(client.invoke('hello:prod', { qualifier: '2' })).rejects.toThrow(/disagree/);
    await expect(client.invoke('hello:nope')).rejects.toMatchObject({ code: 'AliasNotFound', status: 404 });
  });

  it('invokes migrated functions as service$function', async () => {
    const result = await client.invoke('demo$echo:prod', { event: 'migrated' });
    expect(result.body.toString()).toBe('migrated');
    expect(result.apiVersion).toBe('2023-03-30');
  });

  it('checks FC 3.0 names and task IDs before sending', async () => {
    await expect(client.invoke('9lives')).rejects.toThrow(UsageError);
    await expect(client.invoke('a:b:c')).rejects.toThrow(/more than one ":"/);
    await expect(client.invoke('echo', { asyncId: '-x' })).rejects.toThrow(/invalid async task ID "-x"/);
    await expect(client.invoke('echo', { headers: { 'x-fc-async-task-id': 'x' } })).rejects.toThrow(/use --async-id/);
    expect(emulator.logs.filter((line) => line.includes('/9lives/'))).toEqual([]);
  });

  it('starts an async task with its ID and gets 2xx back, the ID as asyncInvocationId', async () => {
    const accepted = await client.invoke('hello', { asyncId: 'api_fc3_task_1' });
    expect(accepted).toMatchObject({ status: 202, asyncInvocationId: 'api_fc3_task_1', apiVersion: '2023-03-30' });
    const generated = await client.invoke('hello', { async: true });
    expect(generated.asyncInvocationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('signs with an STS key (x-acs-security-token)', async () => {
    const sts = createClient({ ...STS_KEY, endpoint: emulator.url, ...noProxy });
    try {
      expect((await sts.invoke('echo', { event: 'sts' })).body.toString()).toBe('sts');
    } finally {
      await sts.close();
    }
  });

  it('a wrong secret is the service refusing, as an ApiError', async () => {
    const error = await invoke('echo', { ...AK_KEY, accessKeySecret: 'emulator-wrong-secret', endpoint: emulator.url, ...noProxy }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'SignatureNotMatch', status: 403, exitCode: 4 });
    expect(String((error as Error).message)).not.toContain('emulator-wrong-secret');
  });
});

describe('apiVersion forces one API', () => {
  it('2023-03-30: invoke(service, functionName) is the migrated service$function', async () => {
    const forced = createClient({ ...AK_KEY, endpoint: emulator.url, apiVersion: '2023-03-30', ...noProxy });
    try {
      const result = await forced.invoke('demo', 'echo', { event: 'through 3.0' });
      expect(result).toMatchObject({ apiVersion: '2023-03-30' });
      expect(result.requestId).toMatch(FC3_REQUEST_ID);
      expect(emulator.logs.some((line) => line.includes('/2023-03-30/functions/demo%24echo/invocations'))).toBe(true);
    } finally {
      await forced.close();
    }
  });

  it('2016-08-15: a lone function is a UsageError naming the need for a service; a bad version is refused', async () => {
    const error = await invoke('echo', { ...AK_KEY, endpoint: emulator.url, apiVersion: '2016-08-15', ...noProxy }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect(String((error as Error).message)).toMatch(/^an FC 2\.0 function needs its service: apiVersion says 2016-08-15, so give invoke\(service, functionName\)/);
    expect(() => createClient({ ...AK_KEY, endpoint: emulator.url, apiVersion: '2020-01-01' as '2016-08-15' })).toThrow(/unknown API version "2020-01-01"/);
  });

  it('the one-shot invoke takes both forms', async () => {
    expect((await invoke('hello', { ...AK_KEY, endpoint: emulator.url, ...noProxy })).apiVersion).toBe('2023-03-30');
    expect((await invoke('demo', 'hello', { ...AK_KEY, accountId: '1234567890', endpoint: emulator.url, ...noProxy })).apiVersion).toBe('2016-08-15');
  });
});

describe('FC 3.0 answers the emulator never gives', () => {
  it('missing metric headers are null, and a 429 is retried with a new nonce and a new signature', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      if (i === 0) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end('{"Code":"ThrottlingException","Message":"slow down","RequestId":"1-aaaaaaaa-bbbbbbbb-cccccccccccc"}');
        return;
      }
      res.writeHead(200, { 'x-fc-request-id': '1-aaaaaaaa-bbbbbbbb-dddddddddddd' });
      res.end('ok');
    });
    const result = await invoke('fn', { ...AK_KEY, endpoint: server.url, ...noProxy, event: 'hi' });
    expect(result).toMatchObject({ status: 200, attempts: 2, durationMs: null, maxMemoryMB: null, instanceId: null, codeChecksum: null, serviceVersion: null });
    const [first, second] = server.requests;
    expect(first?.headers['x-acs-signature-nonce']).not.toBe(second?.headers['x-acs-signature-nonce']);
    expect(first?.headers.authorization).not.toBe(second?.headers.authorization);
    expect(second?.headers['x-acs-content-sha256']).toBe('8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4');
  });
});
