// What comes from outside is redacted and escaped everywhere it is shown: a fault server
// reflects the request's STS token, Authorization signature and terminal control sequences
// into error bodies, headers, the log tail and the async API's objects, and every output
// mode (plain, -v, --json, --batch lines and summary, status, list) must show none of
// them raw.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

const SECRET = 'fake-sts-secret-DO-NOT-PRINT';
const TOKEN = 'fake-token-DO-NOT-PRINT';
const env = (url: string) => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.fake-sts-id',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
  ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN,
  ALIBABA_CLOUD_ACCOUNT_ID: '1234567890',
  FCINVOKE_ENDPOINT: url,
});
/** Clear screen, set the window title, bell, and a C1 CSI: what a hostile answer would send a terminal. */
const CONTROL = '\u001b[2J\u001b]0;pwned\u0007\u009b31m';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What the request carried that must never be shown, as a header value may hold it (a C1 control is latin1). */
function inHeader(req: IncomingMessage): string {
  return `auth=${String(req.headers.authorization)} token=${String(req.headers['x-fc-security-token'])} \u009b31m end`;
}

/** The same with the C0 controls a body may hold. */
function reflected(req: IncomingMessage): string {
  return `${inHeader(req)} ${CONTROL}`;
}

function batchFile(lines: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fcinvoke-reflect-')), 'events.ndjson');
  writeFileSync(file, `${Array.from({ length: lines }, (_, i) => `{"i":${i}}`).join('\n')}\n`);
  return file;
}

/** Asserts that `all` shows no secret, no signature sent to `server`, and no raw control character. */
function expectClean(all: string, label: string): void {
  expect(all, label).not.toContain(SECRET);
  expect(all, label).not.toContain(TOKEN);
  for (const request of server!.requests) {
    const signature = String(request.headers.authorization).split(':')[1]!;
    expect(signature, label).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(all, label).not.toContain(signature);
    expect(all, label).not.toContain(encodeURIComponent(signature));
  }
  // Newlines and tabs are ours; any other control character would act on the terminal.
  // eslint-disable-next-line no-control-regex -- looking for raw control characters is the test
  expect(all, label).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
}

