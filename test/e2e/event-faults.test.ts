// Events are sent exactly as they were when opened: files whose stat size lies are read to
// their end, a file that changes between attempts or while it is sent is refused (exit 2)
// before a complete body leaves (FC 3.0 too, whose body is signed by a first pass over the
// file), and inline text that is not UTF-8 is refused.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, baseEnv, runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-events-'));
const creds = (url: string) => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-key-id-events',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-secret-events',
  ALIBABA_CLOUD_ACCOUNT_ID: '1234567890',
  FCINVOKE_ENDPOINT: url,
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function echoServer(): Promise<TestServer> {
  return startTestServer((_req, res, body) => {
    res.writeHead(200, { 'x-fc-request-id': 'req-events' });
    res.end(body);
  });
}

describe('files whose stat size is not their length', () => {
  const cases: [string, string][] = [
    ['procfs (stat size 0)', '/proc/version'],
    ['sysfs (stat size 4096, no blocks)', '/sys/kernel/mm/transparent_hugepage/enabled'],
  ];
  it.each(cases)('%s: read to the end, every byte sent', async (_name, path) => {
    if (!existsSync(path)) return;
    server = await echoServer();
    const r = await runCli(['run', 'svc', 'fn', '-d', path, '--quiet'], { env: creds(server.url) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const content = readFileSync(path);
    expect(content.length).toBeGreaterThan(0);
    expect(server.requests[0]?.headers['content-length']).toBe(String(content.length));
    expect(server.requests[0]?.body.equals(content)).toBe(true);
    expect(r.stdout.equals(content)).toBe(true);
  });
});

describe('a file that changes between a 429 and the retry', () => {
  it.each([
    ['longer', '{"version":"CHANGED-LONGER-CONTENT"}\n'],
    ['same size', '{"version":"CHANGED!"}\n'],
  ])('%s: the retry is not sent, exit 2 EventFileChanged', async (_name, changed) => {
    const file = join(dir, `ev-${changed.length}.json`);
    writeFileSync(file, '{"version":"ORIGINAL"}\n');
    server = await startTestServer((_req, res, _body, index) => {
      if (index === 0) {
        writeFileSync(file, changed);
        res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
        res.end('{"ErrorCode":"ResourceExhausted","ErrorMessage":"throttled"}');
        return;
      }
      res.end('should never be reached');
    });
    const r = await runCli(['run', 'svc', 'fn', '-d', file, '--quiet'], { env: creds(server.url) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fcinvoke: the event file .*ev-\d+\.json changed while it was read \(.*\); nothing complete was sent/m);
    expect(r.stdout.length).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.body.toString()).toBe('{"version":"ORIGINAL"}\n');
  });
});

/** Starts `server` on loopback, keeping its sockets; `cut()` destroys those still open (a client still sending). */
async function listenTracked(server: Server): Promise<{ url: string; cut: () => void }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
  };
}

describe('a file that shrinks during a slow upload', () => {
  let slow: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (slow ? slow.close(() => resolve()) : resolve()));
    slow = undefined;
  });

  it('exit 2 EventFileChanged (not a network failure); the service never gets a complete body', async () => {
    const file = join(dir, 'shrink.bin');
    const size = 20_000_000;
    writeFileSync(file, Buffer.alloc(size, 1));
    let received = 0;
    let completed = false;
    slow = createServer((req, res) => {
      req.on('data', (chunk: Buffer) => {
        if (received === 0) truncateSync(file, 1000);
        received += chunk.length;
        req.pause();
        setTimeout(() => req.resume(), 20);
      });
      req.on('end', () => {
        completed = true;
        res.end('ran');
      });
      req.on('error', () => {});
    });
    const { url, cut } = await listenTracked(slow);
    const r = await runCli(['run', 'svc', 'fn', '-d', file], { env: creds(url) });
    cut();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the event file .*shrink\.bin changed while it was read \(it ended after [\d,]+ of 20,000,000 bytes\); nothing complete was sent/);
    expect(r.stderr).not.toMatch(/may have run/);
    expect(completed).toBe(false);
    expect(received).toBeLessThan(size);
  });
});

