// What FC 2.0's stateful async invocations and FC 3.0's async tasks share: statuses, the
// events timeline, a bounded in-memory store, and pages ordered by start time.

export type AsyncStatus = 'Enqueued' | 'Running' | 'Succeeded' | 'Failed' | 'Stopped';

export interface AsyncEvent {
  eventId: number;
  status: string;
  timestamp: number;
  eventDetail: string;
}

/** The state every accepted async invocation has, whichever API accepted it. */
export interface TrackedRun {
  status: AsyncStatus;
  startedTime: number;
  endTime?: number;
  durationMs?: number;
  instanceId?: string;
  events: AsyncEvent[];
  /** Aborting stops the running handler (Stop API). */
  readonly controller: AbortController;
}

/** The fields a store sets itself when it accepts a run. */
export type TrackedFields = 'status' | 'startedTime' | 'events' | 'controller';

/** Async ID rule for a caller-chosen ID (doc-invoke; fc3-protocol §2; src/fc/names.ts ASYNC_ID). */
export const ASYNC_ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

const TERMINAL: readonly AsyncStatus[] = ['Succeeded', 'Failed', 'Stopped'];

export function isTerminal(status: AsyncStatus): boolean {
  return TERMINAL.includes(status);
}

/** Accepted runs by ID, in memory; past `keep` the oldest finished ones are forgotten. */
export class TrackedStore<T extends TrackedRun> {
  private readonly byId = new Map<string, T>();

  constructor(
    protected readonly clock: () => Date,
    private readonly keep = 1000,
  ) {}

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  /** Moves to `status`, adding an event; a finished run gets its end time. Nothing changes once finished. */
  transition(run: T, status: AsyncStatus, detail = ''): void {
    if (isTerminal(run.status)) return;
    run.status = status;
    this.record(run, status, detail);
    if (isTerminal(status)) run.endTime = this.clock().getTime();
  }

  /** Adds an event without changing the status (e.g. `Dequeued`). */
  record(run: T, status: string, detail: string): void {
    run.events.push({ eventId: run.events.length + 1, status, timestamp: this.clock().getTime(), eventDetail: detail });
  }

  /** Records a new run as Enqueued under `id`. */
  protected insert(id: string, fields: Omit<T, TrackedFields>): T {
    const tracked: TrackedRun = { status: 'Enqueued', startedTime: this.clock().getTime(), events: [], controller: new AbortController() };
    // T is exactly `fields` plus the tracked fields set here.
    const run = { ...fields, ...tracked } as T;
    this.byId.set(id, run);
    this.record(run, 'Enqueued', '');
    this.evict();
    return run;
  }

  /** Every run, in acceptance order. */
  protected all(): T[] {
    return [...this.byId.values()];
  }

  private evict(): void {
    if (this.byId.size <= this.keep) return;
    for (const [id, run] of this.byId) {
      if (this.byId.size <= this.keep) break;
      if (isTerminal(run.status)) this.byId.delete(id);
    }
  }
}

/**
 * One page of `matching` (in acceptance order) by start time and the token of the next page,
 * if any: oldest first with ties in acceptance order, and desc exactly the reverse, so that runs
 * accepted within the same millisecond are newest first too. The token is an offset.
 */
export function selectPage<T extends { startedTime: number }>(
  matching: T[],
  order: 'asc' | 'desc',
  nextToken: string | undefined,
  limit: number,
): { page: T[]; nextToken?: string } {
  const sorted = [...matching].sort((a, b) => a.startedTime - b.startedTime);
  if (order === 'desc') sorted.reverse();
  const start = nextToken && /^\d+$/.test(nextToken) ? Number(nextToken) : 0;
  const page = sorted.slice(start, start + limit);
  return start + limit < sorted.length ? { page, nextToken: String(start + limit) } : { page };
}
