// The built CLI against a throwaway server: what goes on the wire, and how every answer
// the emulator never gives (throttling, 5xx, non-JSON, truncation, slowness) is handled.
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStringToSign, computeSignature } from '../../src/fc/v2016/sign.js';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

const SECRET = 'fake-secret-for-protocol-tests';
const TOKEN = 'fake-sts-token-for-protocol-tests';
const creds = (url: string, extra: Record<string, string> = {}) => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-key-id-0042',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
  ALIBABA_CLOUD_ACCOUNT_ID: '1234567890',
  FCINVOKE_ENDPOINT: url,
  ...extra,
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function ok(res: import('node:http').ServerResponse, body = 'done') {
  res.writeHead(200, { 'x-fc-request-id': 'req-ok', 'content-type': 'application/octet-stream' });
  res.end(body);
}

describe('the request on the wire', () => {
  it('is signed so that the server can verify it, with Content-Length and every required header', async () => {
    server = await startTestServer((_req, res) => ok(res));
    const r = await runCli(['run', 'svc.prod', 'fn', '-e', 'héllo', '-H', 'X-Fc-Trace-Id: trace-1'], {
      env: creds(server.url, { ALIBABA_CLOUD_SECURITY_TOKEN: TOKEN }),
    });
    expect(r.code).toBe(0);
    expect(r.out).toBe('done');
    const [req] = server.requests;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/2016-08-15/services/svc.prod/functions/fn/invocations');
    const h = req!.headers;
    expect(h['content-length']).toBe(String(Buffer.byteLength('héllo')));
    expect(h['transfer-encoding']).toBeUndefined();
    expect(h['content-md5']).toBeUndefined();
    expect(h['content-type']).toBe('application/octet-stream');
    expect(h['x-fc-invocation-type']).toBe('Sync');
    expect(h['x-fc-log-type']).toBe('Tail');
    expect(h['x-fc-account-id']).toBe('1234567890');
    expect(h['x-fc-trace-id']).toBe('trace-1');
    expect(h['x-fc-security-token']).toBe(TOKEN);
    expect(Math.abs(Date.parse(h.date!) - Date.now())).toBeLessThan(60_000);
    expect(req!.body.toString('utf8')).toBe('héllo');
    const stringToSign = buildStringToSign({
      method: 'POST',
      path: req!.url,
      headers: Object.fromEntries(Object.entries(h).map(([k, v]) => [k, String(v)])),
    });
    expect(stringToSign).toContain('x-fc-security-token:');
    expect(stringToSign).toContain('x-fc-trace-id:trace-1\n');
    expect(h.authorization).toBe(`FC fake-key-id-0042:${computeSignature(stringToSign, SECRET)}`);
  });

  it('sends an empty body with Content-Length 0 and no log request with --no-logs', async () => {
    server = await startTestServer((_req, res) => ok(res, ''));
    const r = await runCli(['run', 'svc', 'fn', '--no-logs'], { env: creds(server.url) });
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    const h = server.requests[0]!.headers;
    expect(h['content-length']).toBe('0');
    expect(h['x-fc-log-type']).toBeUndefined();
  });
});

describe('retries follow the rule', () => {
  it('retries 503 and 429, then succeeds; --json counts the attempts', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      if (i === 0) {
        res.writeHead(503, { 'x-fc-request-id': 'r0', 'content-type': 'application/json' });
        res.end('{"ErrorCode":"ResourceThrottled","ErrorMessage":"slow down"}');
      } else if (i === 1) {
        res.writeHead(429, { 'x-fc-request-id': 'r1', 'retry-after': '0' });
        res.end('{"ErrorCode":"ResourceExhausted","ErrorMessage":"too many"}');
      } else ok(res, 'third time');
    });
    const r = await runCli(['run', 'svc', 'fn', '-e', 'x', '--json'], { env: creds(server.url) });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ ok: true, attempts: 3, body: 'third time', requestId: 'req-ok' });
    expect(server.requests).toHaveLength(3);
    expect(server.requests.map((q) => q.body.toString())).toEqual(['x', 'x', 'x']);
    expect(r.stderr).toMatch(/attempt 1 failed \(HTTP 503\)/);
  });

  it('never retries a 500 on a synchronous call: exit 4 with code, status and request ID', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(500, { 'x-fc-request-id': 'req-500' });
      res.end('{"ErrorCode":"InternalServerError","ErrorMessage":"an internal error has occurred"}');
    });
    const r = await runCli(['run', 'svc', 'fn'], { env: creds(server.url) });
    expect(r.code).toBe(4);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toContain('InternalServerError (HTTP 500, request ID req-500): an internal error has occurred');
    expect(r.stdout.length).toBe(0);
  });

  it('stops after --retries and reports the last API error', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '0' });
      res.end('{"errorCode":"ResourceExhausted","errorMessage":"concurrency limit"}');
    });
    const r = await runCli(['run', 'svc', 'fn', '--retries', '1', '--json'], { env: creds(server.url) });
    expect(r.code).toBe(4);
    expect(server.requests).toHaveLength(2);
    expect(JSON.parse(r.out)).toMatchObject({
      ok: false,
      status: 429,
      error: { code: 'ResourceExhausted', message: expect.stringContaining('concurrency limit'), status: 429 },
    });
  });

  it('gives non-JSON error bodies as text', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad Gateway</body></html>');
    });
    const r = await runCli(['run', 'svc', 'fn'], { env: creds(server.url) });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('HTTP502 (HTTP 502): <html><body>Bad Gateway</body></html>');
  });
});

