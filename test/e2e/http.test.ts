// `fcinvoke http` against the emulator's HTTP triggers, spawned as a user runs it: every target
// form, the methods, query shapes, bodies byte for byte, the function's own statuses, crashes,
// each of FC's refusals, anonymous calls, -i, --json, --async, -o and --dry-run.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { emulatorEnv, startTestEmulator, STS_KEY, type TestEmulator } from '../helpers/emulator.js';
import { WEB_FUNCTIONS } from '../helpers/emulator-http.js';

let emulator: TestEmulator;
let env: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-http-'));
const BYTES = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(64 * 1024)]);
const BIN = join(dir, 'body.bin');
writeFileSync(BIN, BYTES);

beforeAll(async () => {
  emulator = await startTestEmulator({ functionsDir: WEB_FUNCTIONS });
  env = emulatorEnv(emulator);
});
afterAll(async () => {
  await emulator?.close();
});

const http = (args: string[], options: { env?: Record<string, string>; input?: Buffer | string } = {}): Promise<CliResult> =>
  runCli(['http', ...args], { env: options.env ?? env, ...(options.input === undefined ? {} : { input: options.input }) });
const json = (r: CliResult): Record<string, unknown> => JSON.parse(r.out) as Record<string, unknown>;
const echo = (r: CliResult): { method: string; path: string; query: Record<string, unknown>; headers: Record<string, string>; body: string } => JSON.parse(r.out);

describe('targets', () => {
  it('the short form is the /proxy/ URL on the configured endpoint: path, query and --query', async () => {
    const r = await http(['demo/web/hello?x=1', '--query', 'y=a b']);
    expect(r.code, r.stderr).toBe(0);
    expect(echo(r)).toMatchObject({ method: 'GET', path: '/hello', query: { x: '1', y: 'a b' }, body: '' });
    expect(r.stderr).toContain('web: GET /hello (0 bytes) -> 200');
    expect(r.stderr).toMatch(/request ID: [0-9a-f-]{36}/);
    expect(r.stderr).not.toContain('HTTP 200');
  });

  it('a full FC 2.0 /proxy/ URL, with its qualifier', async () => {
    const r = await http([`${emulator.url}/2016-08-15/proxy/demo.prod/web/a/b`, '-e', 'hi']);
    expect(r.code, r.stderr).toBe(0);
    expect(echo(r)).toMatchObject({ method: 'POST', path: '/a/b', body: 'hi' });
    expect(r.stderr).toContain('service version: 1');
  });

  it('the emulator’s trigger domain as the first path segment: FC 3.0, signed with ACS3 by default', async () => {
    for (const domain of ['web.fcapp.run', 'web.cn-hangzhou.fcapp.run']) {
      const r = await http([`${emulator.url}/${domain}/hi?q=1`]);
      expect(r.code, r.stderr).toBe(0);
      expect(echo(r)).toMatchObject({ method: 'GET', path: '/hi', query: { q: '1' } });
      expect(r.stderr).toMatch(/request ID: 1-[0-9a-f]{8}-/);
    }
  });

  it('an FC 2.0 function on its trigger domain, with the FC 2.0 signature by --sign fc or --api-version', async () => {
    const url = `${emulator.url}/demo$web.fcapp.run/x`;
    for (const flags of [['--sign', 'fc'], ['--api-version', '2016-08-15']]) {
      const r = await http([url, ...flags]);
      expect(r.code, r.stderr).toBe(0);
      expect(echo(r).path).toBe('/x');
    }
    const acs3 = await http([url]);
    expect(acs3.code).toBe(4);
    expect(acs3.stderr).toContain('(sent with the FC 3.0 (ACS3) signature: check the AccessKey, or give --sign fc if the function is of FC 2.0)');
  });

  it('the Host form: a trigger domain in the Host header, the whole path the function’s', async () => {
    const r = await http(['-H', 'Host: web.cn-hangzhou.fcapp.run', `${emulator.url}/hello?a=1`]);
    expect(r.code, r.stderr).toBe(0);
    expect(echo(r)).toMatchObject({ path: '/hello', query: { a: '1' } });
  });

  it('STS credentials sign both schemes', async () => {
    const sts = emulatorEnv(emulator, STS_KEY);
    expect((await http(['demo/web/'], { env: sts })).code).toBe(0);
    expect((await http([`${emulator.url}/web.fcapp.run/`], { env: sts })).code).toBe(0);
  });
});

