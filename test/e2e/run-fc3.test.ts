// `fcinvoke run <function>` (FC 3.0, API 2023-03-30) end to end, spawned as a user would,
// against the emulator and a throwaway fault server on 127.0.0.1: events byte-exact, the
// qualifier both ways, migrated names, --json, each error class and exit code, retries.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { AK_KEY, emulatorEnv, STS_KEY, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { FC3_REQUEST_ID } from '../helpers/emulator3.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

let emulator: TestEmulator;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-e2e3-'));
const ASYNC_TOO_BIG = join(dir, 'async-too-big.bin');
writeFileSync(ASYNC_TOO_BIG, Buffer.alloc(131_073, 1));
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  emulator = await startTestEmulator();
  env = emulatorEnv(emulator);
});
afterAll(() => emulator.close());

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The environment for a fault server: the emulator's fake key, no account needed by FC 3.0. */
const serverEnv = (url: string) => ({ ALIBABA_CLOUD_ACCESS_KEY_ID: AK_KEY.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK_KEY.accessKeySecret, FCINVOKE_ENDPOINT: url });

/** The access-log lines of requests whose path holds `text`. */
const logged = (text: string) => emulator.logs.filter((line) => line.includes(text));

describe('events reach an FC 3.0 function byte-exact, signed by their SHA-256', () => {
  it('from a multi-MiB random binary file', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 3);
    const file = join(dir, 'random.bin');
    writeFileSync(file, data);
    const r = await runCli(['run', 'echo', '-d', file, '--quiet'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout.equals(data)).toBe(true);
    expect(r.stderr).toBe('');
    expect(logged('POST /2023-03-30/functions/echo/invocations 200').length).toBeGreaterThan(0);
  });

  it('from standard input, larger than the in-memory spool', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 1);
    const r = await runCli(['run', 'echo', '-d', '-', '--quiet'], { env, input: data });
    expect(r.code).toBe(0);
    expect(r.stdout.equals(data)).toBe(true);
  });

  it('inline text as UTF-8, CRLF untouched; nothing as an empty event', async () => {
    const inline = await runCli(['run', 'echo', '-e', 'añb\r\n€', '--quiet'], { env });
    expect(inline.stdout.equals(Buffer.from('añb\r\n€', 'utf8'))).toBe(true);
    const empty = await runCli(['run', 'echo', '--quiet'], { env });
    expect([empty.code, empty.stdout.length]).toEqual([0, 0]);
  });

  it('--dry-run shows the body hash and the unsigned x-fc-* headers, redacted, and sends nothing', async () => {
    const file = join(dir, 'dry.json');
    writeFileSync(file, '{"dry":true}');
    const before = emulator.logs.length;
    const r = await runCli(['run', 'echo:prod', '-d', file, '--dry-run', '-H', 'X-Fc-Trace-Id: t-1'], { env });
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(`POST ${emulator.url}/2023-03-30/functions/echo/invocations?qualifier=prod`);
    expect(r.out).toContain(`x-acs-content-sha256: ${sha256('{"dry":true}')}\n`);
    expect(r.out).toContain('x-fc-trace-id: t-1\n');
    expect(r.out).toMatch(/^authorization: ACS3-HMAC-SHA256 Credential=\*{4}y-id,SignedHeaders=[a-z0-9;-]+,Signature=<redacted>$/m);
    expect(r.out).not.toMatch(/SignedHeaders=[^,]*x-fc-/);
    expect(r.out).toContain('(body: 12 bytes from');
    expect(emulator.logs.length).toBe(before);
    const json = JSON.parse((await runCli(['run', 'echo', '-e', 'x', '--dry-run', '--json'], { env })).out);
    expect(json).toMatchObject({ method: 'POST', apiVersion: '2023-03-30' });
  });
});

