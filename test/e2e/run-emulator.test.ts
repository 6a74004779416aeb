// `fcinvoke run` end to end, spawned as a user would, against the emulator on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ACCOUNT_ID } from '../../src/emulator/defaults.js';
import { runCli } from '../helpers/cli.js';
import { AK_KEY, emulatorEnv, STS_KEY, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let emulator: TestEmulator;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-e2e-'));

beforeAll(async () => {
  emulator = await startTestEmulator();
  env = {
    ...emulatorEnv(emulator),
  };
});
afterAll(() => emulator.close());

describe('standard input without -d -', () => {
  it('a non-empty file on stdin is not read, and a note says so', async () => {
    const file = join(dir, 'unread.json');
    writeFileSync(file, '{"id": 1}');
    // Spawned without blocking: the emulator that must answer runs in this process.
    const stdin = openSync(file, 'r');
    const r = await runCli(['run', 'demo', 'echo'], { env, stdinFd: stdin }).finally(() => closeSync(stdin));
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.stderr).toContain('note: standard input is a file but is not read: the event is empty; add -d - to send what it holds\n');
  });

  it('a pipe in a script (stderr not a terminal) gets no note', async () => {
    const r = await runCli(['run', 'demo', 'echo'], { env, input: '{"id": 1}' });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).not.toContain('standard input');
  });
});

describe('events reach the function byte-exact', () => {
  it('from a multi-MiB random binary file', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 3);
    const file = join(dir, 'random.bin');
    writeFileSync(file, data);
    const r = await runCli(['run', 'demo', 'echo', '-d', file, '--quiet'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(data.length);
    expect(r.stdout.equals(data)).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('from standard input, larger than the in-memory spool', async () => {
    const data = randomBytes(3 * 1024 * 1024);
    const r = await runCli(['run', 'demo', 'echo', '-d', '-', '--quiet'], { env, input: data });
    expect(r.code).toBe(0);
    expect(r.stdout.equals(data)).toBe(true);
  });

  it('inline text as UTF-8, CRLF untouched', async () => {
    const r = await runCli(['run', 'demo', 'echo', '-e', 'añb\r\n€', '--quiet'], { env });
    expect(r.stdout.equals(Buffer.from('añb\r\n€', 'utf8'))).toBe(true);
  });

  it('nothing as an empty event', async () => {
    const r = await runCli(['run', 'demo', 'echo', '--quiet'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
  });
});

describe('results', () => {
  it('a binary result on stdout, and as bodyBase64 in --json', async () => {
    const expected = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const raw = await runCli(['run', 'demo', 'binary', '--quiet'], { env });
    expect(raw.stdout.equals(expected)).toBe(true);
    const json = await runCli(['run', 'demo', 'binary', '--json'], { env });
    const doc = JSON.parse(json.out);
    expect(doc.body).toBeNull();
    expect(Buffer.from(doc.bodyBase64, 'base64').equals(expected)).toBe(true);
  });

  it('-o writes the file atomically and leaves stdout empty', async () => {
    const target = join(dir, 'out', 'result.bin');
    mkdirSync(join(dir, 'out'), { recursive: true });
    const r = await runCli(['run', 'demo', 'big', '-e', String(2 * 1024 * 1024), '-o', target], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(readFileSync(target).length).toBe(2 * 1024 * 1024);
    expect(readdirSync(join(dir, 'out'))).toEqual(['result.bin']);
    expect(r.stderr).toMatch(/request ID: [0-9a-f-]{36}/);
  });

  it('--json has every field with real values', async () => {
    const r = await runCli(['run', 'demo', 'hello', '--json'], { env });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual([
      'ok', 'status', 'requestId', 'invocationType', 'functionError', 'durationMs', 'maxMemoryMB', 'instanceId',
      'codeChecksum', 'serviceVersion', 'asyncInvocationId', 'logs', 'body', 'bodyBase64', 'error', 'attempts', 'apiVersion',
    ]);
    expect(doc).toMatchObject({
      ok: true,
      status: 200,
      invocationType: 'Sync',
      functionError: null,
      serviceVersion: 'LATEST',
      asyncInvocationId: null,
      body: 'hello world',
      bodyBase64: null,
      error: null,
      attempts: 1,
      apiVersion: '2016-08-15',
    });
    expect(doc.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc.durationMs).toEqual(expect.any(Number));
    expect(doc.maxMemoryMB).toBeGreaterThan(1);
    expect(doc.instanceId).toEqual(expect.any(String));
    expect(doc.codeChecksum).toMatch(/^\d+$/);
    expect(doc.logs).toContain(`FC Invoke Start RequestId: ${doc.requestId}`);
    expect(doc.logs).toContain('hello from demo/hello');
    expect(r.stderr).not.toContain('function log');
  });

  it('shows the decoded log and the summary on stderr, nothing but the result on stdout', async () => {
    const r = await runCli(['run', 'demo', 'hello'], { env });
    expect(r.out).toBe('hello world');
    expect(r.stderr).toMatch(/--- function log ---\nFC Invoke Start RequestId: (\S+)\n.*hello from demo\/hello\nFC Invoke End RequestId: \1\n--- end of log ---\n/);
    expect(r.stderr).toMatch(/request ID: \S+ · duration: \d+ ms · max memory: [\d.]+ MB · instance: \S+ · code checksum: \d+ · service version: LATEST\n$/);
  });

  it('--no-logs asks for no log', async () => {
    const r = await runCli(['run', 'demo', 'hello', '--no-logs', '--json'], { env });
    expect(JSON.parse(r.out).logs).toBeNull();
  });
});

describe('qualifiers', () => {
  it.each([
    [['run', 'fixtures.prod', 'callback'], '1'],
    [['run', 'fixtures', 'callback', '-q', 'staging'], '2'],
    [['run', 'fixtures', 'callback', '-q', 'LATEST'], 'LATEST'],
    [['run', 'fixtures.2', 'callback'], '2'],
  ])('%j → service version %s', async (args, version) => {
    const r = await runCli([...args, '--json'], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).serviceVersion).toBe(version);
  });
});

describe('function errors exit 1', () => {
  it.each([
    ['fail', 'HandledInvocationError', /demo\/fail: this function always fails/],
    ['crash', 'UnhandledInvocationError', /crash/i],
  ])('demo/%s → %s', async (fn, type, message) => {
    const r = await runCli(['run', 'demo', fn], { env });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ errorMessage: expect.stringMatching(message) });
    expect(r.stderr).toMatch(new RegExp(`function error: ${type}: .*`));
    const json = await runCli(['run', 'demo', fn, '--json'], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, status: 200, functionError: type, error: null });
  });

  it('a function that times out', async () => {
    const r = await runCli(['run', 'fixtures', 'hang', '--json'], { env });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc.functionError).toBe('UnhandledInvocationError');
    expect(JSON.parse(doc.body).errorMessage).toMatch(/timed out after 1 seconds/);
  });
});

