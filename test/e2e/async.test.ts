// Stateful async invocations end to end: the built CLI against the emulator, for run
// --async (and --wait), status, stop and list, with every exit code they can give.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { emulatorEnv, invokePath, signedRequest, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const env = () => ({
  ...emulatorEnv(emulator),
});
const cli = (args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<CliResult> => runCli(args, { env: env(), ...options });

/** Access-log lines of requests whose path contains `fragment`. */
const requestsTo = (fragment: string): string[] => emulator.logs.filter((line) => line.includes(fragment) && !line.includes(' async '));

/** Accepts an async invocation directly (fast set-up for status/list tests). */
async function accept(fn: string, id: string, event = ''): Promise<void> {
  const response = await signedRequest(emulator.url, {
    path: invokePath('demo', fn),
    body: event,
    headers: { 'X-Fc-Invocation-Type': 'Async', 'X-Fc-Stateful-Async-Invocation-Id': id },
  });
  expect(response.status).toBe(202);
}

async function statusJson(fn: string, id: string): Promise<Record<string, unknown>> {
  const r = await cli(['status', 'demo', fn, id, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>;
}

describe.concurrent('run --async', () => {
  it('is accepted: request and invocation IDs on stderr, stdout empty, exit 0; --json names both', async () => {
    const r = await cli(['run', 'demo', 'hello', '--async-id', 'e2e_accept_1']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/accepted.*asynchronous invocation/);
    expect(r.stderr).toMatch(/request ID: [0-9a-f-]{36}/);
    expect(r.stderr).toContain('async invocation ID: e2e_accept_1');

    const j = await cli(['run', 'demo', 'hello', '--async', '--json']);
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.out);
    expect(doc).toMatchObject({ ok: true, status: 202, invocationType: 'Async', asyncInvocationId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/) });
    expect(doc.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(doc).not.toHaveProperty('invocation');
  });

  it('checks the 128 KiB async limit before sending (exit 2); --max-event-size lets a bigger event go out', async () => {
    const big = 'x'.repeat(128 * 1024 + 1);
    const r = await cli(['run', 'demo', 'echo', '--async-id', 'e2e_too_big', '-d', '-'], { input: big });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/131,072 bytes/);
    expect((await cli(['status', 'demo', 'echo', 'e2e_too_big'])).code).toBe(4);

    // The emulator keeps the standard limit, so the override shows up as its refusal: the event was sent.
    const raised = await cli(['run', 'demo', 'echo', '--async', '-d', '-', '--max-event-size', '200000'], { input: big });
    expect(raised.code).toBe(4);
    expect(raised.stderr).toContain('EntityTooLarge');
  });

  it('refuses an invalid --async-id before sending (exit 2) and reports a duplicate with the service message (exit 4)', async () => {
    const invalid = await cli(['run', 'demo', 'hello', '--async-id', '9-lives']);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('invalid async invocation ID "9-lives"');
    expect(requestsTo('9-lives')).toEqual([]);

    expect((await cli(['run', 'demo', 'hello', '--async-id', 'e2e_dup'])).code).toBe(0);
    const dup = await cli(['run', 'demo', 'hello', '--async-id', 'e2e_dup']);
    expect(dup.code).toBe(4);
    expect(dup.stderr).toContain("StatefulAsyncInvocationAlreadyExists (HTTP 409");
    expect(dup.stderr).toContain("stateful async invocation 'e2e_dup' already exists");
  });

  it('--wait without --async is a usage error', async () => {
    const r = await cli(['run', 'demo', 'hello', '--wait']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--wait goes with --async');
  });
});

describe.concurrent('run --async --wait', () => {
  it('waits for a succeeding function: its result on stdout, status changes on stderr, exit 0', async () => {
    const r = await cli(['run', 'demo', 'sleep', '-e', '700', '--async-id', 'e2e_wait_ok', '--wait']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('slept 700 ms');
    expect(r.stderr).toContain('e2e_wait_ok: Running');
    expect(r.stderr).toMatch(/e2e_wait_ok Succeeded in \d/);
    // Polled more than once, with a growing delay.
    expect(requestsTo('/stateful-async-invocations/e2e_wait_ok').length).toBeGreaterThan(1);
  });

  it('waits for a failing function: exit 1, the error on stderr, nothing on stdout', async () => {
    const r = await cli(['run', 'demo', 'fail', '--async', '--wait']);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/Failed after .*: Error: demo\/fail: this function always fails/);
  });

  it('--json prints one document: the run document and the final invocation', async () => {
    const ok = await cli(['run', 'demo', 'echo', '-e', 'payload!', '--async', '--wait', '--json']);
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.out);
    expect(doc).toMatchObject({ ok: true, status: 202, invocationType: 'Async' });
    expect(doc.invocation).toMatchObject({ invocationId: doc.asyncInvocationId, status: 'Succeeded', returnPayload: 'payload!' });

    const failed = await cli(['run', 'demo', 'fail', '--async-id', 'e2e_wait_json_fail', '--wait', '--json']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.out)).toMatchObject({ ok: false, asyncInvocationId: 'e2e_wait_json_fail', invocation: { status: 'Failed' } });
  });

  it('-o writes the result to the file only when the invocation succeeded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-async-'));
    const ok = await cli(['run', 'demo', 'echo', '-e', 'to a file', '--async', '--wait', '-o', join(dir, 'ok.txt')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.length).toBe(0);
    expect(readFileSync(join(dir, 'ok.txt'), 'utf8')).toBe('to a file');
    const failed = await cli(['run', 'demo', 'fail', '--async', '--wait', '-o', join(dir, 'failed.txt')]);
    expect(failed.code).toBe(1);
    expect(readdirSync(dir)).toEqual(['ok.txt']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--timeout ends the wait, not the invocation: exit 5 and how to check on it', async () => {
    // A loaded machine may still be starting the instance when the timeout hits: any live status will do.
    const r = await cli(['run', 'demo', 'sleep', '-e', '6000', '--async-id', 'e2e_wait_timeout', '--wait', '--timeout', '1.5', '--json']);
    expect(r.code).toBe(5);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ ok: false, asyncInvocationId: 'e2e_wait_timeout', error: { code: 'Timeout' }, invocation: null });
    expect(r.stderr).toMatch(
      /still (Running|Enqueued|Dequeued) after --timeout 1\.5 s; it goes on\. Check it with: fcinvoke status demo sleep e2e_wait_timeout/,
    );
    expect(['Running', 'Enqueued', 'Dequeued']).toContain((await statusJson('sleep', 'e2e_wait_timeout')).status);
  });

  it('Ctrl-C stops waiting (exit 130), leaves the invocation running and says how to check on it; stop then ends it', async () => {
    const id = 'e2e_ctrl_c';
    const r = await cli(['run', 'demo', 'sleep', '-e', '8000', '--async-id', id, '--wait'], {
      onSpawn: (child) => {
        child.stderr?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes(`${id}: Running`)) child.kill('SIGINT');
        });
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`stopped waiting; the invocation goes on. Check it with: fcinvoke status demo sleep ${id}`);
    expect(r.stderr).toContain('interrupted by SIGINT');
    expect((await statusJson('sleep', id)).status).toBe('Running');

    const stop = await cli(['stop', 'demo', 'sleep', id]);
    expect(stop.code).toBe(0);
    expect(stop.stdout.length).toBe(0);
    expect(stop.stderr).toContain(`stop accepted for ${id}`);
    const stopped = await statusJson('sleep', id);
    expect(stopped.status).toBe('Stopped');

    const again = await cli(['stop', 'demo', 'sleep', id]);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain(`InvalidArgument (HTTP 400`);
    expect(again.stderr).toContain(`invocation '${id}' has already finished (Stopped)`);
  });
});

