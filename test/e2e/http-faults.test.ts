// `fcinvoke http` against throwaway servers on 127.0.0.1 for what the emulator never does:
// what an anonymous call sends, redirects, throttling and other refusals, an --async answer
// that is not 202, and servers that echo every secret back.
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { LEAK_SECRET as SECRET, LEAK_TOKEN as TOKEN, leakTestEnv as env } from '../helpers/leak-credentials.js';

const BEARER = 'fake-bearer-token-of-the-caller-89';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const refusal = (status: number) => ({ status, headers: { 'x-fc-error-type': 'FcCommonError', 'x-fc-request-id': `r-${status}`, 'retry-after': '0' }, body: JSON.stringify({ ErrorCode: 'Busy', ErrorMessage: 'try later' }) });

async function answering(...answers: { status: number; headers?: Record<string, string>; body?: string }[]): Promise<TestServer> {
  server = await startTestServer((_req, res, _body, i) => {
    const answer = answers[Math.min(i, answers.length - 1)]!;
    res.writeHead(answer.status, answer.headers ?? {});
    res.end(answer.body ?? '');
  });
  return server;
}

describe('--auth anonymous', () => {
  it('sends no credentials at all: no Authorization, Date, account, token or ACS3 header', async () => {
    const s = await answering({ status: 200, body: 'ok' });
    for (const target of [`${s.url}/2016-08-15/proxy/svc/fn/`, `${s.url}/web.fcapp.run/`, 'svc/fn/x']) {
      const r = await runCli(['http', target, '--auth', 'anonymous', '-e', 'x'], { env: env(s.url) });
      expect(r.code, r.stderr).toBe(0);
    }
    expect(s.requests).toHaveLength(3);
    for (const request of s.requests) {
      const names = Object.keys(request.headers);
      expect(names.filter((name) => /^(authorization|date|x-fc-account-id|x-fc-security-token|x-acs-)/.test(name))).toEqual([]);
      expect(request.headers['x-fc-invocation-type']).toBe('Sync');
      expect(request.body.toString()).toBe('x');
    }
  });

  it('sends an Authorization of the caller’s own, and never shows it', async () => {
    const s = await answering({ status: 200, headers: { 'x-echo': `Bearer ${BEARER}` }, body: 'ok' });
    const r = await runCli(['http', `${s.url}/api`, '--auth', 'anonymous', '-H', `Authorization: Bearer ${BEARER}`, '-v'], { env: env(s.url) });
    expect(r.code).toBe(0);
    expect(s.requests[0]!.headers.authorization).toBe(`Bearer ${BEARER}`);
    expect(r.stderr).toContain('authorization: Bearer <redacted>');
    expect(r.stderr).not.toContain(BEARER);
  });
});

describe('answers that are not plain', () => {
  it('a 3xx is the function’s answer: shown with its Location, not followed, exit 0', async () => {
    const s = await answering({ status: 302, headers: { location: 'https://example.com/elsewhere' }, body: 'moved' });
    const r = await runCli(['http', `${s.url}/web.fcapp.run/old`], { env: env(s.url) });
    expect(r.code).toBe(0);
    expect(r.out).toBe('moved');
    expect(r.stderr).toContain('HTTP 302 Found -> https://example.com/elsewhere (not followed)');
    expect(s.requests).toHaveLength(1);
  });

  it.each([429, 503])('FC’s own %i refusal is sent again; the answer after it counts', async (status) => {
    const s = await answering(refusal(status), { status: 200, body: 'done' });
    const r = await runCli(['http', 'svc/fn/'], { env: env(s.url) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.out).toBe('done');
    expect(s.requests).toHaveLength(2);
    expect(r.stderr).toContain(`attempt 1 failed (HTTP ${status}); retrying in`);
    expect(r.stderr).toContain('attempts: 2');
    // Each attempt is signed afresh.
    expect(s.requests[0]!.headers.authorization).toMatch(/^FC /);
  });

  it('FC refusing for load until the retries run out: exit 4 after 1 + --retries attempts', async () => {
    const s = await answering(refusal(429));
    const r = await runCli(['http', 'svc/fn/', '--retries', '1', '--json'], { env: env(s.url) });
    expect(r.code).toBe(4);
    expect(s.requests).toHaveLength(2);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, status: 429, attempts: 2, requestId: 'r-429', error: { code: 'Busy', status: 429 } });
  });

  it.each([
    ['a function’s own 503', { status: 503, body: 'down' }, 1],
    ['a function’s own 429', { status: 429, body: 'slow' }, 1],
    ['FC’s 500', refusal(500), 4],
    ['FC’s 403', refusal(403), 4],
  ])('%s is not sent again', async (_name, answer, code) => {
    const s = await answering(answer);
    const r = await runCli(['http', 'svc/fn/'], { env: env(s.url) });
    expect(r.code).toBe(code);
    expect(s.requests).toHaveLength(1);
  });

  it('an --async call answered 200 instead of 202: exit 4, the body still delivered', async () => {
    const s = await answering({ status: 200, headers: { 'x-fc-request-id': 'r-sync' }, body: 'ran now' });
    const r = await runCli(['http', 'svc/fn/', '--async'], { env: env(s.url) });
    expect(r.code).toBe(4);
    expect(r.out).toBe('ran now');
    expect(r.stderr).toContain('fcinvoke: NotAccepted (HTTP 200, request ID r-sync): --async expects HTTP 202 (accepted)');
    expect(s.requests[0]!.headers['x-fc-invocation-type']).toBe('Async');
  });

  it('a connection reset after sending is not sent again, and says the function may have run', async () => {
    server = await startTestServer((req) => req.socket.destroy());
    const r = await runCli(['http', 'svc/fn/', '-e', 'x'], { env: env(server.url) });
    expect(r.code).toBe(5);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toContain('the function may have run');
  });
});