describe('methods and queries', () => {
  it.each(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s reaches the function with its body', async (method) => {
    const r = await http(['-X', method.toLowerCase(), 'site/raw/any', '-e', `${method} body`, '-H', 'Content-Type: text/plain']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.out).toBe(`${method} body`);
    expect(r.stderr).toContain(`raw: ${method} ${method.length + 5} bytes`);
  });

  it('HEAD gets the headers and no body', async () => {
    const r = await http(['-X', 'HEAD', 'site/raw/', '-i']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toContain('x-stream-equals-body: true');
  });

  it('signs and sends every query shape: repeated keys, bare keys, +, escapes, Unicode, --query after the URL’s', async () => {
    const query = 'a=1&a=2&flag&sp=a+b&enc=%E4%B8%AD&e=';
    const extra = ['--query', 'q=x&y', '--query', 'u=中', '--query', 'bare'];
    const fc2 = await http([`demo/web/?${query}`, ...extra]);
    expect(fc2.code, fc2.stderr).toBe(0);
    expect(echo(fc2).query).toEqual({ a: ['1', '2'], flag: '', sp: 'a b', enc: '中', e: '', q: 'x&y', u: '中', bare: '' });
    const fc3 = await http([`${emulator.url}/web.fcapp.run/?${query}`, ...extra]);
    expect(fc3.code, fc3.stderr).toBe(0);
    expect(echo(fc3).query).toEqual({ a: '1,2', flag: '', sp: 'a b', enc: '中', e: '', q: 'x&y', u: '中', bare: '' });
  });
});