describe('a service that reflects the request into an API error (D04, D05, D13)', () => {
  it.each([
    ['plain', [] as string[]],
    ['verbose', ['-v']],
    ['--json', ['--json']],
    ['--batch', ['--batch', 'BATCH']],
    ['--batch -c 2', ['--batch', 'BATCH', '-c', '2']],
  ])('%s: no token, secret or signature, control characters escaped', async (_name, flags) => {
    server = await startTestServer((req, res) => {
      res.writeHead(403, { 'content-type': 'application/json', 'x-fc-request-id': `req ${inHeader(req)}` });
      res.end(JSON.stringify({ ErrorCode: `SignatureNotMatch${CONTROL}`, ErrorMessage: `got ${reflected(req)}` }));
    });
    const args = flags.map((flag) => (flag === 'BATCH' ? batchFile(3) : flag));
    const r = await runCli(['run', 'svc', 'fn', ...(args.includes('--batch') ? [] : ['-e', 'x']), ...args], { env: env(server.url) });
    expect(r.code).toBe(4);
    expectClean(`${r.out}\n${r.stderr}`, flags.join(' '));
    // Shown as escapes, and the redaction visible where the values were.
    expect(`${r.out}${r.stderr}`).toMatch(/\\(x1b|u001b)\[2J/);
    expect(`${r.out}${r.stderr}`).toContain('token=<redacted>');
    expect(`${r.out}${r.stderr}`).toContain('auth=FC STS.fake-sts-id:<redacted>');
  });
});

describe('a service that reflects the request into a successful answer (headers and log tail)', () => {
  it.each([
    ['plain', [] as string[]],
    ['verbose', ['-v']],
    ['--json', ['--json']],
    ['--batch', ['--batch', 'BATCH']],
  ])('%s', async (_name, flags) => {
    server = await startTestServer((req, res) => {
      res.writeHead(200, {
        'x-fc-request-id': 'req-1',
        'x-fc-instance-id': `inst ${inHeader(req)}`,
        'x-fc-log-result': Buffer.from(`FC Invoke Start\n${reflected(req)}\nFC Invoke End\n`).toString('base64'),
      });
      res.end('the result');
    });
    const args = flags.map((flag) => (flag === 'BATCH' ? batchFile(2) : flag));
    const r = await runCli(['run', 'svc', 'fn', ...(args.includes('--batch') ? [] : ['-e', 'x']), ...args], { env: env(server.url) });
    expect(r.code).toBe(0);
    expectClean(`${r.out}\n${r.stderr}`, flags.join(' '));
    expect(`${r.out}${r.stderr}`).toContain('token=<redacted>');
    if (flags.length === 0) expect(r.out).toBe('the result');
  });
});

describe('the async API reflecting the request (status, list)', () => {
  const invocation = (req: IncomingMessage) => ({
    invocationId: 'inv-1',
    status: 'Failed',
    serviceName: 'svc',
    functionName: 'fn',
    requestId: `r ${String(req.headers['x-fc-security-token'])}`,
    invocationErrorMessage: reflected(req),
    events: [{ eventId: 1, status: 'Failed', timestamp: 1, eventDetail: reflected(req) }],
  });

  it.each([
    ['status', ['status', 'svc', 'fn', 'inv-1']],
    ['status --json', ['status', 'svc', 'fn', 'inv-1', '--json']],
    ['list', ['list', 'svc', 'fn']],
    ['list --json', ['list', 'svc', 'fn', '--json']],
  ])('%s', async (_name, args) => {
    server = await startTestServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-fc-request-id': 'r' });
      res.end(JSON.stringify(req.url?.includes('/stateful-async-invocations/') ? invocation(req) : { invocations: [invocation(req)] }));
    });
    const r = await runCli(args, { env: env(server.url) });
    expect(r.code).toBe(0);
    expectClean(`${r.out}\n${r.stderr}`, args.join(' '));
    expect(r.out).toContain('<redacted>');
  });

  it('status of an unknown ID whose refusal reflects the request: exit 4, nothing leaked', async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ErrorCode: 'InvocationNotExist', ErrorMessage: reflected(req) }));
    });
    const r = await runCli(['status', 'svc', 'fn', 'inv-1'], { env: env(server.url) });
    expect(r.code).toBe(4);
    expectClean(`${r.out}\n${r.stderr}`, 'status');
  });
});