describe('async invocations with an ID are idempotent', () => {
  it('retries a 500 and takes a duplicate-ID rejection on the retry as acceptance', async () => {
    server = await startTestServer((_req, res, _body, i) => {
      if (i === 0) {
        res.writeHead(500, { 'x-fc-request-id': 'r0' });
        res.end('{"ErrorCode":"InternalServerError","ErrorMessage":"accepted, then failed to answer"}');
      } else {
        res.writeHead(409, { 'x-fc-request-id': 'r1' });
        res.end('{"ErrorCode":"StatefulAsyncInvocationAlreadyExists","ErrorMessage":"job-7 exists"}');
      }
    });
    const r = await runCli(['run', 'svc', 'fn', '--async-id', 'job-7', '-e', 'x', '--json'], { env: creds(server.url) });
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
    expect(server.requests.every((q) => q.headers['x-fc-stateful-async-invocation-id'] === 'job-7')).toBe(true);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true, status: 202, asyncInvocationId: 'job-7', attempts: 2 });
    expect(r.stderr).toContain('an earlier attempt was accepted');
  });

  it('a duplicate ID on the first attempt is an API error (exit 4)', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(409);
      res.end('{"ErrorCode":"StatefulAsyncInvocationAlreadyExists","ErrorMessage":"job-7 exists"}');
    });
    const r = await runCli(['run', 'svc', 'fn', '--async-id', 'job-7'], { env: creds(server.url) });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('StatefulAsyncInvocationAlreadyExists (HTTP 409');
  });

  it('retries a reset after sending when the call has an ID', async () => {
    server = await startTestServer((req, res, _body, i) => {
      if (i === 0) req.socket.destroy();
      else {
        res.writeHead(202, { 'x-fc-request-id': 'r1', 'x-fc-stateful-async-invocation-id': 'job-8' });
        res.end();
      }
    });
    const r = await runCli(['run', 'svc', 'fn', '--async-id', 'job-8'], { env: creds(server.url) });
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(2);
  });

  it('never retries a reset after sending a synchronous call', async () => {
    server = await startTestServer((req) => req.socket.destroy());
    const r = await runCli(['run', 'svc', 'fn'], { env: creds(server.url) });
    expect(r.code).toBe(5);
    expect(server.requests).toHaveLength(1);
    expect(r.stderr).toMatch(/the function may have run: use --async-id/);
  });
});

describe('transport failures', () => {
  it('a body shorter than its Content-Length: exit 5 and no -o file left', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100', 'x-fc-request-id': 'req-short' });
      res.write('only part');
      setTimeout(() => res.socket?.destroy(), 50);
    });
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-out-'));
    const target = join(dir, 'result.bin');
    const r = await runCli(['run', 'svc', 'fn', '-o', target], { env: creds(server.url) });
    expect(r.code).toBe(5);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect(r.stderr).toMatch(/fcinvoke: .*(closed|shorter|reset)/);
  });

  it('--timeout bounds a slow answer: exit 5, says the function may have run', async () => {
    server = await startTestServer((_req, res) => {
      setTimeout(() => ok(res), 3000);
    });
    const r = await runCli(['run', 'svc', 'fn', '--timeout', '0.5'], { env: creds(server.url) });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/no complete answer within --timeout 0.5 s; the function may have run/);
  });

  it('connection refused is retried, then exit 5 naming the host', async () => {
    const r = await runCli(['run', 'svc', 'fn', '--retries', '1'], { env: creds('http://127.0.0.1:9') });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/retrying in \d+ ms/);
    expect(r.stderr).toMatch(/fcinvoke: connection refused \(127\.0\.0\.1:9\)/);
  });
});

describe('an existing -o file is replaced only when the new result is complete', () => {
  it('keeps the old content on failure and replaces it on success', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-out-'));
    const target = join(dir, 'out.txt');
    writeFileSync(target, 'old');
    server = await startTestServer((_req, res) => {
      res.writeHead(500);
      res.end('{"ErrorCode":"InternalServerError","ErrorMessage":"x"}');
    });
    const failed = await runCli(['run', 'svc', 'fn', '-o', target], { env: creds(server.url) });
    expect(failed.code).toBe(4);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });
});