describe('answers', () => {
  it('a binary result on stdout, and as bodyBase64 in --json, which ends with apiVersion', async () => {
    const expected = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expect((await runCli(['run', 'binary', '--quiet'], { env })).stdout.equals(expected)).toBe(true);
    const r = await runCli(['run', 'binary', '--json'], { env });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Buffer.from(doc.bodyBase64, 'base64').equals(expected)).toBe(true);
    expect(doc.body).toBeNull();
    expect(doc.requestId).toMatch(FC3_REQUEST_ID);
    expect(Object.keys(doc).at(-1)).toBe('apiVersion');
    expect(doc).toMatchObject({ ok: true, status: 200, invocationType: 'Sync', apiVersion: '2023-03-30', asyncInvocationId: null });
  });

  it('the summary and the log tail on stderr, in FC 3.0 words', async () => {
    const r = await runCli(['run', 'hello:prod'], { env });
    expect(r.out).toBe('hello world');
    expect(r.stderr).toContain('--- function log ---');
    expect(r.stderr).toMatch(/^request ID: 1-[0-9a-f-]+ · duration: \d+ ms · max memory: [\d.]+ MB · instance: \S+ · code checksum: \d+ · version: 1$/m);
    expect(r.stderr).not.toMatch(/undefined|service version/);
  });

  it('the qualifier as function:qualifier or -q; the two must not disagree', async () => {
    expect(JSON.parse((await runCli(['run', 'report:canary', '--json'], { env })).out).body).toContain('"qualifier":"canary"');
    expect(JSON.parse((await runCli(['run', 'report', '-q', 'canary', '--json'], { env })).out).body).toContain('"qualifier":"canary"');
    expect(JSON.parse((await runCli(['run', 'report:canary', '-q', 'canary', '--json'], { env })).out).body).toContain('"qualifier":"canary"');
    const disagree = await runCli(['run', 'report:canary', '-q', 'prod'], { env });
    expect(disagree.code).toBe(2);
    expect(disagree.stderr).toBe('fcinvoke: qualifier given twice and they disagree: "report:canary" says canary, --qualifier says prod; give one\n');
  });

  it('function.qualifier is refused with the colon form to type instead; that one runs', async () => {
    const typo = await runCli(['run', 'hello.prod', '--quiet'], { env });
    expect(typo.code).toBe(2);
    expect(typo.stdout.length).toBe(0);
    expect(typo.stderr).toBe(
      'fcinvoke: invalid function name "hello.prod": use 1-64 letters, digits, "_" or "-", not starting with a digit or "-"\n' +
        '  did you mean: fcinvoke run hello:prod --quiet (an FC 3.0 qualifier follows a colon)\n',
    );
    const meant = await runCli(['run', 'hello:prod', '--quiet'], { env });
    expect([meant.code, meant.out]).toEqual([0, 'hello world']);
  });

  it('FC 2.0 functions through FC 3.0 as service$function, typed or forced', async () => {
    const typed = await runCli(['run', 'demo$echo:prod', '-e', 'migrated', '--json'], { env });
    expect(JSON.parse(typed.out)).toMatchObject({ body: 'migrated', serviceVersion: '1', apiVersion: '2023-03-30' });
    const forced = await runCli(['run', 'demo.prod', 'echo', '-e', 'forced', '--api-version', '2023-03-30', '--quiet'], { env });
    expect(forced.out).toBe('forced');
    expect(logged('POST /2023-03-30/functions/demo%24echo/invocations').length).toBeGreaterThan(1);
  });

  it('an STS key signs x-acs-security-token', async () => {
    const r = await runCli(['run', 'echo', '-e', 'sts', '--quiet'], { env: emulatorEnv(emulator, STS_KEY) });
    expect([r.code, r.out]).toEqual([0, 'sts']);
  });
});

