// Stateful async invocations the emulator has accepted (fc2-protocol §7): their state,
// events and the Get/List views; kept in memory, newest 1000.
import { selectPage, TrackedStore, type TrackedFields, type TrackedRun } from './async-tracking.js';

export { ASYNC_ID_PATTERN, isTerminal, type AsyncEvent, type AsyncStatus } from './async-tracking.js';

export interface AsyncInvocation extends TrackedRun {
  invocationId: string;
  requestId: string;
  serviceName: string;
  functionName: string;
  qualifier: string;
  invocationErrorMessage?: string;
  invocationPayload: string;
  returnPayload?: string;
}

export interface ListQuery {
  limit: number;
  nextToken: string | undefined;
  status: string | undefined;
  invocationIdPrefix: string | undefined;
  startedTimeBegin: number | undefined;
  startedTimeEnd: number | undefined;
  sortOrderByTime: 'asc' | 'desc';
  includePayload: boolean;
}

/** ListStatefulAsyncInvocations query parameters (fc2-protocol §7); an error text when invalid. */
export function parseListQuery(params: URLSearchParams): ListQuery | string {
  const number = (name: string): number | undefined | string => {
    const raw = params.get(name);
    if (raw === null || raw === '') return undefined;
    return /^\d+$/.test(raw) ? Number(raw) : `${name} must be a non-negative integer`;
  };
  const limit = number('limit') ?? 50;
  const begin = number('startedTimeBegin');
  const end = number('startedTimeEnd');
  for (const v of [limit, begin, end]) if (typeof v === 'string') return v;
  if ((limit as number) < 1 || (limit as number) > 100) return 'limit must be between 1 and 100';
  const order = params.get('sortOrderByTime') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return "sortOrderByTime must be 'asc' or 'desc'";
  return {
    limit: limit as number,
    nextToken: params.get('nextToken') || undefined,
    status: params.get('status') || undefined,
    invocationIdPrefix: params.get('invocationIdPrefix') || undefined,
    startedTimeBegin: begin as number | undefined,
    startedTimeEnd: end as number | undefined,
    sortOrderByTime: order,
    includePayload: params.get('includePayload') === 'true',
  };
}

/** The invocation object as FC returns it (without the payload unless asked for). */
export function renderInvocation(invocation: AsyncInvocation, includePayload = true): Record<string, unknown> {
  const { controller: _controller, invocationPayload, ...fields } = invocation;
  return { ...fields, alreadyRetriedTimes: 0, destinationStatus: '', ...(includePayload ? { invocationPayload } : {}) };
}

export class AsyncInvocationStore extends TrackedStore<AsyncInvocation> {
  add(fields: Omit<AsyncInvocation, TrackedFields>): AsyncInvocation {
    return this.insert(fields.invocationId, fields);
  }

  /** One page for a function, and the token of the next page if there is one. */
  list(serviceName: string, functionName: string, query: ListQuery): { invocations: AsyncInvocation[]; nextToken?: string } {
    const matching = this.all().filter(
      (i) =>
        i.serviceName === serviceName &&
        i.functionName === functionName &&
        (query.status === undefined || i.status === query.status) &&
        (query.invocationIdPrefix === undefined || i.invocationId.startsWith(query.invocationIdPrefix)) &&
        (query.startedTimeBegin === undefined || i.startedTime >= query.startedTimeBegin) &&
        (query.startedTimeEnd === undefined || i.startedTime < query.startedTimeEnd),
    );
    const { page, nextToken } = selectPage(matching, query.sortOrderByTime, query.nextToken, query.limit);
    return nextToken === undefined ? { invocations: page } : { invocations: page, nextToken };
  }
}