describe('FC 3.0: a file that no longer matches the hash pass is never sent altered', () => {
  const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
  const fc3 = (url: string) => ({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-key-id-events', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-secret-events', FCINVOKE_ENDPOINT: url });
  let slow: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (slow ? slow.close(() => resolve()) : resolve()));
    slow = undefined;
  });

  it.each([
    ['longer', '{"version":"CHANGED-LONGER-CONTENT"}\n'],
    ['same size', '{"version":"CHANGED!"}\n'],
  ])('changed before a retry (%s): the retry is not sent, exit 2 EventFileChanged', async (_name, changed) => {
    const original = '{"version":"ORIGINAL"}\n';
    const file = join(dir, `ev3-${changed.length}.json`);
    writeFileSync(file, original);
    server = await startTestServer((_req, res, _body, index) => {
      if (index === 0) {
        writeFileSync(file, changed);
        res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json', 'x-fc-request-id': '1-events-429' });
        res.end('{"Code":"TooManyRequests","Message":"throttled","RequestId":"1-events-429"}');
        return;
      }
      res.end('should never be reached');
    });
    const r = await runCli(['run', 'fn', '-d', file, '--quiet'], { env: fc3(server.url) });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^fcinvoke: the event file .*ev3-\d+\.json changed while it was read \(.*\); nothing complete was sent/m);
    expect(r.stdout.length).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.url).toBe('/2023-03-30/functions/fn/invocations');
    expect(server.requests[0]?.headers['x-acs-content-sha256']).toBe(sha256(original));
    expect(server.requests[0]?.body.toString()).toBe(original);
  });

  it('rewritten in place after the hash pass, while it is sent: exit 2, the service never gets a complete body', async () => {
    const file = join(dir, 'rewrite3.bin');
    const size = 20_000_000;
    const original = Buffer.alloc(size, 1);
    writeFileSync(file, original);
    let received = 0;
    let completed = false;
    let signedHash: string | undefined;
    // The headers (and so the hash pass) are done when the request arrives; the body is not
    // read until the file was rewritten (same size, same inode), and 20 MB do not fit in loopback's socket buffers.
    slow = createServer((req, res) => {
      signedHash = req.headers['x-acs-content-sha256'] as string | undefined;
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(size, 2), 0, size, 0);
      closeSync(fd);
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      req.on('end', () => {
        completed = true;
        res.end('ran');
      });
      req.on('error', () => {});
    });
    const { url, cut } = await listenTracked(slow);
    const r = await runCli(['run', 'fn', '-d', file], { env: fc3(url) });
    cut();
    expect(signedHash).toBe(sha256(original));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the event file .*rewrite3\.bin changed while it was read \((it was written to|its content is not what was read before)\); nothing complete was sent/);
    expect(r.stderr).not.toMatch(/may have run/);
    expect(completed).toBe(false);
    expect(received).toBeLessThan(size);
  });
});

describe('inline events', () => {
  it("-e $'caf\\xe9' (not UTF-8) is refused with a hint to use -d FILE, nothing sent", async () => {
    server = await echoServer();
    const result = await new Promise<{ code: number | null; err: string }>((resolve) => {
      // argv can carry bytes that are not UTF-8 only through a shell here: spawn() takes strings.
      const script = `exec "$0" "$1" run svc fn -e "$(printf 'caf\\351')"`;
      const child = spawn('sh', ['-c', script, process.execPath, BIN], { env: baseEnv(creds(server?.url ?? '')), stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^fcinvoke: the -e text is not valid UTF-8 .*use -d FILE\n$/);
    expect(server.requests).toHaveLength(0);
  });

  it('a limit lowered with --max-event-size is named, and raising it is not advised', async () => {
    const r = await runCli(['run', 'svc', 'fn', '-e', 'abcdefghijk', '--max-event-size', '10'], { env: creds('http://127.0.0.1:9') });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('fcinvoke: inline event is 11 bytes, over the 10 bytes limit set by --max-event-size: shrink it\n');
  });
});