describe('each error class and its exit code', () => {
  it('1: the function failed (handled and unhandled)', async () => {
    const handled = await runCli(['run', 'fail'], { env });
    expect(handled.code).toBe(1);
    expect(handled.stderr).toMatch(/^function error: HandledInvocationError/m);
    const crashed = await runCli(['run', 'crash', '--json'], { env });
    expect(crashed.code).toBe(1);
    expect(JSON.parse(crashed.out)).toMatchObject({ ok: false, functionError: 'UnhandledInvocationError', apiVersion: '2023-03-30' });
  });

  it.each([
    ['a name starting with a digit', ['run', '9lives'], /invalid function name "9lives"/],
    ['two colons', ['run', 'a:b:c'], /invalid target "a:b:c": more than one ":"/],
    ['a bad migrated name', ['run', 'demo$'], /an FC 2.0 function seen through FC 3.0 is service\$function/],
    ['a task ID starting with a digit', ['run', 'echo', '--async-id', '1abc'], /^fcinvoke: invalid async task ID "1abc"/],
    ['the task ID header by -H', ['run', 'echo', '-H', 'x-fc-async-task-id: x'], /set by fcinvoke: use --async-id/],
    ['an x-acs header by -H', ['run', 'echo', '-H', 'x-acs-date: x'], /only x-fc-\* headers/],
    ['an async event over 128 KiB', ['run', 'echo', '--async', '-d', ASYNC_TOO_BIG], /over the 128 KiB \(131,072 bytes\) limit/],
    ['FC 2.0 forced, a function alone', ['run', 'echo', '--api-version', '2016-08-15'], /an FC 2\.0 function needs its service/],
  ])('2 before any connection: %s', async (_name, args, message) => {
    // Nothing listens on port 9: anything that got as far as sending would exit 5.
    const r = await runCli(args, { env: { ...env, FCINVOKE_ENDPOINT: 'http://127.0.0.1:9' } });
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr.split('\n')[0]).toMatch(message);
  });

  it('3: an invalid API version from the environment, naming it', async () => {
    const r = await runCli(['run', 'echo'], { env: { ...env, FCINVOKE_API_VERSION: '2020-01-01' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/FCINVOKE_API_VERSION.*2016-08-15 \(FC 2\.0\) or 2023-03-30 \(FC 3\.0\)/);
  });

  it('4: the service refused (FunctionNotFound, AliasNotFound), {Code, Message, RequestId} read', async () => {
    const r = await runCli(['run', 'nope', '--json'], { env });
    expect(r.code).toBe(4);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ ok: false, status: 404, error: { code: 'FunctionNotFound', status: 404 }, apiVersion: '2023-03-30' });
    expect(doc.requestId).toMatch(FC3_REQUEST_ID);
    const alias = await runCli(['run', 'hello:nope'], { env });
    expect(alias.code).toBe(4);
    expect(alias.stderr).toMatch(/^fcinvoke: AliasNotFound \(HTTP 404, request ID 1-/);
  });

  it('4: a wrong secret is SignatureNotMatch, and the secret is never shown', async () => {
    const r = await runCli(['run', 'echo', '-e', 'x', '-v'], { env: { ...env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'emulator-wrong-secret' } });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/SignatureNotMatch \(HTTP 403/);
    expect(r.stderr).not.toContain('emulator-wrong-secret');
  });

  it('5: no answer (connection refused, --timeout)', async () => {
    const refused = await runCli(['run', 'echo', '-e', 'x', '--retries', '0'], { env: { ...env, FCINVOKE_ENDPOINT: 'http://127.0.0.1:9' } });
    expect(refused.code).toBe(5);
    const slow = await runCli(['run', 'sleep', '-e', '3000', '--timeout', '0.5'], { env });
    expect(slow.code).toBe(5);
    expect(slow.stderr).toMatch(/--timeout 0\.5 s/);
  });

  it.runIf(existsSync('/dev/full'))('6: the function ran but its result could not be written', async () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = await runCli(['run', 'echo', '-e', 'hello', '--quiet'], { env, stdoutFd: fd });
      expect(r.code).toBe(6);
      expect(r.stderr).toMatch(/the function ran \(request ID 1-[0-9a-f-]+\) but its result was lost/);
    } finally {
      closeSync(fd);
    }
  });
});