describe('bodies, byte for byte', () => {
  it.each([
    ['FC 2.0', 'site/raw/'],
    ['FC 3.0', 'WEB3'],
  ])('%s: from a file, standard input, inline, and none', async (_name, where) => {
    const target = where === 'WEB3' ? `${emulator.url}/web3-raw.fcapp.run/` : where;
    const file = await http([target, '-d', BIN]);
    expect(file.code, file.stderr).toBe(0);
    expect(file.stdout.equals(BYTES)).toBe(true);
    const stdin = await http([target, '-d', '-'], { input: BYTES });
    expect(stdin.stdout.equals(BYTES)).toBe(true);
    const inline = await http([target, '-e', 'héllo ✓', '-H', 'Content-Type: text/plain; charset=utf-8']);
    expect(inline.out).toBe('héllo ✓');
    const none = await http([target, '-X', 'POST']);
    expect(none.code).toBe(0);
    expect(none.stdout.length).toBe(0);
  });

  it('streams a body the function sends as a stream, and writes -o atomically', async () => {
    const out = join(dir, 'out.bin');
    const r = await http(['site/raw/?stream', '-d', BIN, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(readFileSync(out).equals(BYTES)).toBe(true);
  });

  it('refuses a body over the limit before sending, as run does', async () => {
    const big = join(dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(128 * 1024 + 1));
    const before = emulator.logs.length;
    const r = await http(['site/raw/', '-d', big, '--async']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`event file ${big} is 128 KiB (131,073 bytes)`);
    expect(r.stderr).toContain('over the 128 KiB (131,072 bytes) limit');
    expect(emulator.logs.length).toBe(before);
  });
});

describe('answers', () => {
  it.each([404, 500, 503])('the function’s own %i: its body on stdout, the status line on stderr, exit 1', async (status) => {
    const r = await http([`site/raw/?status=${status}`, '-e', 'oops']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('oops');
    expect(r.stderr).toMatch(new RegExp(`^HTTP ${status} `));
    expect(r.stderr).toContain('request ID:');
  });

  it('a 3xx of the function is shown, not followed, exit 0', async () => {
    const r = await http(['site/raw/?status=302', '-H', 'Location: ignored']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('HTTP 302 Found');
  });

  it('a crash: UnhandledInvocationError, exit 1, FC’s error body on stdout', async () => {
    const r = await http(['site/crash/']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({ errorMessage: expect.stringContaining('Process exited unexpectedly before completing request') });
    expect(r.stderr).toContain('HTTP 502 Bad Gateway');
    expect(r.stderr).toContain('function error: UnhandledInvocationError: Process exited unexpectedly');
    expect(r.stderr).toContain('crash: mode undefined');
  });

  it.each([
    ['no trigger', ['site/plain/'], 'TriggerNotFound (HTTP 404'],
    ['method not allowed', ['-X', 'PUT', 'site/info/'], 'MethodNotAllowed (HTTP 403'],
    ['unknown function', ['site/nothing/'], 'FunctionNotFound (HTTP 404'],
    ['FC 3.0, no trigger', [`EMU/plain3.fcapp.run/`], 'TriggerNotFound (HTTP 404'],
  ])('FC refuses (%s): exit 4, one line, nothing on stdout, no -o file', async (_name, args, message) => {
    const out = join(dir, `refused-${_name.replace(/\W/g, '')}`);
    const r = await http([...args.map((a) => a.replace('EMU', emulator.url)), '-o', out]);
    expect(r.code).toBe(4);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toContain(`fcinvoke: ${message}`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir).some((name) => name.includes('refused-'))).toBe(false);
  });

  it('FC refuses a bad signature, and the line names the signature sent', async () => {
    const wrong = { ...env, ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'emulator-fake-secret-wrong' };
    const fc2 = await http(['demo/web/'], { env: wrong });
    expect(fc2.code).toBe(4);
    expect(fc2.stderr).toContain('fcinvoke: SignatureNotMatch (HTTP 403');
    expect(fc2.stderr).toContain('(sent with the FC 2.0 signature: check the AccessKey, or give --sign acs3 if the function is of FC 3.0)');
    const fc3 = await http([`${emulator.url}/web.fcapp.run/`], { env: wrong });
    expect(fc3.code).toBe(4);
    expect(fc3.stderr).toContain('SignatureNotMatch');
  });

  it('--auth anonymous: an anonymous trigger answers; a function-auth one refuses, and the line says why', async () => {
    const ok = await http(['site/info/x', '--auth', 'anonymous'], { env: { FCINVOKE_ENDPOINT: emulator.url } });
    expect(ok.code, ok.stderr).toBe(0);
    const headers = (JSON.parse(ok.out) as { headers: Record<string, string> }).headers;
    expect(headers['user-agent']).toMatch(/^fcinvoke\//);
    expect(Object.keys(headers).filter((name) => /^(authorization|date|x-acs-)/.test(name))).toEqual([]);
    const refused = await http(['site/raw/', '--auth', 'anonymous']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain('MissingRequiredHeader (HTTP 400');
    expect(refused.stderr).toContain('drop --auth anonymous if the trigger needs function auth');
  });

  it('without credentials a signed call is exit 3, and the line offers --auth anonymous', async () => {
    const r = await http(['site/raw/'], { env: { FCINVOKE_ENDPOINT: emulator.url } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('a trigger with anonymous auth needs none: add --auth anonymous');
  });
});

describe('output modes', () => {
  it('-i: the status line and every response header on stderr, repeated ones each', async () => {
    const r = await http(['site/raw/', '-e', 'x', '-H', 'Content-Type: text/x', '-i']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('x');
    expect(r.stderr).toMatch(/^HTTP 200 OK\n/);
    expect(r.stderr).toContain('content-type: text/x\n');
    expect(r.stderr).toContain('set-cookie: a=1\nset-cookie: b=2\n');
    expect(r.stderr).not.toContain('x-fc-forged');
  });

  it('--json: exactly the contract’s fields, header names lower-case, text or Base64', async () => {
    const r = await http(['site/raw/?status=404', '-e', 'text', '--json']);
    expect(r.code).toBe(1);
    const document = json(r);
    expect(Object.keys(document)).toEqual(['ok', 'apiVersion', 'url', 'method', 'status', 'headers', 'requestId', 'functionError', 'logs', 'durationMs', 'instanceId', 'body', 'bodyBase64', 'error', 'attempts']);
    expect(document).toMatchObject({ ok: false, apiVersion: '2016-08-15', url: `${emulator.url}/2016-08-15/proxy/site/raw/?status=404`, method: 'POST', status: 404, functionError: null, body: 'text', bodyBase64: null, error: null, attempts: 1 });
    expect((document.headers as Record<string, unknown>)['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(document.logs).toContain('raw: POST 4 bytes');
    expect(document.requestId).toBe((document.headers as Record<string, unknown>)['x-fc-request-id']);
    expect(r.stderr).not.toContain('--- function log ---');

    const binary = json(await http([`${emulator.url}/web3-raw.fcapp.run/`, '-d', BIN, '--json']));
    expect(binary).toMatchObject({ ok: true, apiVersion: '2023-03-30', status: 200, body: null, bodyBase64: BYTES.toString('base64') });
    const crash = json(await http(['site/crash/', '--json']));
    expect(crash).toMatchObject({ ok: false, status: 502, functionError: 'UnhandledInvocationError' });
  });

  it('--json of a refusal and of a failure before sending', async () => {
    const refused = await http(['-X', 'PUT', 'site/info/', '--json']);
    expect(refused.code).toBe(4);
    expect(json(refused)).toMatchObject({ ok: false, status: 403, body: null, error: { code: 'MethodNotAllowed', status: 403 } });
    const closed = await http(['http://127.0.0.1:1/x', '--json', '--retries', '0']);
    expect(closed.code).toBe(5);
    expect(json(closed)).toMatchObject({ ok: false, status: null, headers: null, error: { code: 'ConnectionRefused', status: null }, attempts: 1 });
  });

  it('--async: 202 accepted, the ID on stderr and in the document', async () => {
    const r = await http(['site/raw/', '--async', '-e', 'later']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/accepted asynchronous invocation [0-9a-f-]{36}/);
    const document = json(await http([`${emulator.url}/web.fcapp.run/`, '--async', '-e', 'later', '--json']));
    expect(document).toMatchObject({ ok: true, status: 202 });
    expect((document.headers as Record<string, string>)['x-fc-async-task-id']).toBeTruthy();
  });

  it('--dry-run: the signed request, secrets redacted, nothing sent', async () => {
    const before = emulator.logs.length;
    const sts = emulatorEnv(emulator, STS_KEY);
    const r = await http(['demo/web/up', '-d', BIN, '-H', 'Content-Type: image/png', '--dry-run'], { env: sts });
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(`POST ${emulator.url}/2016-08-15/proxy/demo/web/up`);
    expect(r.out).toContain('content-type: image/png\n');
    expect(r.out).toContain(`content-length: ${BYTES.length}\n`);
    expect(r.out).toContain('x-fc-security-token: <redacted>\n');
    expect(r.out).toMatch(/authorization: FC \*{4}s-id:<redacted>\n/);
    expect(r.out).toContain(`(body: ${BYTES.length} bytes from ${BIN}; not sent)`);
    const acs3 = json(await http([`${emulator.url}/web.fcapp.run/`, '--dry-run', '--json'], { env: sts }));
    expect(acs3).toMatchObject({ method: 'GET', apiVersion: '2023-03-30', auth: 'function' });
    const headers = acs3.headers as Record<string, string>;
    expect(headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=\*{4}s-id,SignedHeaders=x-acs-date;x-acs-security-token,Signature=<redacted>$/);
    expect(headers['x-acs-security-token']).toBe('<redacted>');
    // No request reached the emulator (an earlier test's async invocation may still log its run).
    expect(emulator.logs.slice(before).filter((line) => !line.includes(' async '))).toEqual([]);
    const all = `${r.out}${JSON.stringify(acs3)}`;
    expect(all).not.toContain(STS_KEY.accessKeySecret);
    expect(all).not.toContain(STS_KEY.securityToken);
  });
});
