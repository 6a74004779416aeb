// `run --batch` / `--repeat` end to end: the built CLI against the emulator (ordering under
// random latencies, counts, error lines, resume, Ctrl-C, async fan-out with --wait) and
// against a throwaway server (API and transport errors, throttling, a large input).
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ACCOUNT_ID } from '../../src/emulator/defaults.js';
import { runCli, type CliOptions, type CliResult } from '../helpers/cli.js';
import { AK_KEY, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

let emulator: TestEmulator;
const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-batch-e2e-'));
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const creds = (endpoint: string) => ({
  ALIBABA_CLOUD_ACCESS_KEY_ID: AK_KEY.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK_KEY.accessKeySecret,
  ALIBABA_CLOUD_ACCOUNT_ID: EMULATOR_ACCOUNT_ID,
  FCINVOKE_ENDPOINT: endpoint,
});
const cli = (args: string[], options: CliOptions = {}): Promise<CliResult> => runCli(args, { env: creds(emulator.url), ...options });

interface Line {
  line: number;
  ok: boolean;
  status: number | null;
  body: string | null;
  functionError: string | null;
  asyncInvocationId: string | null;
  error: { code: string; message: string; status: number | null } | null;
  attempts: number;
  invocation?: { invocationId: string; status: string } | null;
}

function lines(r: CliResult): Line[] {
  return r.out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
}

let files = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `events-${++files}.ndjson`);
  writeFileSync(path, content);
  return path;
}

