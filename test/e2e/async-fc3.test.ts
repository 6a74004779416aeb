// FC 3.0 async tasks end to end: the built CLI against the emulator, for run --async (and
// --async-id, --wait), status, stop and list <function>, in FC 3.0's words, with the exit
// codes they can give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { emulatorEnv, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { FC3_REQUEST_ID, fc3Path, signedFc3Request } from '../helpers/emulator3.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const cli = (args: string[], options: Parameters<typeof runCli>[1] = {}): Promise<CliResult> => runCli(args, { env: emulatorEnv(emulator), ...options });

/** Starts an async task directly (fast set-up for status and list). */
async function startTask(fn: string, id: string, event = ''): Promise<void> {
  const response = await signedFc3Request(emulator.url, { path: fc3Path(fn), body: event, headers: { 'x-fc-invocation-type': 'Async', 'x-fc-async-task-id': id } });
  expect(response.status).toBe(202);
}

async function statusJson(fn: string, id: string): Promise<Record<string, unknown>> {
  const r = await cli(['status', fn, id, '--json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as Record<string, unknown>;
}

describe.concurrent('run <function> --async', () => {
  it('--async-id sends the task ID: accepted, its IDs on stderr in FC 3.0 words; --json names both', async () => {
    const r = await cli(['run', 'hello', '--async-id', 'e2e3_accept_1']);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toContain('accepted asynchronous task\n');
    expect(r.stderr).toMatch(/^request ID: 1-[0-9a-f-]+ · version: LATEST · async task ID: e2e3_accept_1$/m);
    expect((await statusJson('hello', 'e2e3_accept_1')).taskId).toBe('e2e3_accept_1');
    const json = await cli(['run', 'hello', '--async-id', 'e2e3_accept_2', '--json']);
    const doc = JSON.parse(json.out);
    expect(doc).toMatchObject({ ok: true, status: 202, invocationType: 'Async', asyncInvocationId: 'e2e3_accept_2', apiVersion: '2023-03-30' });
    expect(doc.requestId).toMatch(FC3_REQUEST_ID);
  });

  it('a task ID used before is the service refusing it (exit 4)', async () => {
    await startTask('hello', 'e2e3_taken');
    const r = await cli(['run', 'hello', '--async-id', 'e2e3_taken']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^fcinvoke: AsyncTaskAlreadyExists \(HTTP 409/);
  });

  it('without --async-id the service generates the ID, which status then takes whatever its first character', async () => {
    const r = await cli(['run', 'hello', '--async', '--json']);
    const id = JSON.parse(r.out).asyncInvocationId as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const status = await cli(['status', 'hello', id, '--wait', '--quiet']);
    expect([status.code, status.out]).toEqual([0, 'hello world']);
  });

  it('--wait: the result on stdout, status changes on stderr, exit 0', async () => {
    const r = await cli(['run', 'echo', '-e', 'waited for', '--async-id', 'e2e3_wait_ok', '--wait']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('waited for');
    expect(r.stderr).toMatch(/^e2e3_wait_ok: (Enqueued|Running|Succeeded)$/m);
    expect(r.stderr).toMatch(/^e2e3_wait_ok Succeeded in \d+ ms$/m);
  });

  it('--wait on a failing function: exit 1, the error on stderr; --json has the AsyncTask as invocation, apiVersion last', async () => {
    const r = await cli(['run', 'fail', '--async-id', 'e2e3_wait_fail', '--wait', '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ ok: false, asyncInvocationId: 'e2e3_wait_fail', invocation: { taskId: 'e2e3_wait_fail', status: 'Failed' } });
    expect(Object.keys(doc).slice(-2)).toEqual(['invocation', 'apiVersion']);
    expect(r.stderr).toMatch(/^e2e3_wait_fail Failed/m);
  });

  it('--timeout ends the wait, not the task: exit 5 and how to check on it', async () => {
    const r = await cli(['run', 'sleep', '-e', '4000', '--async-id', 'e2e3_wait_timeout', '--wait', '--timeout', '1']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/task e2e3_wait_timeout is still (Running|Enqueued|Dequeued) after --timeout 1 s; it goes on\. Check it with: fcinvoke status sleep e2e3_wait_timeout/);
  });

  it('Ctrl-C stops waiting (exit 130), says how to check on the task; stop then ends it', async () => {
    const id = 'e2e3_ctrl_c';
    const r = await cli(['run', 'sleep', '-e', '8000', '--async-id', id, '--wait'], {
      onSpawn: (child) => {
        child.stderr?.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes(`${id}: Running`)) child.kill('SIGINT');
        });
      },
    });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain(`stopped waiting; the task goes on. Check it with: fcinvoke status sleep ${id}`);
    const stop = await cli(['stop', 'sleep', id]);
    expect(stop.code).toBe(0);
    expect(stop.stdout.length).toBe(0);
    expect(stop.stderr).toMatch(new RegExp(`^stop accepted for ${id} \\(request ID 1-[0-9a-f-]+\\); see it end with: fcinvoke status sleep ${id}$`, 'm'));
    expect(emulator.logs.some((line) => line.includes(`PUT /2023-03-30/functions/sleep/async-tasks/${id}/stop 200`))).toBe(true);
    expect((await statusJson('sleep', id)).status).toBe('Stopped');
    const again = await cli(['stop', 'sleep', id]);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain(`async task '${id}' has already finished (Stopped)`);
  });
});

describe.concurrent('status <function> <id>', () => {
  it('shows the task readably; --json prints the AsyncTask object as the service sent it', async () => {
    await startTask('echo', 'e2e3_status_1', 'payload');
    expect((await cli(['status', 'echo', 'e2e3_status_1', '--wait', '--quiet'])).out).toBe('payload');
    const r = await cli(['status', 'echo:prod', 'e2e3_status_1']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^task ID +e2e3_status_1$/m);
    expect(r.out).toMatch(/^status +Succeeded$/m);
    expect(r.out).toMatch(/^function +echo \(LATEST\)$/m);
    expect(r.out).toMatch(/^request ID +1-[0-9a-f-]+$/m);
    expect(r.out).toMatch(/^result +payload$/m);
    expect(r.out).toMatch(/^events\n {2}\S+ +\+0 ms {2}Enqueued\n.*Dequeued\n.*Running\n.*Succeeded\n$/m);
    const json = await statusJson('echo', 'e2e3_status_1');
    expect(json).toMatchObject({ taskId: 'e2e3_status_1', status: 'Succeeded', taskPayload: 'payload', returnPayload: 'payload' });
    expect(json.functionArn).toMatch(/^acs:fc:[^:]+:\d+:functions\/echo$/);
    expect(json).not.toHaveProperty('invocationId');
  });

  it('a failed task shows its error; --wait on it exits 1', async () => {
    await startTask('fail', 'e2e3_status_fail');
    const waited = await cli(['status', 'fail', 'e2e3_status_fail', '--wait']);
    expect(waited.code).toBe(1);
    const r = await cli(['status', 'fail', 'e2e3_status_fail']);
    expect(r.out).toMatch(/^error +\S/m);
  });

  it('an unknown ID is the service error (exit 4), also digit-first; an unsafe one is refused before sending (exit 2)', async () => {
    for (const id of ['e2e3_no_such', '1abc-digit-first']) {
      const r = await cli(['status', 'hello', id]);
      expect(r.code, id).toBe(4);
      expect(r.stderr).toMatch(/^fcinvoke: AsyncTaskNotFound \(HTTP 404/);
    }
    const unsafe = await cli(['status', 'hello', '../admin']);
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toContain('invalid task ID "../admin": it goes into the request path');
    const stopUnknown = await cli(['stop', 'hello', '7e0c-digit-first']);
    expect(stopUnknown.code).toBe(4);
  });
});

describe.concurrent('stop <function> <id>', () => {
  it('a running task: accepted (exit 0), nothing on stdout; the task then ends Stopped', async () => {
    const id = 'e2e3_stop_running';
    await startTask('sleep', id, '8000');
    const deadline = Date.now() + 10_000;
    while ((await statusJson('sleep', id)).status !== 'Running' && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
    expect((await statusJson('sleep', id)).status).toBe('Running');
    const stop = await cli(['stop', 'sleep', id]);
    expect(stop.code).toBe(0);
    expect(stop.stdout.length).toBe(0);
    expect(stop.stderr).toMatch(new RegExp(`^stop accepted for ${id} \\(request ID 1-[0-9a-f-]+\\); see it end with: fcinvoke status sleep ${id}$`, 'm'));
    const waited = await cli(['status', 'sleep', id, '--wait']);
    expect(waited.code).toBe(1);
    expect((await statusJson('sleep', id)).status).toBe('Stopped');
  });

  it('a task that has already ended (Succeeded) is the service refusing the stop: exit 4, the task unchanged', async () => {
    const id = 'e2e3_stop_ended';
    await startTask('hello', id);
    expect((await cli(['status', 'hello', id, '--wait', '--quiet'])).code).toBe(0);
    const stop = await cli(['stop', 'hello', id]);
    expect(stop.code).toBe(4);
    expect(stop.stdout.length).toBe(0);
    expect(stop.stderr).toMatch(/^fcinvoke: \S+ \(HTTP \d{3}, request ID 1-[0-9a-f-]+\): /);
    expect(stop.stderr).toContain(`async task '${id}' has already finished (Succeeded)`);
    expect((await statusJson('hello', id)).status).toBe('Succeeded');
  });
});

describe.concurrent('list <function>', () => {
  it('NDJSON of AsyncTask objects with --json; a table with TASK ID; the filters', async () => {
    for (const id of ['l3_ok_1', 'l3_ok_2']) await startTask('echo', id, id);
    await startTask('fail', 'l3_fail_1');
    await cli(['status', 'echo', 'l3_ok_2', '--wait', '--quiet']);
    await cli(['status', 'fail', 'l3_fail_1', '--wait', '--quiet']);
    const json = await cli(['list', 'echo', '--prefix', 'l3_', '--json']);
    expect(json.code).toBe(0);
    const tasks = json.out.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(tasks.map((task) => task.taskId).sort()).toEqual(['l3_ok_1', 'l3_ok_2']);
    expect(tasks.every((task) => !('taskPayload' in task))).toBe(true);
    const withPayload = await cli(['list', 'echo', '--prefix', 'l3_', '--include-payload', '--json']);
    expect(withPayload.out.trimEnd().split('\n').map((line) => (JSON.parse(line) as { taskPayload: string }).taskPayload).sort()).toEqual(['l3_ok_1', 'l3_ok_2']);
    const table = await cli(['list', 'fail', '--status', 'failed', '--prefix', 'l3_']);
    const rows = table.out.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^TASK ID +STATUS +STARTED +DURATION +ERROR$/);
    expect(rows.slice(1).map((row) => row.split(/ +/)[0])).toEqual(['l3_fail_1']);
    const none = await cli(['list', 'echo', '--prefix', 'l3_nothing_']);
    expect([none.code, none.out, none.stderr]).toEqual([0, '', 'no async tasks match\n']);
  });

  it('follows nextToken up to --limit and says when there are more', async () => {
    for (let i = 1; i <= 5; i++) await startTask('hello', `l3_page_${i}`);
    const r = await cli(['list', 'hello', '--prefix', 'l3_page_', '--limit', '3', '--json']);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n')).toHaveLength(3);
    expect(r.stderr).toBe('showing the first 3; there are more (raise --limit or narrow the filters)\n');
    const all = await cli(['list', 'hello', '--prefix', 'l3_page_', '--sort', 'asc', '--json']);
    expect(all.out.trimEnd().split('\n').map((line) => (JSON.parse(line) as { taskId: string }).taskId)).toEqual(['l3_page_1', 'l3_page_2', 'l3_page_3', 'l3_page_4', 'l3_page_5']);
  });

  it('refuses bad filters before sending (exit 2)', async () => {
    const r = await cli(['list', 'hello', '--prefix', 'a b'], { env: { ...emulatorEnv(emulator), FCINVOKE_ENDPOINT: 'http://127.0.0.1:9' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('fcinvoke: invalid --prefix "a b": task IDs hold only letters, digits, "_" and "-"\n');
  });
});