describe('file paths and arguments are shown escaped (D13)', () => {
  it('an event path holding ESC [2J: the message shows \\x1b, never the raw sequence', async () => {
    server = await startTestServer((_req, res) => res.end('never'));
    const r = await runCli(['run', 'svc', 'fn', '-d', join(tmpdir(), `\u001b[2Jmissing${CONTROL}`)], { env: env(server.url) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\\x1b[2Jmissing');
    expectClean(r.stderr, 'path');
    expect(server.requests).toHaveLength(0);
  });

  it('the same in the --json document: escaped as JSON escapes, C1 controls included', async () => {
    server = await startTestServer((_req, res) => res.end('never'));
    const r = await runCli(['run', 'svc', 'fn', '--json', '-d', join(tmpdir(), `missing${CONTROL}`)], { env: env(server.url) });
    expect(r.code).toBe(2);
    expectClean(r.out, 'json');
    expect(r.out).toContain('\\u009b31m');
    const document = JSON.parse(r.out) as { error: { message: string } };
    expect(document.error.message).toContain(`missing${CONTROL}`);
  });
});

describe('FC 3.0: a service that reflects the ACS3 request (x-acs-security-token, Signature=) everywhere', () => {
  /** What an FC 3.0 request carried that must never be shown, as a header value may hold it. */
  const inHeader3 = (req: IncomingMessage) => `auth=${String(req.headers.authorization)} token=${String(req.headers['x-acs-security-token'])} \u009b31m end`;
  const reflected3 = (req: IncomingMessage) => `${inHeader3(req)} ${CONTROL}`;

  function expectClean3(all: string, label: string): void {
    expect(all, label).not.toContain(SECRET);
    expect(all, label).not.toContain(TOKEN);
    for (const request of server!.requests) {
      expect(request.headers['x-acs-security-token'], label).toBe(TOKEN);
      const signature = /Signature=([0-9a-f]{64})$/.exec(String(request.headers.authorization))?.[1];
      expect(signature, label).toMatch(/^[0-9a-f]{64}$/);
      expect(all, label).not.toContain(signature);
    }
    expect(all, label).not.toMatch(/Signature=[0-9a-f]/);
    // eslint-disable-next-line no-control-regex -- looking for raw control characters is the test
    expect(all, label).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  }

  it.each([
    ['plain', [] as string[]],
    ['verbose', ['-v']],
    ['--json', ['--json']],
    ['--batch', ['--batch', 'BATCH']],
  ])('into an API error {Code, Message, RequestId}: %s', async (_name, flags) => {
    server = await startTestServer((req, res) => {
      res.writeHead(403, { 'content-type': 'application/json', 'x-fc-request-id': `req ${inHeader3(req)}` });
      res.end(JSON.stringify({ Code: `SignatureNotMatch${CONTROL}`, Message: `got ${reflected3(req)}`, RequestId: `1-${inHeader3(req)}` }));
    });
    const args = flags.map((flag) => (flag === 'BATCH' ? batchFile(3) : flag));
    const r = await runCli(['run', 'fn', ...(args.includes('--batch') ? [] : ['-e', 'x']), ...args], { env: env(server.url) });
    expect(r.code).toBe(4);
    expectClean3(`${r.out}\n${r.stderr}`, flags.join(' '));
    expect(`${r.out}${r.stderr}`).toContain('token=<redacted>');
    expect(`${r.out}${r.stderr}`).toMatch(/\\(x1b|u001b)\[2J/);
  });

  it.each([
    ['plain', [] as string[]],
    ['verbose', ['-v']],
    ['--json', ['--json']],
  ])('into a successful answer (headers, log tail): %s', async (_name, flags) => {
    server = await startTestServer((req, res) => {
      res.writeHead(200, {
        'x-fc-request-id': '1-aaaaaaaa-bbbbbbbb-cccccccccccc',
        'x-fc-instance-id': `inst ${inHeader3(req)}`,
        'x-fc-log-result': Buffer.from(`FC Invoke Start\n${reflected3(req)}\nFC Invoke End\n`).toString('base64'),
      });
      res.end('the result');
    });
    const r = await runCli(['run', 'fn', '-e', 'x', ...flags], { env: env(server.url) });
    expect(r.code).toBe(0);
    expectClean3(`${r.out}\n${r.stderr}`, flags.join(' '));
    expect(`${r.out}${r.stderr}`).toContain('token=<redacted>');
  });

  const task = (req: IncomingMessage) => ({
    taskId: 'task-1',
    status: 'Failed',
    functionArn: 'acs:fc:cn-hangzhou:1234567890:functions/fn',
    requestId: `r ${String(req.headers['x-acs-security-token'])}`,
    taskErrorMessage: reflected3(req),
    events: [{ eventId: 1, status: 'Failed', timestamp: 1, eventDetail: reflected3(req) }],
  });

  it.each([
    ['status', ['status', 'fn', 'task-1']],
    ['status --json', ['status', 'fn', 'task-1', '--json']],
    ['list', ['list', 'fn']],
    ['list --json', ['list', 'fn', '--json']],
  ])('into AsyncTask objects: %s', async (_name, args) => {
    server = await startTestServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-fc-request-id': 'r' });
      res.end(JSON.stringify(req.url?.includes('/async-tasks/') ? task(req) : { tasks: [task(req)], nextToken: '' }));
    });
    const r = await runCli(args, { env: env(server.url) });
    expect(r.code).toBe(0);
    expectClean3(`${r.out}\n${r.stderr}`, args.join(' '));
    // The table cuts the error at 60 characters, before the reflected signature's place.
    if (args.join(' ') !== 'list fn') expect(r.out).toContain('<redacted>');
  });
});
