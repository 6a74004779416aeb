// The stateful async invocation object (fc2-protocol §7): its statuses, reading the
// service's JSON defensively, and the schedule for polling one until it ends.
import { ApiError } from '../errors.js';

/** Statuses after which nothing changes any more (fc2-protocol §7). */
export const TERMINAL_STATUSES = ['Succeeded', 'Failed', 'Stopped', 'Expired', 'Invalid'] as const;

/** Every status the service documents, terminal or not (java StatefulInvocationStatus; 2021 docs). */
export const KNOWN_STATUSES = ['Enqueued', 'Dequeued', 'Running', 'Retrying', 'Stopping', ...TERMINAL_STATUSES] as const;

/** True for Succeeded, Failed, Stopped, Expired and Invalid. */
export function isTerminalStatus(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

export interface AsyncInvocationEvent {
  eventId: number | null;
  status: string;
  /** Epoch ms. */
  timestamp: number | null;
  eventDetail: string;
}

/** The fields fcinvoke reads; the service's object itself is kept for `--json`. */
export interface AsyncInvocation {
  invocationId: string;
  status: string;
  serviceName: string | null;
  functionName: string | null;
  qualifier: string | null;
  requestId: string | null;
  instanceId: string | null;
  /** Epoch ms. */
  startedTime: number | null;
  endTime: number | null;
  durationMs: number | null;
  alreadyRetriedTimes: number | null;
  destinationStatus: string | null;
  invocationErrorMessage: string | null;
  returnPayload: string | null;
  events: AsyncInvocationEvent[];
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Numbers, also when sent as numeric strings (int64 fields of other SDKs). */
function number(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function readEvent(value: unknown): AsyncInvocationEvent | null {
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  return { eventId: number(e.eventId), status: text(e.status) ?? '', timestamp: number(e.timestamp), eventDetail: text(e.eventDetail) ?? '' };
}

/** Reads one invocation object; an answer without `invocationId` and `status` is an ApiError. */
export function readInvocation(json: unknown, requestId: string | null = null): AsyncInvocation {
  const o = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  const invocationId = text(o?.invocationId);
  const status = text(o?.status);
  if (!o || invocationId === null || status === null) {
    throw new ApiError('InvalidResponse', 'the service answered with something that is not a stateful async invocation object', 200, requestId);
  }
  return {
    invocationId,
    status,
    serviceName: text(o.serviceName),
    functionName: text(o.functionName),
    qualifier: text(o.qualifier),
    requestId: text(o.requestId),
    instanceId: text(o.instanceId),
    startedTime: number(o.startedTime),
    endTime: number(o.endTime),
    durationMs: number(o.durationMs),
    alreadyRetriedTimes: number(o.alreadyRetriedTimes),
    destinationStatus: text(o.destinationStatus),
    invocationErrorMessage: text(o.invocationErrorMessage),
    returnPayload: text(o.returnPayload),
    events: Array.isArray(o.events) ? o.events.map(readEvent).filter((e): e is AsyncInvocationEvent => e !== null) : [],
  };
}

/** One page of ListStatefulAsyncInvocations: the objects as sent, and the next token. */
export interface InvocationPage {
  invocations: unknown[];
  nextToken: string | null;
}

export function readInvocationPage(json: unknown, requestId: string | null = null): InvocationPage {
  const o = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : null;
  const list = o?.invocations ?? [];
  if (!Array.isArray(list)) {
    throw new ApiError('InvalidResponse', 'the service answered the list with something that has no "invocations" array', 200, requestId);
  }
  const token = text(o?.nextToken);
  return { invocations: list, nextToken: token === null || token === '' ? null : token };
}

/** The first poll waits this long; each next one half as long again, up to POLL_MAX_MS. */
export const POLL_FIRST_MS = 250;
export const POLL_MAX_MS = 5000;

/** Delay before poll number `n` + 1 (0-based): 250, 375, 563, … ms, then 5 s each. */
export function pollDelay(n: number): number {
  return Math.min(POLL_MAX_MS, Math.round(POLL_FIRST_MS * 1.5 ** n));
}
