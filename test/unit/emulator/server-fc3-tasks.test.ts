// FC 3.0 async invocation (202) and the async task APIs over raw HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type RawResponse, type TestEmulator } from '../../helpers/emulator.js';
import { fc3Error, fc3Path, signedFc3Request } from '../../helpers/emulator3.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function invokeAsync(fn: string, body: string, taskId?: string, query?: Record<string, string>): Promise<RawResponse> {
  const headers: Record<string, string> = { 'x-fc-invocation-type': 'Async' };
  if (taskId !== undefined) headers['x-fc-async-task-id'] = taskId;
  return signedFc3Request(emulator.url, { path: fc3Path(fn), body, headers, ...(query ? { query } : {}) });
}

function getTask(fn: string, taskId: string): Promise<RawResponse> {
  return signedFc3Request(emulator.url, { method: 'GET', path: fc3Path(fn, `async-tasks/${encodeURIComponent(taskId)}`), action: 'GetAsyncTask' });
}

function stopTask(fn: string, taskId: string): Promise<RawResponse> {
  return signedFc3Request(emulator.url, { method: 'PUT', path: fc3Path(fn, `async-tasks/${taskId}/stop`), action: 'StopAsyncTask' });
}

function listTasks(fn: string, query: Record<string, string>): Promise<RawResponse> {
  return signedFc3Request(emulator.url, { method: 'GET', path: fc3Path(fn, 'async-tasks'), action: 'ListAsyncTasks', query });
}

async function waitFor(fn: string, taskId: string, status: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 150; i++) {
    const response = await getTask(fn, taskId);
    expect(response.status).toBe(200);
    const task = JSON.parse(response.body.toString()) as Record<string, unknown>;
    if (task['status'] === status) return task;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${taskId} never reached ${status}`);
}

describe('FC 3.0 async invocation', () => {
  it('answers 202 with x-fc-async-task-id and runs the task to Succeeded', async () => {
    const accepted = await invokeAsync('echo', 'task payload', 'task_1');
    expect(accepted.status).toBe(202);
    expect(accepted.body.length).toBe(0);
    expect(accepted.headers['x-fc-async-task-id']).toBe('task_1');
    expect(accepted.headers['x-fc-invocation-service-version']).toBe('LATEST');
    const task = await waitFor('echo', 'task_1', 'Succeeded');
    expect(task).toMatchObject({
      taskId: 'task_1',
      status: 'Succeeded',
      functionArn: 'acs:fc:cn-hangzhou:1234567890:functions/echo',
      qualifier: 'LATEST',
      requestId: accepted.headers['x-fc-request-id'],
      taskPayload: 'task payload',
      returnPayload: 'task payload',
      alreadyRetriedTimes: 0,
    });
    expect(task['instanceId']).toMatch(UUID);
    expect(task['durationMs']).toBeGreaterThanOrEqual(1);
    expect(task['endTime']).toBeGreaterThanOrEqual(task['startedTime'] as number);
    expect((task['events'] as { status: string }[]).map((e) => e.status)).toEqual(['Enqueued', 'Dequeued', 'Running', 'Succeeded']);
    expect(task).not.toHaveProperty('functionName');
  });

  it('generates a UUID when no ID is given (often digit-first, as FC does), and records a failure', async () => {
    const accepted = await invokeAsync('fail', '');
    const taskId = accepted.headers['x-fc-async-task-id'] as string;
    expect(taskId).toMatch(UUID);
    const failed = await waitFor('fail', taskId, 'Failed');
    expect(failed['taskErrorMessage']).toContain('demo/fail: this function always fails');
    expect((failed['events'] as { status: string; eventDetail: string }[]).at(-1)).toMatchObject({ status: 'Failed', eventDetail: 'HandledInvocationError' });
  });

  it('refuses a reused or invalid task ID', async () => {
    expect((await invokeAsync('hello', '', 'reused')).status).toBe(202);
    expect(fc3Error(await invokeAsync('json', '', 'reused'))).toMatchObject({
      status: 409,
      code: 'AsyncTaskAlreadyExists',
      message: "async task 'reused' already exists",
    });
    for (const bad of ['9starts-with-a-digit', 'has.dot', 'x'.repeat(129)]) {
      expect(fc3Error(await invokeAsync('hello', '', bad)), bad).toMatchObject({ status: 400, code: 'InvalidArgument' });
    }
  });

  it('records the qualifier and the migrated name', async () => {
    await invokeAsync('demo$echo', 'via 3.0', 'migrated_1', { qualifier: 'prod' });
    const task = await waitFor('demo$echo', 'migrated_1', 'Succeeded');
    expect(task).toMatchObject({ qualifier: 'prod', functionArn: 'acs:fc:cn-hangzhou:1234567890:functions/demo$echo', returnPayload: 'via 3.0' });
    expect(fc3Error(await getTask('echo', 'migrated_1'))).toMatchObject({ status: 404, code: 'AsyncTaskNotFound' });
  });
});

describe('GetAsyncTask, StopAsyncTask, ListAsyncTasks', () => {
  it('stops a running task; stopping it again is refused', async () => {
    await invokeAsync('sleep', '5000', 'long_sleep');
    await waitFor('sleep', 'long_sleep', 'Running');
    const stop = await stopTask('sleep', 'long_sleep');
    expect(stop.status).toBe(200);
    expect(stop.body.length).toBe(0);
    const stopped = JSON.parse((await getTask('sleep', 'long_sleep')).body.toString());
    expect(stopped.status).toBe('Stopped');
    expect(stopped.events.at(-1)).toMatchObject({ status: 'Stopped', eventDetail: 'stopped by StopAsyncTask' });
    expect(fc3Error(await stopTask('sleep', 'long_sleep'))).toMatchObject({
      status: 400,
      code: 'InvalidArgument',
      message: "async task 'long_sleep' has already finished (Stopped)",
    });
  });

  it('answers 404 for unknown tasks and functions', async () => {
    expect(fc3Error(await getTask('echo', 'never_made'))).toMatchObject({
      status: 404,
      code: 'AsyncTaskNotFound',
      message: "async task 'never_made' of function 'echo' does not exist",
    });
    expect(fc3Error(await stopTask('echo', 'never_made')).code).toBe('AsyncTaskNotFound');
    expect(fc3Error(await getTask('nope', 'x')).code).toBe('FunctionNotFound');
    expect(fc3Error(await listTasks('nope', {})).code).toBe('FunctionNotFound');
  });

  it('lists by prefix in pages, with an empty nextToken on the last page', async () => {
    for (const id of ['page_a', 'page_b', 'page_c']) expect((await invokeAsync('binary', '', id)).status).toBe(202);
    await waitFor('binary', 'page_c', 'Succeeded');
    const first = JSON.parse((await listTasks('binary', { prefix: 'page_', limit: '2', sortOrderByTime: 'asc' })).body.toString());
    expect(first.tasks.map((t: { taskId: string }) => t.taskId)).toEqual(['page_a', 'page_b']);
    expect(first.nextToken).not.toBe('');
    expect(first.tasks[0]).not.toHaveProperty('taskPayload');
    const last = JSON.parse(
      (await listTasks('binary', { prefix: 'page_', limit: '2', sortOrderByTime: 'asc', nextToken: first.nextToken, includePayload: 'true' })).body.toString(),
    );
    expect(last).toMatchObject({ nextToken: '', tasks: [{ taskId: 'page_c', taskPayload: '' }] });
    expect(fc3Error(await listTasks('binary', { limit: '500' }))).toMatchObject({ status: 400, code: 'InvalidArgument', message: 'limit must be between 1 and 100' });
  });
});