describe('API errors exit 4 with code, message, status and request ID', () => {
  it.each([
    ['wrong secret', ['run', 'demo', 'hello'], { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-wrong-secret' }, 403, 'SignatureNotMatch'],
    ['unknown key ID', ['run', 'demo', 'hello'], { ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-unknown-key-id' }, 403, 'InvalidAccessKeyID'],
    ['unknown service', ['run', 'nosuch', 'hello'], {}, 404, 'ServiceNotFound'],
    ['unknown function', ['run', 'demo', 'nosuch'], {}, 404, 'FunctionNotFound'],
    ['unknown alias', ['run', 'fixtures.nosuch', 'callback'], {}, 404, 'AliasNotFound'],
    ['unknown version', ['run', 'fixtures.9', 'callback'], {}, 404, 'VersionNotFound'],
    ['wrong account', ['run', 'demo', 'hello'], { ALIBABA_CLOUD_ACCOUNT_ID: '999' }, 403, 'AccessDenied'],
  ])('%s', async (_name, args, extra, status, code) => {
    const r = await runCli(args, { env: { ...env, ...extra } });
    expect(r.code).toBe(4);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`^fcinvoke: ${code} \\(HTTP ${status}, request ID [0-9a-f-]{36}\\): .+`, 'm'));
    const json = await runCli([...args, '--json'], { env: { ...env, ...extra } });
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, status, error: { code, status } });
  });

  it('EntityTooLarge from the service when the client limit was raised', async () => {
    const file = join(dir, 'too-big.bin');
    writeFileSync(file, Buffer.alloc(32 * 1024 * 1024 + 1));
    const r = await runCli(['run', 'demo', 'echo', '-d', file, '--max-event-size', String(64 * 1024 * 1024)], { env });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/EntityTooLarge \(HTTP 400/);
  });
});

describe('credentials', () => {
  it('works with an STS key and token', async () => {
    const r = await runCli(['run', 'demo', 'hello', '--quiet'], {
      env: {
        ...env,
        ALIBABA_CLOUD_ACCESS_KEY_ID: STS_KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS_KEY.accessKeySecret,
        ALIBABA_CLOUD_SECURITY_TOKEN: STS_KEY.securityToken,
      },
    });
    expect(r.code).toBe(0);
    expect(r.out).toBe('hello world');
  });

  it('comes from the aliyun CLI store with a named profile', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fcinvoke-home-'));
    mkdirSync(join(home, '.aliyun'));
    writeFileSync(
      join(home, '.aliyun', 'config.json'),
      JSON.stringify({
        current: 'default',
        profiles: [
          { name: 'default', mode: 'AK', access_key_id: 'fake-not-this-one', access_key_secret: 'fake-nope', region_id: 'cn-hangzhou' },
          { name: 'local', mode: 'AK', access_key_id: AK_KEY.accessKeyId, access_key_secret: AK_KEY.accessKeySecret, region_id: 'cn-shanghai' },
        ],
      }),
    );
    const storeEnv = { HOME: home, FCINVOKE_ENDPOINT: emulator.url, ALIBABA_CLOUD_ACCOUNT_ID: EMULATOR_ACCOUNT_ID };
    const r = await runCli(['run', 'demo', 'hello', '--profile', 'local', '--quiet'], { env: storeEnv });
    expect(r.stderr).toBe('');
    expect(r.out).toBe('hello world');
    const wrong = await runCli(['run', 'demo', 'hello'], { env: storeEnv });
    expect(wrong.code).toBe(4);
    expect(wrong.stderr).toContain('InvalidAccessKeyID');
    const config = await runCli(['config', '--profile', 'local'], { env: storeEnv });
    expect(config.code).toBe(0);
    expect(config.out).toMatch(/accessKeySecret\s+\*+\s+~\/\.aliyun\/config\.json, profile "local"/);
    expect(config.out).not.toContain(AK_KEY.accessKeySecret);
    const missing = await runCli(['run', 'demo', 'hello', '--profile', 'nosuch'], { env: storeEnv });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/nosuch.*default.*local|default.*local.*nosuch/);
  });
});

describe('network failure exits 5', () => {
  it('when the emulator is gone', async () => {
    const gone = await startTestEmulator();
    const url = gone.url;
    await gone.close();
    const r = await runCli(['run', 'demo', 'hello', '--retries', '0'], { env: { ...env, FCINVOKE_ENDPOINT: url } });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^fcinvoke: connection refused/m);
  });
});
