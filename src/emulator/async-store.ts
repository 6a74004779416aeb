// Stateful async invocations the emulator has accepted (fc2-protocol §7): their state,
// events and the Get/List views; kept in memory, newest 1000.

export type AsyncStatus = 'Enqueued' | 'Running' | 'Succeeded' | 'Failed' | 'Stopped';

export interface AsyncEvent {
  eventId: number;
  status: string;
  timestamp: number;
  eventDetail: string;
}

export interface AsyncInvocation {
  invocationId: string;
  requestId: string;
  serviceName: string;
  functionName: string;
  qualifier: string;
  status: AsyncStatus;
  startedTime: number;
  endTime?: number;
  durationMs?: number;
  instanceId?: string;
  invocationErrorMessage?: string;
  invocationPayload: string;
  returnPayload?: string;
  events: AsyncEvent[];
  /** Aborting stops the running handler (StopStatefulAsyncInvocation). */
  readonly controller: AbortController;
}

/** Async invocation ID rule (doc-invoke; src/fc/names.ts ASYNC_ID). */
export const ASYNC_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

const TERMINAL: readonly AsyncStatus[] = ['Succeeded', 'Failed', 'Stopped'];
const KEEP = 1000;

export function isTerminal(status: AsyncStatus): boolean {
  return TERMINAL.includes(status);
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

export class AsyncInvocationStore {
  private readonly byId = new Map<string, AsyncInvocation>();

  constructor(private readonly clock: () => Date) {}

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): AsyncInvocation | undefined {
    return this.byId.get(id);
  }

  add(fields: Omit<AsyncInvocation, 'status' | 'startedTime' | 'events' | 'controller'>): AsyncInvocation {
    const invocation: AsyncInvocation = {
      ...fields,
      status: 'Enqueued',
      startedTime: this.clock().getTime(),
      events: [],
      controller: new AbortController(),
    };
    this.byId.set(invocation.invocationId, invocation);
    this.record(invocation, 'Enqueued', '');
    this.evict();
    return invocation;
  }

  /** Moves to `status`, adding an event; a finished invocation gets its end time. */
  transition(invocation: AsyncInvocation, status: AsyncStatus, detail = ''): void {
    if (isTerminal(invocation.status)) return;
    invocation.status = status;
    this.record(invocation, status, detail);
    if (isTerminal(status)) invocation.endTime = this.clock().getTime();
  }

  record(invocation: AsyncInvocation, status: string, detail: string): void {
    invocation.events.push({ eventId: invocation.events.length + 1, status, timestamp: this.clock().getTime(), eventDetail: detail });
  }

  /** One page for a function, and the token of the next page if there is one. */
  list(serviceName: string, functionName: string, query: ListQuery): { invocations: AsyncInvocation[]; nextToken?: string } {
    const matching = [...this.byId.values()].filter(
      (i) =>
        i.serviceName === serviceName &&
        i.functionName === functionName &&
        (query.status === undefined || i.status === query.status) &&
        (query.invocationIdPrefix === undefined || i.invocationId.startsWith(query.invocationIdPrefix)) &&
        (query.startedTimeBegin === undefined || i.startedTime >= query.startedTimeBegin) &&
        (query.startedTimeEnd === undefined || i.startedTime < query.startedTimeEnd),
    );
    // Oldest first, ties in acceptance order; desc is exactly the reverse, so that invocations
    // accepted within the same millisecond are newest first too.
    matching.sort((a, b) => a.startedTime - b.startedTime);
    if (query.sortOrderByTime === 'desc') matching.reverse();
    const start = query.nextToken && /^\d+$/.test(query.nextToken) ? Number(query.nextToken) : 0;
    const page = matching.slice(start, start + query.limit);
    const next = start + query.limit < matching.length ? String(start + query.limit) : undefined;
    return next === undefined ? { invocations: page } : { invocations: page, nextToken: next };
  }

  private evict(): void {
    if (this.byId.size <= KEEP) return;
    for (const [id, invocation] of this.byId) {
      if (this.byId.size <= KEEP) break;
      if (isTerminal(invocation.status)) this.byId.delete(id);
    }
  }
}
