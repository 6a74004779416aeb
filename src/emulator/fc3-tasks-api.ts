// FC 3.0 async invocation (202, then a task run in the background) and the async task APIs:
// GetAsyncTask, StopAsyncTask, ListAsyncTasks (fc3-protocol §6). Every function is treated as
// having async tasks enabled (PutAsyncInvokeConfig `asyncTask: true`); nothing is retried.
import { randomUUID } from 'node:crypto';
import { sanitizeForEcho } from './acs3-errors.js';
import { ASYNC_ID_PATTERN, isTerminal } from './async-tracking.js';
import { fail, type Exchange, type RequestDeps } from './exchange.js';
import { fc3Errors } from './fc3-errors.js';
import type { Fc3Route } from './fc3-routes.js';
import { parseTaskListQuery, renderTask, type AsyncTask } from './fc3-task-store.js';
import { runInvocation } from './invocation.js';
import type { ResolvedFunction } from './resolved-function.js';
import { collectPrefix } from './result-body.js';

/** Bytes of a result kept as `returnPayload` (FC 3.0: at most 1 MB; fc3-protocol §6). */
const RETURN_PAYLOAD_LIMIT = 1024 * 1024;

function sendJson(exchange: Exchange, value: unknown): void {
  const body = JSON.stringify(value);
  exchange.label = 'OK';
  exchange.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  exchange.res.end(body);
}

/** `acs:fc:<region>:<account>:functions/<name>`. */
export function buildFunctionArn(region: string, accountId: string, name: string): string {
  return `acs:fc:${region}:${accountId}:functions/${name}`;
}

async function runTask(deps: RequestDeps, task: AsyncTask, fn: ResolvedFunction, event: Buffer): Promise<void> {
  const { tasks } = deps;
  tasks.record(task, 'Dequeued', '');
  tasks.transition(task, 'Running', '');
  try {
    const result = await runInvocation(deps, { requestId: task.requestId, fn, event, signal: task.controller.signal });
    const bytes = await collectPrefix(result.body, RETURN_PAYLOAD_LIMIT);
    task.durationMs = result.durationMs;
    task.instanceId = result.instanceId;
    if (result.outcome === 'stopped') {
      tasks.transition(task, 'Stopped', '');
    } else if (result.errorType) {
      task.taskErrorMessage = bytes.toString('utf8');
      tasks.transition(task, 'Failed', result.errorType);
    } else {
      task.returnPayload = bytes.toString('utf8');
      tasks.transition(task, 'Succeeded', '');
    }
  } catch (error) {
    task.taskErrorMessage = (error as Error)?.message ?? String(error);
    tasks.transition(task, 'Failed', 'InternalServerError');
  }
  deps.log(`${deps.now().toISOString()} async ${task.functionName} ${task.taskId} ${task.status} ${task.durationMs ?? 0}ms ${task.requestId}`);
}

/**
 * `x-fc-invocation-type: Async`: a task under the caller's `x-fc-async-task-id` or a generated
 * UUID, answered 202 with `x-fc-async-task-id`, then run in the background.
 */
export function acceptAsyncTask(deps: RequestDeps, exchange: Exchange, name: string, fn: ResolvedFunction, event: Buffer): void {
  const given = exchange.headers['x-fc-async-task-id'];
  if (given !== undefined && given !== '' && !ASYNC_ID_PATTERN.test(given)) {
    return fail(
      exchange,
      fc3Errors.invalidArgument(
        `invalid async task ID '${sanitizeForEcho(given)}': start with a letter or "_", then letters, digits, "_" or "-", at most 128 characters`,
      ),
    );
  }
  // Generated IDs are UUIDs, as FC's are: often digit-first, so outside the rule for chosen IDs.
  const taskId = given === undefined || given === '' ? randomUUID() : given;
  if (deps.tasks.has(taskId)) return fail(exchange, fc3Errors.taskExists(taskId));
  const task = deps.tasks.add({
    taskId,
    requestId: exchange.requestId,
    functionName: name,
    functionArn: buildFunctionArn(deps.region, deps.accountId, name),
    qualifier: fn.qualifier ?? 'LATEST',
    taskPayload: event.toString('utf8'),
  });
  exchange.label = 'Accepted';
  exchange.res.writeHead(202, {
    'X-Fc-Async-Task-Id': taskId,
    'X-Fc-Invocation-Service-Version': fn.version,
    'Content-Length': '0',
  });
  exchange.res.end();
  void runTask(deps, task, fn, event);
}

/** GetAsyncTask, StopAsyncTask and ListAsyncTasks for a function that exists. */
export function handleTaskRoute(
  deps: RequestDeps,
  exchange: Exchange,
  route: Exclude<Fc3Route, { action: 'InvokeFunction' }>,
  query: Readonly<Record<string, string>>,
): void {
  if (route.action === 'ListAsyncTasks') {
    const parsed = parseTaskListQuery(query);
    if (typeof parsed === 'string') return fail(exchange, fc3Errors.invalidArgument(parsed));
    const page = deps.tasks.list(route.functionName, parsed);
    // An empty nextToken marks the last page (fc3-protocol §6).
    return sendJson(exchange, { nextToken: page.nextToken ?? '', tasks: page.tasks.map((t) => renderTask(t, parsed.includePayload)) });
  }
  const task = deps.tasks.get(route.taskId);
  if (!task || task.functionName !== route.functionName) return fail(exchange, fc3Errors.taskNotFound(route.functionName, route.taskId));
  if (route.action === 'GetAsyncTask') return sendJson(exchange, renderTask(task));
  if (isTerminal(task.status)) {
    return fail(exchange, fc3Errors.invalidArgument(`async task '${sanitizeForEcho(task.taskId)}' has already finished (${task.status})`));
  }
  deps.tasks.transition(task, 'Stopped', 'stopped by StopAsyncTask');
  task.controller.abort();
  exchange.label = 'OK';
  exchange.res.writeHead(200, { 'Content-Length': '0' });
  exchange.res.end();
}
