// Misbehaving servers and pipes: oversized headers, a trickling body, a rejected clock,
// garbled log headers, and a reader that goes away.
import { spawn } from 'node:child_process';
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