describe.concurrent('status', () => {
  it('shows status, times, duration, retries, the result and the events timeline; --json gives the service object', async () => {
    await accept('echo', 'e2e_status_1', 'hi there');
    const done = await cli(['status', 'demo', 'echo', 'e2e_status_1', '--wait', '--quiet']);
    expect(done.code).toBe(0);
    expect(done.out).toBe('hi there');
    expect(done.stderr).toBe('');

    const r = await cli(['status', 'demo', 'echo', 'e2e_status_1']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^invocation ID +e2e_status_1$/m);
    expect(r.out).toMatch(/^status +Succeeded$/m);
    expect(r.out).toMatch(/^function +demo\/echo \(LATEST\)$/m);
    expect(r.out).toMatch(/^started +\d{4}-\d\d-\d\dT/m);
    expect(r.out).toMatch(/^ended +\d{4}-/m);
    expect(r.out).toMatch(/^duration +\d+ ms$/m);
    expect(r.out).toMatch(/^retries +0$/m);
    expect(r.out).toMatch(/^result +hi there$/m);
    expect(r.out).toMatch(/^events\n {2}\S+ +\+0 ms {2}Enqueued\n.*Dequeued\n.*Running\n.*Succeeded\n$/m);

    const json = await statusJson('echo', 'e2e_status_1');
    expect(json).toMatchObject({ invocationId: 'e2e_status_1', status: 'Succeeded', returnPayload: 'hi there', invocationPayload: 'hi there' });
  });

  it('shows the error of a failed invocation; --wait on it exits 1', async () => {
    await accept('fail', 'e2e_status_fail');
    const waited = await cli(['status', 'demo', 'fail', 'e2e_status_fail', '--wait']);
    expect(waited.code).toBe(1);
    expect(waited.stderr).toContain('e2e_status_fail Failed');
    const r = await cli(['status', 'demo.prod', 'fail', 'e2e_status_fail']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^error +Error: demo\/fail: this function always fails$/m);
    expect(r.out).toMatch(/Failed {2}HandledInvocationError$/m);
  });

  it('an unknown ID is the service error (exit 4); an invalid one is refused before sending (exit 2)', async () => {
    const unknown = await cli(['status', 'demo', 'echo', 'e2e_never_made']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toContain("StatefulAsyncInvocationNotFound (HTTP 404");
    const invalid = await cli(['status', 'demo', 'echo', 'bad id']);
    expect(invalid.code).toBe(2);
    const conflict = await cli(['status', 'demo.prod', 'echo', 'x', '-q', '1']);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain('qualifier given twice');
  });

  it('stop of an unknown function or ID is an API error', async () => {
    const r = await cli(['stop', 'demo', 'nosuchfn', 'abc']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('FunctionNotFound');
  });
});

describe('list', () => {
  beforeAll(async () => {
    // 105 invocations: more than one page of the service's largest (100).
    const ids = Array.from({ length: 105 }, (_, i) => `bulk_${String(i).padStart(3, '0')}`);
    for (const id of ids) await accept('echo', id, id);
    await accept('fail', 'lf_fail_1');
    await accept('fail', 'lf_fail_2');
    await accept('json', 'lf_ok_1');
  });

  it('follows nextToken across pages up to --limit: NDJSON with --json', async () => {
    const before = requestsTo('/functions/echo/stateful-async-invocations 200').length;
    const r = await cli(['list', 'demo', 'echo', '--prefix', 'bulk_', '--limit', '150', '--json']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n').map((line) => JSON.parse(line) as { invocationId: string });
    expect(lines).toHaveLength(105);
    expect(new Set(lines.map((l) => l.invocationId)).size).toBe(105);
    expect(requestsTo('/functions/echo/stateful-async-invocations 200').length - before).toBe(2);

    const limited = await cli(['list', 'demo', 'echo', '--prefix', 'bulk_', '--limit', '7', '--sort', 'asc', '--json']);
    expect(limited.code).toBe(0);
    const ids = limited.out.trimEnd().split('\n').map((line) => (JSON.parse(line) as { invocationId: string }).invocationId);
    expect(ids).toHaveLength(7);
    expect(ids[0]).toBe('bulk_000');
    expect(limited.stderr).toContain('showing the first 7; there are more');
  });

  it('filters by status, prefix and time, and prints a table', async () => {
    const failed = await cli(['list', 'demo', 'fail', '--status', 'failed', '--prefix', 'lf_', '--since', '1h', '--until', '2099-01-01']);
    expect(failed.code).toBe(0);
    const rows = failed.out.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^INVOCATION ID +STATUS +STARTED +DURATION +ERROR$/);
    expect(rows.slice(1).map((row) => row.split(/ +/)[0]).sort()).toEqual(['lf_fail_1', 'lf_fail_2']);
    expect(rows[1]).toContain('Error: demo/fail: this function always fails');

    const future = await cli(['list', 'demo', 'fail', '--since', '2099-01-01T00:00Z']);
    expect(future.code).toBe(0);
    expect(future.out).toBe('');
    expect(future.stderr).toContain('no stateful async invocations match');

    const none = await cli(['list', 'demo', 'json', '--status', 'Failed', '--json']);
    expect(none.code).toBe(0);
    expect(none.out).toBe('');
  });

  it('refuses bad filters before sending (exit 2)', async () => {
    for (const args of [['--status', 'Done'], ['--since', 'yesterday'], ['--sort', 'up'], ['--limit', '0'], ['--since', '1h', '--until', '2h']]) {
      const r = await cli(['list', 'demo', 'echo', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
    }
  });
});

describe('help', () => {
  it('shows examples for each command', async () => {
    for (const command of ['status', 'stop', 'list']) {
      const r = await cli([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`$ fcinvoke ${command} my-service my-function`);
    }
    const run = await cli(['run', '--help']);
    expect(run.out).toContain('--wait');
  });
});

describe('IDs the service generates (D08)', () => {
  it('status and stop take a generated UUID that starts with a digit; only --async-id keeps the naming rule', async () => {
    // The emulator generates plain UUIDs as FC does; take one that starts with a digit.
    let id = '';
    for (let i = 0; i < 40 && !/^\d/.test(id); i++) {
      const r = await cli(['run', 'demo', 'sleep', '-e', '3000', '--async', '--json']);
      expect(r.code).toBe(0);
      id = (JSON.parse(r.out) as { asyncInvocationId: string }).asyncInvocationId;
    }
    expect(id).toMatch(/^\d[0-9a-f]{7}-[0-9a-f]{4}-/);
    const status = await cli(['status', 'demo', 'sleep', id, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ invocationId: id });
    const stop = await cli(['stop', 'demo', 'sleep', id]);
    expect(stop.code).toBe(0);
    expect(stop.stderr).toContain(`stop accepted for ${id}`);

    const unknown = await cli(['status', 'demo', 'sleep', '5a2df57f-bfd8-4b0e-9d1c-1c2f0a6b7e33']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).not.toContain('invalid');

    const unsafe = await cli(['status', 'demo', 'sleep', '../admin']);
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toContain('invalid invocation ID "../admin": it goes into the request path');
    expect(requestsTo('admin')).toEqual([]);

    const chosen = await cli(['run', 'demo', 'hello', '--async-id', id]);
    expect(chosen.code).toBe(2);
    expect(chosen.stderr).toContain(`invalid async invocation ID "${id}"`);
  }, 60_000);
});
