// Output that cannot be written after the function ran is exit 6 with one clean line
// naming the request ID; devices, FIFOs and open descriptors given to -o are written
// straight into and never replaced; SIGHUP cleans up like SIGTERM.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, baseEnv, runCli } from '../helpers/cli.js';
import { emulatorEnv, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { mountTinyTmpfs } from '../helpers/full-disk.js';
import { startTestServer } from '../helpers/http-server.js';
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

const scratch = mkdtempSync(join(tmpdir(), 'fcinvoke-out-'));

const REQUEST_ID = /request ID [0-9a-f-]{36}/;

describe.runIf(existsSync('/dev/full'))('standard output on a full device (/dev/full)', () => {
  it.each([
    ['raw body', []],
    ['--json', ['--json']],
  ])('run (%s): exit 6, the function ran, its request ID, one clean line', async (_name, flags) => {
    const r = await withDevFull((fd) => runCli(['run', 'demo', 'echo', '-e', 'hello', '--quiet', ...flags], { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expectOneCleanError(r, /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\); the function ran \(request ID [0-9a-f-]{36}\) but its result was lost$/);
  });

  it('run with a function error: still exit 6 (the error body was the result)', async () => {
    const r = await withDevFull((fd) => runCli(['run', 'demo', 'fail', '--quiet'], { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(REQUEST_ID);
  });

  // config contacts no service: the output is lost all the same, so exit 6, without "the function ran".
  it.each([[['config']], [['config', '--json']], [['completion', 'bash']], [['--help']]])('%j: exit 6, one clean line', async (args) => {
    const r = await withDevFull((fd) => runCli(args, { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expectOneCleanError(r, /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\)$/);
  });

  // Answered by the launcher itself, before the bundle loads: the same contract.
  it.each([[['--version']], [['-V']]])('%j: exit 6, one clean line', async (args) => {
    const r = await withDevFull((fd) => runCli(args, { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expect(r.stderr).toBe('fcinvoke: cannot write to standard output: no space left on device (ENOSPC)\n');
  });

  it.each([
    ['--wait, raw result', ['run', 'demo', 'echo', '-e', 'waited', '--async-id', 'e2e_full_wait_1', '--wait', '--quiet']],
    ['--wait --json', ['run', 'demo', 'echo', '-e', 'waited', '--async-id', 'e2e_full_wait_2', '--wait', '--json', '--quiet']],
  ])('run --async %s: exit 6, the invocation ran, the request ID that started it', async (_name, args) => {
    const r = await withDevFull((fd) => runCli(args, { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expectOneCleanError(r, /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\); the function ran \(request ID [0-9a-f-]{36}\) but its result was lost$/);
  });

  it.each([
    ['FC 2.0', ['run', 'demo', 'echo'], /\(async invocation ID [0-9a-f-]{36}, request ID [0-9a-f-]{36}\)/],
    ['FC 3.0', ['run', 'echo'], /\(async task ID [0-9a-f-]{36}, request ID 1-[0-9a-f]{8}-[0-9a-f-]+\)/],
    ['FC 3.0 with --async-id', ['run', 'echo', '--async-id', 'e2e_full_accepted'], /\(async task ID e2e_full_accepted, request ID 1-[0-9a-f]{8}-[0-9a-f-]+\)/],
  ])('run --async --json, %s: exit 6, the call was accepted (not "ran"), its async ID, its acceptance document lost', async (_name, args, ids) => {
    const r = await withDevFull((fd) => runCli([...args, '-e', 'x', '--async', '--json', '--quiet'], { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expectOneCleanError(r, /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\); the call was accepted \(.*\) but its acceptance document was lost$/);
    expect(r.stderr).toMatch(ids);
    expect(r.stderr).not.toContain('the function ran');
  });

  it('status --wait of an ended invocation: exit 6, the invocation named by its request ID', async () => {
    expect((await runCli(['run', 'demo', 'echo', '-e', 'kept', '--async-id', 'e2e_full_status', '--wait', '--quiet'], { env })).code).toBe(0);
    const r = await withDevFull((fd) => runCli(['status', 'demo', 'echo', 'e2e_full_status', '--wait', '--quiet'], { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expectOneCleanError(r, /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\); the function ran \(request ID [0-9a-f-]{36}\) but its result was lost$/);
  });

  it.each([
    [['status', 'demo', 'echo', 'e2e_full_list']],
    [['status', 'demo', 'echo', 'e2e_full_list', '--json']],
    [['list', 'demo', 'echo']],
    [['list', 'demo', 'echo', '--json']],
    [['run', 'demo', 'echo', '-e', 'x', '--dry-run']],
  ])('%j, which only reads: exit 6, one clean line, without "the function ran"', async (args) => {
    expect((await runCli(['run', 'demo', 'echo', '-e', 'x', '--async-id', 'e2e_full_list', '--wait', '--quiet'], { env })).code).toBeLessThanOrEqual(4);
    const r = await withDevFull((fd) => runCli(args, { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expectOneCleanError(r, /^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\)$/);
  });

  it('run --json whose API error document cannot be written: exit 6, and the API error is still on stderr', async () => {
    const r = await withDevFull((fd) => runCli(['run', 'demo', 'no-such-function', '-e', 'x', '--json'], { env, stdoutFd: fd }));
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/^fcinvoke: FunctionNotFound \(HTTP 404/m);
    expect(r.stderr).toMatch(/^fcinvoke: cannot write to standard output: no space left on device \(ENOSPC\)$/m);
  });

  it('a reader that went away is still a quiet 0 for a single run', async () => {
    const r = await runCli(['run', 'demo', 'big', '-e', '3000000', '--quiet'], {
      env,
      onSpawn: (child) => {
        child.stdout?.once('data', () => child.stdout?.destroy());
      },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('-o onto what is not a regular file', () => {
  it('/dev/null: written into, still the device (never replaced, never refused)', async () => {
    const r = await runCli(['run', 'demo', 'echo', '-e', 'data', '-o', '/dev/null', '--quiet'], { env });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.runIf(process.getuid?.() === 0)('a scratch character device made with mknod stays a device', async () => {
    const node = join(scratch, 'mynull');
    try {
      execFileSync('mknod', ['-m', '666', node, 'c', '1', '3'], { stdio: 'ignore' });
    } catch {
      return;
    }
    const r = await runCli(['run', 'demo', 'echo', '-e', 'data', '-o', node, '--quiet'], { env });
    expect(r.code).toBe(0);
    expect(statSync(node).isCharacterDevice()).toBe(true);
  });

  it('a FIFO with a reader: the reader gets the exact bytes, the FIFO stays a FIFO', async () => {
    const fifo = join(scratch, 'myfifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    const received = new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      reader.stdout.on('data', (c: Buffer) => chunks.push(c));
      reader.on('close', () => resolve(Buffer.concat(chunks)));
    });
    const r = await runCli(['run', 'demo', 'big', '-e', '300000', '-o', fifo, '--quiet'], { env });
    expect(r.code).toBe(0);
    const bytes = await received;
    expect(bytes.length).toBe(300000);
    expect(statSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(scratch).filter((n) => n.includes('myfifo'))).toEqual(['myfifo']);
  });

  it('-o >(cat), a process substitution (/dev/fd/N on a pipe): the bytes reach the command', async () => {
    const result = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const script = `exec "$0" "$1" run demo echo -e 'through a pipe' -o >(cat) --quiet`;
      const child = spawn('bash', ['-c', script, process.execPath, BIN], { env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('close', (code) => resolve({ code, out, err }));
    });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toBe('through a pipe');
  });

  it('/dev/full as -o: exit 6 naming the file and the request ID', async () => {
    const r = await runCli(['run', 'demo', 'echo', '-e', 'x', '-o', '/dev/full', '--quiet'], { env });
    expect(r.code).toBe(6);
    expectOneCleanError(r, /^fcinvoke: cannot write the output file \/dev\/full: no space left on device \(ENOSPC\); the function ran \(request ID [0-9a-f-]{36}\) but its result was lost$/);
  });

  it('a missing folder keeps its clear message, exit 2, nothing sent', async () => {
    const before = emulator.logs.length;
    const r = await runCli(['run', 'demo', 'echo', '-e', 'x', '-o', join(scratch, 'no', 'such', 'out')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the output file .*: its folder does not exist/);
    expect(emulator.logs.length).toBe(before);
  });
});

describe('a full disk (a 1 MiB tmpfs; root only)', () => {
  const disk = mountTinyTmpfs(1024);
  afterAll(() => disk?.remove());

  it.runIf(disk !== null)('-o: exit 6 (not 2), request ID named, no file left', async () => {
    const target = join(disk?.dir ?? '', 'r.bin');
    const r = await runCli(['run', 'demo', 'big', '-e', '3000000', '-o', target, '--quiet'], { env });
    expect(r.code).toBe(6);
    expectOneCleanError(r, /cannot write the output file .*r\.bin: no space left on device \(ENOSPC\); the function ran \(request ID [0-9a-f-]{36}\) but its result was lost/);
    expect(readdirSync(disk?.dir ?? '')).toEqual([]);
  });

  it.runIf(disk !== null)('-o with --json: ok false, error OutputLost with the request ID, exit 6, no short file', async () => {
    const target = join(disk?.dir ?? '', 'r.bin');
    const r = await runCli(['run', 'demo', 'big', '-e', '3000000', '-o', target, '--json', '--quiet'], { env });
    expect(r.code).toBe(6);
    const doc = JSON.parse(r.out) as { ok: boolean; requestId: string; error: { code: string; message: string } };
    expect(doc.ok).toBe(false);
    expect(doc.error.code).toBe('OutputLost');
    expect(doc.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc.error.message).toContain(doc.requestId);
    expect(readdirSync(disk?.dir ?? '')).toEqual([]);
  });

  it.runIf(disk !== null)('--summary-json on a disk already full: exit 6, no empty summary', async () => {
    const filler = join(disk?.dir ?? '', 'filler');
    // dd stops (and fails) when the disk is full, which is the point.
    spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1k'], { stdio: 'ignore' });
    expect(statSync(filler).size).toBeGreaterThan(900 * 1024);
    const batch = join(scratch, 'one.ndjson');
    writeFileSync(batch, '{"a":1}\n');
    const summary = join(disk?.dir ?? '', 's.json');
    const r = await runCli(['run', 'demo', 'echo', '--batch', batch, '--summary-json', summary, '--quiet'], { env });
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/cannot write the output file .*s\.json: no space left on device \(ENOSPC\); the batch ran \(1 event finished\) but its --summary-json was lost$/m);
    expect(existsSync(summary)).toBe(false);
  });
});

describe('SIGHUP (terminal closed, ssh dropped)', () => {
  it('while waiting with -o: exit 129, no temp file left', async () => {
    const server = await startTestServer(() => {
      /* never answers */
    });
    try {
      const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-hup-'));
      const r = await runCli(['run', 'svc', 'fn', '-e', 'x', '-o', join(dir, 'hup.out')], {
        env: { ...env, FCINVOKE_ENDPOINT: server.url },
        onSpawn: (child) => {
          setTimeout(() => child.kill('SIGHUP'), 700);
        },
      });
      expect(r.code).toBe(129);
      expect(r.stderr).toContain('interrupted by SIGHUP');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it('while standard input is being spooled: exit 129, the spooled copy removed', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'fcinvoke-hup-tmp-'));
    const r = await runCli(['run', 'demo', 'echo', '-d', '-'], {
      env: { ...env, TMPDIR: temp },
      holdStdin: true,
      onSpawn: (child) => {
        // Over the 1 MiB kept in memory, so it spills to TMPDIR; stdin stays open.
        child.stdin?.write(Buffer.alloc(2 * 1024 * 1024, 1));
        const poll = setInterval(() => {
          if (readdirSync(temp).length > 0) {
            clearInterval(poll);
            child.kill('SIGHUP');
          }
        }, 50);
      },
    });
    expect(r.code).toBe(129);
    expect(r.stderr).toContain('interrupted by SIGHUP');
    expect(readdirSync(temp)).toEqual([]);
  });
});
