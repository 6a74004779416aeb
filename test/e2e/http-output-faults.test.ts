// `fcinvoke http` when its output cannot be written or it is interrupted: exit 6 with one
// line naming the request ID (and, for an accepted --async call, its async ID), -o onto
// devices and FIFOs written straight into, and SIGINT, SIGTERM and SIGHUP with and without
// --json, which still prints its one document with what is known.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { emulatorEnv, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { expectOneCleanError, withDevFull } from '../helpers/output-faults.js';

let emulator: TestEmulator;
let env: Record<string, string>;
beforeAll(async () => {
  emulator = await startTestEmulator();
  env = emulatorEnv(emulator);
});
afterAll(async () => {
  await emulator.close();
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scratch = mkdtempSync(join(tmpdir(), 'fcinvoke-http-out-'));

const RAN = /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\); the function ran \(request ID [0-9a-f-]{36}\) but its result was lost$/;
const RAN_FC3 = /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\); the function ran \(request ID 1-[0-9a-f]{8}-[0-9a-f-]+\) but its result was lost$/;

describe.runIf(existsSync('/dev/full'))('standard output on a full device (/dev/full)', () => {
  it.each([
    ['raw body, FC 2.0', ['demo/web/x'], RAN],
    ['--json, FC 2.0', ['demo/web/x', '--json'], RAN],
    ['raw body, FC 3.0', ['{url}/web.fcapp.run/x'], RAN_FC3],
    ['--json, FC 3.0', ['{url}/web.fcapp.run/x', '--json'], RAN_FC3],
    ['a function’s 404, --json', ['demo/web/x?status=404', '--json'], RAN],
  ])('%s: exit 6, the function ran, its request ID, one clean line', async (_name, args, message) => {
    const r = await withDevFull((fd) => runCli(['http', ...args.map((a) => a.replace('{url}', emulator.url)), '--quiet'], { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expectOneCleanError(r, message);
  });

  it('--async --json: the call was accepted, named by its async invocation ID, its acceptance document lost', async () => {
    const r = await withDevFull((fd) => runCli(['http', 'demo/web/x', '--async', '--json', '--quiet'], { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expectOneCleanError(
      r,
      /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\); the call was accepted \(async invocation ID [0-9a-f-]{36}, request ID [0-9a-f-]{36}\) but its acceptance document was lost$/,
    );
    expect(r.stderr).not.toContain('the function ran');
  });

  it('FC’s refusal with --json: exit 6, the refusal still on stderr, without "the function ran"', async () => {
    const r = await withDevFull((fd) => runCli(['http', `${emulator.url}/2016-08-15/proxy/demo/no-such-function/`, '--json'], { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^fcinvoke: FunctionNotFound \(HTTP 404/m);
    expect(r.stderr).toMatch(/^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\)$/m);
    expect(r.stderr).not.toContain('the function ran');
  });

  it('a dry run, which sends nothing: exit 6 without "the function ran"', async () => {
    const r = await withDevFull((fd) => runCli(['http', 'demo/web/x', '--dry-run', '--json'], { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expectOneCleanError(r, /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\)$/);
  });
});

describe('-o onto what is not a regular file', () => {
  it('-o /dev/full: exit 6 naming the file and the request ID', async () => {
    const r = await runCli(['http', 'demo/web/x', '-o', '/dev/full', '--quiet'], { env });
    expect(r.code).toBe(6);
    expectOneCleanError(r, /^fcinvoke: cannot write the output file \/dev\/full: no space left on device \(ENOSPC\); the function ran \(request ID [0-9a-f-]{36}\) but its result was lost$/);
  });

  it('-o /dev/full with --json: ok false, error OutputLost with the request ID, exit 6', async () => {
    const r = await runCli(['http', 'demo/web/x', '-o', '/dev/full', '--json', '--quiet'], { env });
    expect(r.code).toBe(6);
    const doc = JSON.parse(r.out) as { ok: boolean; status: number; requestId: string; error: { code: string; message: string } };
    expect(doc).toMatchObject({ ok: false, status: 200, error: { code: 'OutputLost' } });
    expect(doc.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc.error.message).toContain(`the function ran (request ID ${doc.requestId}) but its result was lost`);
  });

  it('/dev/null: written into, still the device', async () => {
    const r = await runCli(['http', 'demo/web/x', '-o', '/dev/null', '--quiet'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('a FIFO with a reader: the reader gets the exact body, the FIFO stays a FIFO', async () => {
    const fifo = join(scratch, 'webfifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    const received = new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      reader.stdout.on('data', (c: Buffer) => chunks.push(c));
      reader.on('close', () => resolve(Buffer.concat(chunks)));
    });
    const body = 'x'.repeat(200_000);
    const r = await runCli(['http', `${emulator.url}/2016-08-15/proxy/demo/web/fifo`, '-d', '-', '-o', fifo, '--quiet'], { env, input: body });
    expect(r.code, r.stderr).toBe(0);
    const echoed = JSON.parse((await received).toString('utf8')) as { path: string; body: string };
    expect(echoed.path).toBe('/fifo');
    expect(echoed.body).toBe(body);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(scratch).filter((n) => n.includes('webfifo'))).toEqual(['webfifo']);
  });

  it('a FIFO with no reader yet: the FIFO is opened once a reader comes, never replaced', async () => {
    const fifo = join(scratch, 'latefifo');
    execFileSync('mkfifo', [fifo]);
    let received: Promise<Buffer> = Promise.resolve(Buffer.alloc(0));
    const r = await runCli(['http', 'demo/web/late', '-o', fifo, '--quiet'], {
      env,
      onSpawn: () => {
        setTimeout(() => {
          const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
          received = new Promise((resolve) => {
            const chunks: Buffer[] = [];
            reader.stdout.on('data', (c: Buffer) => chunks.push(c));
            reader.on('close', () => resolve(Buffer.concat(chunks)));
          });
        }, 500);
      },
    });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse((await received).toString('utf8')) as { path: string }).path).toBe('/late');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('a missing folder: exit 2, nothing sent', async () => {
    const before = emulator.logs.length;
    const r = await runCli(['http', 'demo/web/x', '-o', join(scratch, 'no', 'such', 'out')], { env });
    expect(r.code).toBe(2);
    expectOneCleanError(r, /^fcinvoke: cannot write the output file .*: its folder does not exist/);
    expect(emulator.logs.length).toBe(before);
  });
});

const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const;

interface HttpDocument {
  ok: boolean;
  url: string | null;
  status: number | null;
  headers: Record<string, string> | null;
  requestId: string | null;
  body: string | null;
  error: { code: string; message: string; status: number | null } | null;
  attempts: number;
}

/** A server that takes the request and never answers. */
const silent = () =>
  startTestServer(() => {
    /* never answers */
  });

/**
 * Sends the signal once the server has the request (and `settleMs` more, for the CLI to read
 * what it answered), not after a fixed delay that a loaded machine can outrun.
 */
function killOnceSent(child: ChildProcess, signal: NodeJS.Signals, settleMs = 0): void {
  const poll = setInterval(() => {
    if ((server?.requests.length ?? 0) === 0) return;
    clearInterval(poll);
    setTimeout(() => child.kill(signal), settleMs);
  }, 20);
  child.once('exit', () => clearInterval(poll));
}

describe('signals', () => {
  it.each(SIGNALS)('%s while waiting, with -o: exit %i, no temp file left, nothing on stdout', async (signal, code) => {
    server = await silent();
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-http-sig-'));
    const r = await runCli(['http', 'svc/fn/', '-e', 'x', '-o', join(dir, 'out')], {
      env: { ...env, FCINVOKE_ENDPOINT: server.url },
      onSpawn: (child) => killOnceSent(child, signal),
    });
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(`fcinvoke: interrupted by ${signal}`);
    expect(r.out).toBe('');
    expect(readdirSync(dir)).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it.each(SIGNALS)('%s while waiting, --json: the one document, error Interrupted, the attempt counted, exit %i', async (signal, code) => {
    server = await silent();
    const r = await runCli(['http', 'svc/fn/', '-e', 'x', '--json'], {
      env: { ...env, FCINVOKE_ENDPOINT: server.url },
      onSpawn: (child) => killOnceSent(child, signal),
    });
    expect(r.code).toBe(code);
    const doc = JSON.parse(r.out) as HttpDocument;
    expect(doc).toMatchObject({
      ok: false,
      url: `${server.url}/2016-08-15/proxy/svc/fn/`,
      status: null,
      headers: null,
      error: { code: 'Interrupted', message: `interrupted by ${signal}`, status: null },
      attempts: 1,
    });
    expect(r.stderr).toContain(`fcinvoke: interrupted by ${signal}`);
  });

  it.each(SIGNALS)('%s while the answer streams in, --json: its status, headers and request ID in the document, exit %i', async (signal, code) => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'x-fc-request-id': 'req-streaming', 'content-length': '100' });
      res.write('partial');
    });
    const r = await runCli(['http', 'svc/fn/', '--json'], {
      env: { ...env, FCINVOKE_ENDPOINT: server.url },
      onSpawn: (child) => killOnceSent(child, signal, 300),
    });
    expect(r.code).toBe(code);
    const doc = JSON.parse(r.out) as HttpDocument;
    expect(doc).toMatchObject({ ok: false, status: 200, requestId: 'req-streaming', body: null, error: { code: 'Interrupted' } });
    expect(doc.headers?.['x-fc-request-id']).toBe('req-streaming');
  });

  it('SIGTERM during FC’s Retry-After, --json: the document, the one attempt, nothing sent again', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(429, { 'x-fc-error-type': 'FcCommonError', 'retry-after': '10' });
      res.end('{"ErrorCode":"ResourceExhausted","ErrorMessage":"busy"}');
    });
    const r = await runCli(['http', 'svc/fn/', '--json'], {
      env: { ...env, FCINVOKE_ENDPOINT: server.url },
      onSpawn: (child) => killOnceSent(child, 'SIGTERM', 300),
    });
    expect(r.code).toBe(143);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, error: { code: 'Interrupted', message: 'interrupted by SIGTERM' }, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});
