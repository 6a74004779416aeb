// `run <function> --batch` / `--repeat` over FC 3.0 end to end: ordered lines, each line's
// body signed by its own SHA-256, resume, async tasks by prefix with --wait (one list poll,
// never one get per task), and throttling from a throwaway server.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliOptions, type CliResult } from '../helpers/cli.js';
import { AK_KEY, emulatorEnv, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

let emulator: TestEmulator;
const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-batch3-e2e-'));
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], options: CliOptions = {}): Promise<CliResult> => runCli(args, { env: emulatorEnv(emulator), ...options });

interface Line {
  line: number;
  ok: boolean;
  status: number | null;
  body: string | null;
  asyncInvocationId: string | null;
  error: { code: string; message: string; status: number | null } | null;
  apiVersion: string;
  invocation?: { taskId: string; status: string } | null;
}

const lines = (r: CliResult): Line[] =>
  r.out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);

let files = 0;
function file(content: string): string {
  const path = join(dir, `events-${++files}.ndjson`);
  writeFileSync(path, content);
  return path;
}

describe('run <function> --batch against the emulator', () => {
  it('one JSON line per event in input order, each with apiVersion last; function errors exit 1', async () => {
    const events = Array.from({ length: 30 }, (_, i) => JSON.stringify({ i, pad: randomBytes(i).toString('hex') }));
    const r = await cli(['run', 'echo', '--batch', file(`${events.join('\n')}\n`), '-c', '8', '--no-logs']);
    expect(r.code).toBe(0);
    const out = lines(r);
    expect(out.map((d) => d.line)).toEqual(events.map((_, i) => i + 1));
    expect(out.map((d) => d.body)).toEqual(events);
    expect(out.every((d) => d.ok && d.apiVersion === '2023-03-30')).toBe(true);
    const first = r.out.split('\n')[0]!;
    expect(Object.keys(JSON.parse(first))[0]).toBe('line');
    expect(Object.keys(JSON.parse(first)).at(-1)).toBe('apiVersion');
    const failing = await cli(['run', 'fail', '--batch', file('a\nb\n')]);
    expect(failing.code).toBe(1);
    expect(lines(failing).map((d) => [d.line, d.ok])).toEqual([
      [1, false],
      [2, false],
    ]);
  });

  it('--repeat sends the one event N times, and --start-line resumes; migrated names too', async () => {
    const repeat = await cli(['run', 'demo$echo', '-e', 'again', '--repeat', '12', '-c', '4', '--quiet']);
    expect(repeat.code).toBe(0);
    expect(lines(repeat).map((d) => d.body)).toEqual(Array(12).fill('again'));
    const resumed = await cli(['run', 'echo', '--batch', file('one\ntwo\nthree\nfour\n'), '--start-line', '3']);
    expect(lines(resumed).map((d) => [d.line, d.body])).toEqual([
      [3, 'three'],
      [4, 'four'],
    ]);
  });

  it('a line over the limit is that line’s error document, with apiVersion (exit 2)', async () => {
    const r = await cli(['run', 'echo', '--batch', file(`small\n${'x'.repeat(200)}\n`), '--max-event-size', '100']);
    expect(r.code).toBe(2);
    expect(lines(r)[1]).toMatchObject({ line: 2, ok: false, error: { code: 'EventTooLarge' }, apiVersion: '2023-03-30' });
  });

  it('--async-id-prefix with --wait: tasks <prefix>-<line>, one ListAsyncTasks poll by prefix, each line with its AsyncTask', async () => {
    const prefix = `b3_${randomBytes(4).toString('hex')}`;
    const r = await cli(['run', 'echo', '--batch', file('a\nb\nc\n'), '--async-id-prefix', prefix, '--wait', '-c', '3']);
    expect(r.code).toBe(0);
    expect(lines(r).map((d) => [d.line, d.status, d.asyncInvocationId, d.ok, d.invocation?.taskId, d.invocation?.status])).toEqual([
      [1, 202, `${prefix}-1`, true, `${prefix}-1`, 'Succeeded'],
      [2, 202, `${prefix}-2`, true, `${prefix}-2`, 'Succeeded'],
      [3, 202, `${prefix}-3`, true, `${prefix}-3`, 'Succeeded'],
    ]);
    const polls = emulator.logs.filter((l) => l.includes('GET /2023-03-30/functions/echo/async-tasks'));
    expect(polls.length).toBeGreaterThan(0);
    expect(polls.filter((l) => l.includes(`/async-tasks/${prefix}`))).toEqual([]);
    const listed = await cli(['list', 'echo', '--prefix', `${prefix}-`, '--json']);
    expect(listed.out.trimEnd().split('\n')).toHaveLength(3);
  });

  it('--async without --wait writes the accepted lines, with the generated task IDs', async () => {
    const r = await cli(['run', 'hello', '--async', '--repeat', '3']);
    expect(r.code).toBe(0);
    const out = lines(r);
    expect(out.map((d) => [d.line, d.status, d.ok])).toEqual([
      [1, 202, true],
      [2, 202, true],
      [3, 202, true],
    ]);
    expect(new Set(out.map((d) => d.asyncInvocationId)).size).toBe(3);
  });
});

describe('run <function> --batch against a throwaway server', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('signs each line by its own SHA-256 and retries throttled lines with a new nonce', async () => {
    let refused = 0;
    server = await startTestServer((_req, res, body) => {
      if (body.toString() === 'e3' && refused++ === 0) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end('{"Code":"ThrottlingException","Message":"slow down"}');
        return;
      }
      res.writeHead(200, { 'x-fc-request-id': '1-aaaaaaaa-bbbbbbbb-cccccccccccc' });
      res.end(body);
    });
    const events = Array.from({ length: 8 }, (_, i) => `e${i}`);
    const summaryFile = join(dir, 'summary.json');
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: AK_KEY.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: AK_KEY.accessKeySecret, FCINVOKE_ENDPOINT: server.url };
    const r = await runCli(['run', 'fn', '--batch', file(events.join('\n')), '-c', '4', '--summary-json', summaryFile], { env });
    expect(r.code).toBe(0);
    expect(lines(r).map((d) => d.body)).toEqual(events);
    for (const request of server.requests) {
      expect(request.headers['x-acs-content-sha256']).toBe(createHash('sha256').update(request.body).digest('hex'));
      expect(request.url).toBe('/2023-03-30/functions/fn/invocations');
    }
    const nonces = server.requests.map((request) => request.headers['x-acs-signature-nonce']);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(server.requests.filter((request) => request.body.toString() === 'e3')).toHaveLength(2);
    expect(JSON.parse(readFileSync(summaryFile, 'utf8'))).toMatchObject({ ok: 8, throttled: 1 });
  });
});
