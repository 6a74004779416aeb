// Misbehaving servers and pipes: oversized headers, a trickling body, a rejected clock,
// garbled log headers, and a reader that goes away.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EMULATOR_ACCOUNT_ID } from '../../src/emulator/defaults.js';
import { BIN, baseEnv, runCli } from '../helpers/cli.js';
import { AK_KEY, startTestEmulator } from '../helpers/emulator.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

const creds = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: AK_KEY.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK_KEY.accessKeySecret,
  ALIBABA_CLOUD_ACCOUNT_ID: EMULATOR_ACCOUNT_ID,
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('server faults', () => {
  it('oversized response headers: exit 5', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'x-fc-request-id': 'r', 'x-fc-huge': 'x'.repeat(100 * 1024) });
      res.end('never seen');
    });
    const r = await runCli(['run', 's', 'f'], { env: { ...creds, FCINVOKE_ENDPOINT: server.url } });
    expect(r.code).toBe(5);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/^fcinvoke: .*(headers were too large|closed unexpectedly)/m);
  });

  it('a body that trickles in is cut by --timeout: exit 5', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      const timer = setInterval(() => res.write('.'), 100);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    const r = await runCli(['run', 's', 'f', '--timeout', '1'], { env: { ...creds, FCINVOKE_ENDPOINT: server.url } });
    expect(r.code).toBe(5);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(r.stderr).toMatch(/no complete answer within --timeout 1 s/);
  });

  it('a body that goes silent is cut by --idle-timeout: exit 5', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('12345');
    });
    const r = await runCli(['run', 's', 'f', '--idle-timeout', '0.5'], { env: { ...creds, FCINVOKE_ENDPOINT: server.url } });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/timed out waiting for the response body/);
  });

  it('an X-Fc-Log-Result that is not base64: shows what decodes, warns, still succeeds', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'x-fc-log-result': `${Buffer.from('partial log').toString('base64')}%%%` });
      res.end('ok');
    });
    const r = await runCli(['run', 's', 'f'], { env: { ...creds, FCINVOKE_ENDPOINT: server.url } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: X-Fc-Log-Result is not valid base64');
    expect(r.stderr).toContain('partial log');
  });
});