describe('streams', () => {
  it('writes the body to stdout as it arrives: the second part is sent only once the first was seen', async () => {
    let seen: () => void = () => {};
    const firstSeen = new Promise<void>((resolve) => (seen = resolve));
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      void firstSeen.then(() => res.end('data: two\n\n'));
    });
    const r = await runCli(['http', `${server.url}/events`, '--auth', 'anonymous'], {
      env: env(server.url),
      onSpawn: (child) => child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('one') && seen()),
      timeoutMs: 10_000,
    });
    expect(r.code).toBe(0);
    expect(r.out).toBe('data: one\n\ndata: two\n\n');
  });
});

describe('no secret or signature in any output', () => {
  it.each([
    ['verbose', ['-v']],
    ['include', ['-i']],
    ['json', ['--json']],
    ['dry run', ['--dry-run']],
    ['dry run json', ['--dry-run', '--json']],
    ['refused, verbose', ['-v', '--query', 'refuse=1']],
    ['refused, json', ['--json', '--query', 'refuse=1']],
    ['ACS3, verbose', ['-v', '--sign', 'acs3']],
    ['ACS3, json', ['--json', '--sign', 'acs3']],
  ])('%s', async (_name, flags) => {
    // The server echoes what it got: the Authorization and token in headers, its log tail and its error message.
    server = await startTestServer((req, res) => {
      const seen = `${String(req.headers.authorization)} ${String(req.headers['x-fc-security-token'] ?? req.headers['x-acs-security-token'])}`;
      const headers = { 'x-echo': seen, 'x-fc-log-result': Buffer.from(`log: ${seen}`).toString('base64'), 'x-fc-request-id': 'r' };
      if (req.url?.includes('refuse')) {
        res.writeHead(403, { ...headers, 'x-fc-error-type': 'FcCommonError' });
        res.end(JSON.stringify({ ErrorCode: 'SignatureNotMatch', ErrorMessage: `you sent ${seen}` }));
      } else {
        res.writeHead(200, headers);
        res.end(flags.includes('--json') ? `body: ${seen}` : 'fine');
      }
    });
    const r = await runCli(['http', `${server.url}/2016-08-15/proxy/svc/fn/`, '-e', 'x', ...flags], { env: env(server.url) });
    const all = `${r.out}\n${r.stderr}`;
    expect(r.code).toBe(flags.includes('refuse=1') ? 4 : 0);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
    const dryRun = flags.includes('--dry-run');
    expect(server.requests).toHaveLength(dryRun ? 0 : 1);
    if (!dryRun) {
      const authorization = String(server.requests[0]!.headers.authorization);
      const signature = authorization.startsWith('FC ') ? authorization.split(':')[1]! : /Signature=([0-9a-f]{64})/.exec(authorization)![1]!;
      expect(all).not.toContain(signature);
    }
    // Nor hidden in Base64 (the log tail header): every long Base64 run, decoded, is clean too.
    const decoded = (all.match(/[A-Za-z0-9+/]{40,}={0,2}/g) ?? []).map((run) => Buffer.from(run, 'base64').toString('utf8')).join('\n');
    expect(decoded).not.toContain(TOKEN);
    expect(decoded).not.toContain(SECRET);
    expect(decoded).not.toMatch(/[A-Za-z0-9+/]{43}=|[0-9a-f]{64}/);
    expect(all).not.toMatch(/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])/);
    expect(all).not.toMatch(/[0-9a-f]{64}/);
    if (flags.includes('-v') || dryRun) expect(all).toMatch(/authorization"?: "?(FC \*{4}test:|ACS3-HMAC-SHA256 Credential=\*{4}test,.*Signature=)<redacted>/);
  });
});