describe('run --batch against the emulator', () => {
  it('writes one JSON line per event in input order under random latencies; empty lines skipped but counted', async () => {
    // demo/sleep waits as many ms as its event says: random waits finish out of order.
    const events = Array.from({ length: 40 }, () => String(Math.floor(Math.random() * 60)));
    // Blank lines and CRLF breaks in between: line numbers stay physical.
    const text = events.map((e, i) => (i % 7 === 3 ? `${e}\r\n\n` : `${e}\n`)).join('');
    const expectedLines: number[] = [];
    let physical = 1;
    events.forEach((_, i) => {
      expectedLines.push(physical);
      physical += i % 7 === 3 ? 2 : 1;
    });
    const r = await cli(['run', 'demo', 'sleep', '--batch', file(text), '-c', '8']);
    expect(r.stderr).toMatch(/batch: 40 events in [\d.]+ s/);
    expect(r.code).toBe(0);
    const out = lines(r);
    expect(out.map((d) => d.line)).toEqual(expectedLines);
    expect(out.map((d) => d.body)).toEqual(events.map((ms) => `slept ${ms} ms`));
    expect(out.every((d) => d.ok && d.status === 200 && d.attempts === 1)).toBe(true);
    expect(r.stderr).toContain('ok 40 · function errors 0 · API errors 0 · transport errors 0');
    expect(r.stderr).toMatch(/client latency p50 [\d.]+ ms · p90 [\d.]+ ms · p99 [\d.]+ ms · max [\d.]+ ms/);
    expect(r.stderr).toMatch(/FC duration {4}p50 [\d.]+ ms/);
  });

  it('counts exactly, writes error lines for function errors (exit 1) and the summary with --summary-json', async () => {
    const summaryFile = join(dir, 'summary.json');
    // fixtures/async fails (HandledInvocationError) for the event `reject`.
    const r = await cli(['run', 'fixtures', 'async', '--batch', file('a\nreject\nb\nreject\nc\n'), '-c', '3', '--summary-json', summaryFile]);
    expect(r.code).toBe(1);
    const out = lines(r);
    expect(out.map((d) => [d.line, d.ok, d.functionError])).toEqual([
      [1, true, null],
      [2, false, 'HandledInvocationError'],
      [3, true, null],
      [4, false, 'HandledInvocationError'],
      [5, true, null],
    ]);
    expect(JSON.parse(out[1]!.body!)).toMatchObject({ errorMessage: 'rejected on purpose' });
    expect(out[0]!.body).toBe('async:a');
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    expect(summary).toMatchObject({ count: 5, ok: 3, functionErrors: 2, inputErrors: 0, apiErrors: { total: 0 }, transportErrors: { total: 0 }, exitCode: 1, interrupted: false });
    expect(summary.latencyMs.count).toBe(5);
    expect(summary.fcDurationMs.count).toBe(5);
  });

  it('turns a line over the size limit into that line’s error document, without a crash (exit 2 beats 1)', async () => {
    const r = await cli(['run', 'fixtures', 'async', '--batch', file(`short\n${'x'.repeat(50)}\nreject\n`), '--max-event-size', '10']);
    expect(r.code).toBe(2);
    const out = lines(r);
    expect(out.map((d) => [d.line, d.ok, d.error?.code ?? null, d.attempts])).toEqual([
      [1, true, null, 1],
      [2, false, 'EventTooLarge', 0],
      [3, false, null, 1],
    ]);
    expect(out[1]!.error!.message).toContain('line 2 is 50 bytes');
    expect(r.stderr).toContain('input errors 1');
  });

  it('--repeat N sends the one event N times, -c at a time', async () => {
    const r = await cli(['run', 'demo', 'echo', '-e', 'hi', '--repeat', '25', '-c', '5', '--no-logs']);
    expect(r.code).toBe(0);
    const out = lines(r);
    expect(out.map((d) => d.line)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(out.every((d) => d.body === 'hi')).toBe(true);
    expect(r.stderr).toContain('batch: 25 events');
  });

  it('--start-line resumes at a line, counting from the top of the file', async () => {
    const r = await cli(['run', 'demo', 'echo', '--batch', file('a\nb\n\nd\ne\n'), '--start-line', '3']);
    expect(r.code).toBe(0);
    expect(lines(r).map((d) => [d.line, d.body])).toEqual([
      [4, 'd'],
      [5, 'e'],
    ]);
  });

  it('reads the events from standard input with --batch -', async () => {
    const r = await cli(['run', 'demo', 'echo', '--batch', '-', '-c', '2'], { input: 'x\ny\n' });
    expect(r.code).toBe(0);
    expect(lines(r).map((d) => d.body)).toEqual(['x', 'y']);
  });

  it('Ctrl-C stops sending, lets in-flight invocations finish, prints the summary and the line to resume from', async () => {
    const events = file(Array.from({ length: 30 }, () => '150').join('\n'));
    const summaryFile = join(dir, 'interrupted.json');
    const first = await cli(['run', 'demo', 'sleep', '--batch', events, '-c', '3', '--summary-json', summaryFile], {
      onSpawn: (child) => setTimeout(() => child.kill('SIGINT'), 900),
    });
    expect(first.code).toBe(130);
    const match = /resume with --start-line (\d+)/.exec(first.stderr);
    expect(match, first.stderr).not.toBeNull();
    const resume = Number(match![1]);
    expect(resume).toBeGreaterThan(1);
    expect(resume).toBeLessThan(30);
    const done = lines(first).map((d) => d.line);
    // Every invocation in flight finished within the grace period: nothing lost, nothing twice.
    expect(done).toEqual(Array.from({ length: resume - 1 }, (_, i) => i + 1));
    expect(JSON.parse(readFileSync(summaryFile, 'utf8'))).toMatchObject({ interrupted: true, resumeLine: resume, count: resume - 1, exitCode: 130 });

    const second = await cli(['run', 'demo', 'sleep', '--batch', events, '-c', '8', '--start-line', String(resume)]);
    expect(second.code).toBe(0);
    expect([...done, ...lines(second).map((d) => d.line)]).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('--async with --wait fans out, waits for all with one list poll by prefix, and writes each line with its final status', async () => {
    const prefix = `e2e_${randomBytes(4).toString('hex')}`;
    const r = await cli(['run', 'fixtures', 'async', '--batch', file('a\nreject\nb\n'), '--async-id-prefix', prefix, '--wait', '-c', '3']);
    expect(r.code).toBe(1);
    const out = lines(r);
    expect(out.map((d) => [d.line, d.status, d.asyncInvocationId, d.ok, d.invocation?.status])).toEqual([
      [1, 202, `${prefix}-1`, true, 'Succeeded'],
      [2, 202, `${prefix}-2`, false, 'Failed'],
      [3, 202, `${prefix}-3`, true, 'Succeeded'],
    ]);
    const polls = emulator.logs.filter((l) => l.includes('GET ') && l.includes('/stateful-async-invocations'));
    expect(polls.length).toBeGreaterThan(0);
    // Listed by prefix, never one GetStatefulAsyncInvocation per ID.
    expect(polls.filter((l) => l.includes(`/stateful-async-invocations/${prefix}`))).toEqual([]);
    expect(r.stderr).toContain('ok 2 · function errors 1');
  });

  it('--wait shares one --timeout budget: lines still running then get Timeout (exit 5); the invocations go on', async () => {
    const prefix = `e2e_${randomBytes(4).toString('hex')}`;
    const r = await cli(['run', 'demo', 'sleep', '--batch', file('10\n3000\n'), '--async-id-prefix', prefix, '--wait', '--timeout', '1']);
    expect(r.code).toBe(5);
    const out = lines(r);
    expect(out.map((d) => [d.line, d.ok, d.error?.code ?? null, d.invocation?.status ?? null])).toEqual([
      [1, true, null, 'Succeeded'],
      [2, false, 'Timeout', null],
    ]);
    expect(out[1]!.error!.message).toContain(`fcinvoke list demo sleep --prefix ${prefix}-`);
  });

  it('--async without --wait writes the accepted lines (exit 0)', async () => {
    const r = await cli(['run', 'demo', 'echo', '--async', '--repeat', '3']);
    expect(r.code).toBe(0);
    expect(lines(r).map((d) => [d.line, d.status, d.ok])).toEqual([
      [1, 202, true],
      [2, 202, true],
      [3, 202, true],
    ]);
  });

  it('refuses batch flags that do not fit (exit 2)', async () => {
    const r = await cli(['run', 'demo', 'echo', '--batch', file('a\n'), '-o', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-o/--output does not combine with --batch');
    const missing = await cli(['run', 'demo', 'echo', '--batch', join(dir, 'nope.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('batch file not found');
    const single = await cli(['run', 'demo', 'echo', '-c', '4']);
    expect(single.code).toBe(2);
  });
});

describe('run --batch against a throwaway server', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function answer(res: import('node:http').ServerResponse, body: Buffer): void {
    const text = body.toString('utf8');
    if (text === 'api') {
      res.writeHead(404, { 'content-type': 'application/json', 'x-fc-request-id': 'req-api' });
      res.end(JSON.stringify({ ErrorCode: 'FunctionNotFound', ErrorMessage: 'no such function' }));
    } else if (text === 'reset') {
      res.socket?.destroy();
    } else {
      res.writeHead(200, { 'x-fc-request-id': 'req-ok', 'x-fc-invocation-duration': '3' });
      res.end(body);
    }
  }

  it('exits with the code of the worst class: API error 4, transport error 5, each as its line’s document', async () => {
    server = await startTestServer((_req, res, body) => answer(res, body));
    const env = creds(server.url);
    const api = await runCli(['run', 's', 'f', '--batch', file('ok\napi\nok\n')], { env });
    expect(api.code).toBe(4);
    expect(lines(api).map((d) => [d.line, d.ok, d.error?.code ?? null, d.error?.status ?? null])).toEqual([
      [1, true, null, null],
      [2, false, 'FunctionNotFound', 404],
      [3, true, null, null],
    ]);
    const transport = await runCli(['run', 's', 'f', '--batch', file('ok\napi\nreset\n'), '--retries', '0'], { env });
    expect(transport.code).toBe(5);
    const out = lines(transport);
    expect(out[2]).toMatchObject({ line: 3, ok: false, status: null, error: { code: 'ConnectionReset', status: null } });
    expect(out[2]!.error!.message).toContain('the function may have run');
    expect(transport.stderr).toContain('API errors 1 (FunctionNotFound 1) · transport errors 1 (ConnectionReset 1)');
  });

  it('slows the whole batch down when throttled, retrying the refused events', async () => {
    let throttledUntil = 0;
    server = await startTestServer((_req, res, body, index) => {
      if (index === 3) throttledUntil = Date.now() + 150;
      if (Date.now() < throttledUntil) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ ErrorCode: 'ResourceExhausted', ErrorMessage: 'slow down' }));
        return;
      }
      answer(res, body);
    });
    const r = await runCli(['run', 's', 'f', '--batch', file(Array.from({ length: 40 }, (_, i) => `e${i}`).join('\n')), '-c', '8', '--retries', '6', '--summary-json', join(dir, 'throttled.json')], {
      env: creds(server.url),
    });
    expect(r.code).toBe(0);
    expect(lines(r)).toHaveLength(40);
    const summary = JSON.parse(readFileSync(join(dir, 'throttled.json'), 'utf8'));
    expect(summary.ok).toBe(40);
    expect(summary.throttled).toBeGreaterThan(0);
    expect(summary.retries).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/retries \d+ · throttled \d+×/);
  });

  it('reads a large generated input lazily: peak memory is the same for 3 thousand lines as for a million', async () => {
    server = await startTestServer((_req, res, body) => answer(res, body));
    const sent = 3000;
    const write = (path: string, total: number) =>
      new Promise<void>((resolve, reject) => {
        const out = createWriteStream(path);
        const block: string[] = [];
        for (let i = 1; i <= total; i++) {
          block.push(`{"id":${i},"pad":"${'x'.repeat(40)}"}`);
          if (block.length === 10_000 || i === total) {
            out.write(`${block.join('\n')}\n`);
            block.length = 0;
          }
        }
        out.end(() => resolve());
        out.on('error', reject);
      });
    const measure = async (path: string, total: number) => {
      let peakKiB = 0;
      let timer: NodeJS.Timeout | undefined;
      const r = await runCli(['run', 's', 'f', '--batch', path, '-c', '32', '--start-line', String(total - sent + 1), '--no-logs'], {
        env: creds(server!.url),
        onSpawn: (child) => {
          timer = setInterval(() => {
            try {
              const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
              if (match) peakKiB = Math.max(peakKiB, Number(match[1]));
            } catch {
              // the process has ended
            }
          }, 5);
        },
      });
      clearInterval(timer);
      expect(r.code).toBe(0);
      const out = lines(r);
      expect(out).toHaveLength(sent);
      expect(out[0]!.line).toBe(total - sent + 1);
      expect(out.at(-1)!.line).toBe(total);
      return peakKiB / 1024;
    };
    const small = join(dir, 'small.ndjson');
    const big = join(dir, 'big.ndjson');
    await write(small, sent);
    await write(big, 1_000_000);
    const smallPeak = await measure(small, sent);
    // The 63 MB file is read through, 64 KiB at a time, to reach its last lines.
    const bigPeak = await measure(big, 1_000_000);
    if (existsSync('/proc/self/status')) expect(Math.abs(bigPeak - smallPeak), `${smallPeak} MiB vs ${bigPeak} MiB`).toBeLessThan(16);
  });
});
