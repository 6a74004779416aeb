// FC 3.0 async tasks the emulator has accepted (fc3-protocol §6): their state and events, and
// the GetAsyncTask and ListAsyncTasks views; kept in memory, newest 1000.
import { selectPage, TrackedStore, type TrackedFields, type TrackedRun } from './async-tracking.js';

export interface AsyncTask extends TrackedRun {
  taskId: string;
  requestId: string;
  /** The FC 3.0 name it was invoked by (`fn` or `service$fn`); not part of the AsyncTask object. */
  functionName: string;
  functionArn: string;
  qualifier: string;
  taskPayload: string;
  taskErrorMessage?: string;
  returnPayload?: string;
}

/** ListAsyncTasks parameters (fc3-protocol §6). */
export interface TaskListQuery {
  limit: number;
  nextToken: string | undefined;
  prefix: string | undefined;
  qualifier: string | undefined;
  status: string | undefined;
  startedTimeBegin: number | undefined;
  startedTimeEnd: number | undefined;
  sortOrderByTime: 'asc' | 'desc';
  includePayload: boolean;
}

/** Tasks on a page when `limit` is not given. */
export const DEFAULT_TASK_PAGE = 20;

/** The ListAsyncTasks query (a decoded query map), or an error text when a value is invalid. */
export function parseTaskListQuery(query: Readonly<Record<string, string>>): TaskListQuery | string {
  const text = (name: string): string | undefined => (Object.hasOwn(query, name) && query[name] !== '' ? query[name] : undefined);
  const numbers: Record<string, number | undefined> = {};
  for (const name of ['limit', 'startedTimeBegin', 'startedTimeEnd']) {
    const raw = text(name);
    if (raw !== undefined && !/^\d{1,15}$/.test(raw)) return `${name} must be a non-negative integer`;
    numbers[name] = raw === undefined ? undefined : Number(raw);
  }
  const limit = numbers['limit'] ?? DEFAULT_TASK_PAGE;
  if (limit < 1 || limit > 100) return 'limit must be between 1 and 100';
  const order = text('sortOrderByTime') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return "sortOrderByTime must be 'asc' or 'desc'";
  const includePayload = text('includePayload') ?? 'false';
  if (includePayload !== 'true' && includePayload !== 'false') return "includePayload must be 'true' or 'false'";
  return {
    limit,
    nextToken: text('nextToken'),
    prefix: text('prefix'),
    qualifier: text('qualifier'),
    status: text('status'),
    startedTimeBegin: numbers['startedTimeBegin'],
    startedTimeEnd: numbers['startedTimeEnd'],
    sortOrderByTime: order,
    includePayload: includePayload === 'true',
  };
}

/** The AsyncTask object as FC 3.0 returns it; `taskPayload` only when asked for. */
export function renderTask(task: AsyncTask, includePayload = true): Record<string, unknown> {
  const { controller: _controller, functionName: _functionName, taskPayload, ...fields } = task;
  return { ...fields, alreadyRetriedTimes: 0, destinationStatus: '', ...(includePayload ? { taskPayload } : {}) };
}

export class AsyncTaskStore extends TrackedStore<AsyncTask> {
  add(fields: Omit<AsyncTask, TrackedFields>): AsyncTask {
    return this.insert(fields.taskId, fields);
  }

  /** One page of a function's tasks, and the token of the next page if there is one. */
  list(functionName: string, query: TaskListQuery): { tasks: AsyncTask[]; nextToken?: string } {
    const matching = this.all().filter(
      (t) =>
        t.functionName === functionName &&
        (query.qualifier === undefined || t.qualifier === query.qualifier) &&
        (query.status === undefined || t.status === query.status) &&
        (query.prefix === undefined || t.taskId.startsWith(query.prefix)) &&
        (query.startedTimeBegin === undefined || t.startedTime >= query.startedTimeBegin) &&
        (query.startedTimeEnd === undefined || t.startedTime < query.startedTimeEnd),
    );
    const { page, nextToken } = selectPage(matching, query.sortOrderByTime, query.nextToken, query.limit);
    return nextToken === undefined ? { tasks: page } : { tasks: page, nextToken };
  }
}