describe('FC 3.0 answers the emulator never gives (fault server)', () => {
  it('missing metric headers: null in --json, left out of the summary', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'x-fc-request-id': '1-65a4e5c2-3f9d1a7b-8c2e4f6a0b1d' });
      res.end('bare');
    });
    const json = await runCli(['run', 'fn', '-e', 'x', '--json'], { env: serverEnv(server.url) });
    expect(JSON.parse(json.out)).toMatchObject({
      ok: true,
      durationMs: null,
      maxMemoryMB: null,
      instanceId: null,
      codeChecksum: null,
      serviceVersion: null,
      logs: null,
      body: 'bare',
      apiVersion: '2023-03-30',
    });
    const plain = await runCli(['run', 'fn', '-e', 'x'], { env: serverEnv(server.url) });
    expect(plain.out).toBe('bare');
    // Two pipes may meet in one log, so the result that ends without a line break gets one on stderr first.
    expect(plain.stderr).toBe('\nrequest ID: 1-65a4e5c2-3f9d1a7b-8c2e4f6a0b1d\n');
  });

  it('a 429 is retried, signed again with a new nonce and date stamp', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      if (i === 0) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end('{"Code":"ThrottlingException","Message":"slow down","RequestId":"1-aaaaaaaa-bbbbbbbb-cccccccccccc"}');
        return;
      }
      res.writeHead(200, { 'x-fc-request-id': '1-aaaaaaaa-bbbbbbbb-dddddddddddd' });
      res.end('ok');
    });
    const r = await runCli(['run', 'fn', '-e', 'hi', '--json'], { env: serverEnv(server.url) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ attempts: 2, body: 'ok' });
    const [first, second] = server.requests;
    expect(first?.headers['x-acs-signature-nonce']).toBeTruthy();
    expect(second?.headers['x-acs-signature-nonce']).not.toBe(first?.headers['x-acs-signature-nonce']);
    expect(second?.headers.authorization).not.toBe(first?.headers.authorization);
    expect(server.requests.map((request) => [request.body.toString(), request.headers['x-acs-content-sha256']])).toEqual([
      ['hi', sha256('hi')],
      ['hi', sha256('hi')],
    ]);
  });

  it('a sync 500 is never sent again: the function may have run', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"Code":"InternalError","Message":"oops","RequestId":"1-aaaaaaaa-bbbbbbbb-eeeeeeeeeeee"}');
    });
    const r = await runCli(['run', 'fn', '-e', 'x'], { env: serverEnv(server.url) });
    expect(r.code).toBe(4);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toMatch(/^fcinvoke: InternalError \(HTTP 500, request ID 1-aaaaaaaa-bbbbbbbb-eeeeeeeeeeee\): oops \(not retried: the function may have run; use --async-id/);
  });

  it('async: any 2xx is accepted, and the task ID comes back as asyncInvocationId', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'x-fc-request-id': '1-aaaaaaaa-bbbbbbbb-ffffffffffff', 'x-fc-async-task-id': '7f0c2d4e-digit-first' });
      res.end();
    });
    const r = await runCli(['run', 'fn', '--async', '--json'], { env: serverEnv(server.url) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, status: 200, invocationType: 'Async', asyncInvocationId: '7f0c2d4e-digit-first' });
    expect(server.requests[0]?.headers['x-fc-invocation-type']).toBe('Async');
  });

  it('a retried async call refused because its task ID exists counts as accepted, and is not sent a third time', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      if (i === 0) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end('{"Code":"ServiceUnavailable","Message":"busy"}');
        return;
      }
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end('{"Code":"AsyncTaskAlreadyExists","Message":"task job_1 exists","RequestId":"1-aaaaaaaa-bbbbbbbb-999999999999"}');
    });
    const r = await runCli(['run', 'fn', '--async-id', 'job_1', '-e', 'x', '--json'], { env: serverEnv(server.url) });
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(server.requests.map((request) => request.headers['x-fc-async-task-id'])).toEqual(['job_1', 'job_1']);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, status: 202, asyncInvocationId: 'job_1', attempts: 2 });
    expect(r.stderr).toContain('an earlier attempt was accepted (the retry got AsyncTaskAlreadyExists); it was not sent twice');
  });
});