describe('clock skew', () => {
  it('says how far the local clock is off when the service rejects the Date', async () => {
    const emulator = await startTestEmulator({ now: () => new Date(Date.now() + 20 * 60 * 1000) });
    try {
      const r = await runCli(['run', 'demo', 'hello'], { env: { ...creds, FCINVOKE_ENDPOINT: emulator.url } });
      expect(r.code).toBe(4);
      expect(r.stderr).toMatch(/RequestTimeTooSkewed \(HTTP 403.*the local clock is 20 min behind the service's: sync it/);
    } finally {
      await emulator.close();
    }
  });
});

describe('a reader that goes away', () => {
  it('ends quietly when stdout is closed early (| head)', async () => {
    const emulator = await startTestEmulator();
    try {
      const child = spawn(process.execPath, [BIN, 'run', 'demo', 'big', '-e', String(20 * 1024 * 1024)], {
        env: baseEnv({ ...creds, FCINVOKE_ENDPOINT: emulator.url }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      expect(stderr).not.toMatch(/EPIPE|unexpected failure|Error:/);
      expect(code).toBe(0);
    } finally {
      await emulator.close();
    }
  });
});

describe('a redirect or a stray 1xx is no answer (D02)', () => {
  const movedTo = 'http://127.0.0.1:1/login';
  const redirecting = (status: number, interim = false) =>
    startTestServer((_req, res) => {
      if (interim) res.writeProcessing();
      res.writeHead(status, { location: movedTo });
      res.end('<html>moved</html>');
    });

  it.each([302, 307, 301])('HTTP %i: exit 4 naming the Location; an existing -o file keeps its bytes', async (status) => {
    server = await redirecting(status);
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-redirect-'));
    const keep = join(dir, 'keep.out');
    writeFileSync(keep, 'PRECIOUS\n');
    const r = await runCli(['run', 's', 'f', '-e', 'x', '-o', keep], { env: { ...creds, FCINVOKE_ENDPOINT: server.url } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`fcinvoke: UnexpectedRedirect (HTTP ${status}): a redirect to ${movedTo}, not followed`);
    expect(readFileSync(keep, 'utf8')).toBe('PRECIOUS\n');
    expect(readdirSync(dir)).toEqual(['keep.out']);
    expect(server.requests).toHaveLength(1);
  });

  it('no -o file is created for a redirect, and --json says ok: false with the status', async () => {
    server = await redirecting(302, true);
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-redirect-'));
    const r = await runCli(['run', 's', 'f', '-e', 'x', '-o', join(dir, 'new.out'), '--json'], { env: { ...creds, FCINVOKE_ENDPOINT: server.url } });
    expect(r.code).toBe(4);
    const document = JSON.parse(r.out) as { ok: boolean; status: number; error: { code: string; message: string } };
    expect(document).toMatchObject({ ok: false, status: 302, error: { code: 'UnexpectedRedirect', status: 302 } });
    expect(document.error.message).toContain(movedTo);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('in a batch: every line an API error naming the Location, exit 4', async () => {
    server = await redirecting(307);
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-redirect-'));
    writeFileSync(join(dir, 'events.ndjson'), '{"a":1}\n{"a":2}\n');
    const r = await runCli(['run', 's', 'f', '--batch', join(dir, 'events.ndjson')], { env: { ...creds, FCINVOKE_ENDPOINT: server.url } });
    expect(r.code).toBe(4);
    const lines = r.out.trim().split('\n').map((line) => JSON.parse(line) as { ok: boolean; error: { code: string } });
    expect(lines.map((line) => [line.ok, line.error.code])).toEqual([
      [false, 'UnexpectedRedirect'],
      [false, 'UnexpectedRedirect'],
    ]);
    expect(server.requests).toHaveLength(2);
  });

  it('status and list too: exit 4 naming the Location', async () => {
    server = await redirecting(302);
    for (const args of [
      ['status', 's', 'f', 'some-id'],
      ['list', 's', 'f'],
    ]) {
      const r = await runCli(args, { env: { ...creds, FCINVOKE_ENDPOINT: server.url } });
      expect(r.code, args[0]).toBe(4);
      expect(r.stderr, args[0]).toContain(`a redirect to ${movedTo}`);
    }
  });
});

describe('a synchronous 5xx (D20)', () => {
  it.each([500, 502, 504])('HTTP %i: sent once, and the message says the function may have run and how to retry safely', async (status) => {
    server = await startTestServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-fc-request-id': 'req-5xx' });
      res.end(JSON.stringify({ ErrorCode: 'InternalServerError', ErrorMessage: 'an internal error has occurred. Please retry.' }));
    });
    const r = await runCli(['run', 's', 'f', '-e', 'x'], { env: { ...creds, FCINVOKE_ENDPOINT: server.url } });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      `fcinvoke: InternalServerError (HTTP ${status}, request ID req-5xx): an internal error has occurred. Please retry. (not retried: the function may have run; use --async-id for safely retryable invocations)`,
    );
    expect(server.requests).toHaveLength(1);
  });
});

describe('local failures are named as such', () => {
  it('https:// to a plain-HTTP port (D19): TLS handshake failed, is the endpoint http://?, one attempt, nothing sent', async () => {
    server = await startTestServer((_req, res) => res.end('never'));
    const r = await runCli(['run', 's', 'f', '-e', 'x', '--endpoint', server.url.replace('http:', 'https:')], { env: creds });
    expect(r.code).toBe(5);
    expect(r.stderr).toBe(`fcinvoke: TLS handshake failed: the server does not speak TLS (${new URL(server.url).host}); nothing was sent: is the endpoint http://?\n`);
    expect(server.requests).toHaveLength(0);
  });

  it('an unrequested 100 Continue: the answer is named unreadable HTTP, not a reset', async () => {
    const { createServer } = await import('node:net');
    const raw = createServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:1/\r\nContent-Length: 0\r\n\r\n'));
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = raw.address() as { port: number };
      const r = await runCli(['run', 's', 'f', '-e', 'x'], { env: { ...creds, FCINVOKE_ENDPOINT: `http://127.0.0.1:${port}` } });
      expect(r.code).toBe(5);
      expect(r.stderr).toContain('fcinvoke: the answer was not HTTP that can be read (a stray 1xx such as an unrequested 100 Continue?)');
    } finally {
      raw.close();
    }
  });
});