describe('which API: flag, environment, project file, argument count', () => {
  const project = (apiVersion: string) => {
    const folder = mkdtempSync(join(tmpdir(), 'fcinvoke-project-'));
    writeFileSync(join(folder, '.fcinvokerc.json'), JSON.stringify({ apiVersion }));
    return folder;
  };
  const FC3_SVC_FN = '/2023-03-30/functions/svc%24fn/invocations';
  const FC2_SVC_FN = '/2016-08-15/services/svc/functions/fn/invocations';

  it.each([
    ['a function alone', ['fn'], {}, undefined, '/2023-03-30/functions/fn/invocations'],
    ['a service and a function', ['svc', 'fn'], {}, undefined, FC2_SVC_FN],
    ['--api-version 2023-03-30, two names', ['svc', 'fn', '--api-version', '2023-03-30'], {}, undefined, FC3_SVC_FN],
    ['--api-version 2016-08-15, two names', ['svc', 'fn', '--api-version', '2016-08-15'], {}, undefined, FC2_SVC_FN],
    ['FCINVOKE_API_VERSION=2023-03-30', ['svc', 'fn'], { FCINVOKE_API_VERSION: '2023-03-30' }, undefined, FC3_SVC_FN],
    ['the project file says 2023-03-30', ['svc', 'fn'], {}, '2023-03-30', FC3_SVC_FN],
    ['the flag before the environment', ['svc', 'fn', '--api-version', '2016-08-15'], { FCINVOKE_API_VERSION: '2023-03-30' }, undefined, FC2_SVC_FN],
    ['the environment before the project file', ['svc', 'fn'], { FCINVOKE_API_VERSION: '2016-08-15' }, '2023-03-30', FC2_SVC_FN],
  ])('%s', async (_name, args, extraEnv, projectVersion, path) => {
    const cwd = projectVersion ? project(projectVersion) : dir;
    const r = await runCli(['run', ...args, '--dry-run'], { env: { ...env, ...extraEnv }, cwd });
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(`POST ${emulator.url}${path}`);
  });

  it.each([
    ['--api-version', ['--api-version', '2016-08-15'], {}, undefined, /--api-version says 2016-08-15/],
    ['FCINVOKE_API_VERSION', [], { FCINVOKE_API_VERSION: '2016-08-15' }, undefined, /FCINVOKE_API_VERSION says 2016-08-15/],
    ['the project file', [], {}, '2016-08-15', /apiVersion in .*\.fcinvokerc\.json says 2016-08-15/],
  ])('forced to 2016-08-15 by %s, a lone function is exit 2 naming where', async (_name, flags, extraEnv, projectVersion, source) => {
    const cwd = projectVersion ? project(projectVersion) : dir;
    for (const command of [['run', 'fn'], ['list', 'fn'], ['status', 'fn', 'id'], ['stop', 'fn', 'id']]) {
      const r = await runCli([...command, ...flags], { env: { ...env, FCINVOKE_ENDPOINT: 'http://127.0.0.1:9', ...extraEnv }, cwd });
      expect(r.code, command.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^fcinvoke: an FC 2\.0 function needs its service: /);
      expect(r.stderr).toMatch(source);
      expect(r.stderr).toContain(`fcinvoke ${command[0]} <service> <function>`);
    }
  });

  it('an invalid --api-version is exit 3 naming the flag; the completion offers both values', async () => {
    const r = await runCli(['run', 'fn', '--api-version', 'latest'], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--api-version.*2016-08-15 \(FC 2\.0\) or 2023-03-30 \(FC 3\.0\)/);
    const completion = await runCli(['completion', 'bash']);
    expect(completion.out).toContain('2016-08-15 2023-03-30');
  });
});
