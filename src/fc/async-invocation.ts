// An async invocation in the shape every API version is read into (field names follow FC
// 2.0's; FC 3.0's taskId, taskErrorMessage and tasks map onto them), its statuses, and the
// schedule for polling one until it ends.

/** Statuses after which nothing changes any more (fc2-protocol §7; the same in fc3-protocol §6). */
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
  /** The API it was read from (its FcApi has the words for it: `nouns`). */
  apiVersion: string;
  /** The ID: FC 2.0's invocationId, FC 3.0's taskId. */
  invocationId: string;
  status: string;
  /** Null where the API has no services. */
  serviceName: string | null;
  functionName: string | null;
  /** FC 3.0's `acs:fc:<region>:<account>:functions/<name>`; null where the API sends none. */
  functionArn: string | null;
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

/** One page of the list: the objects as sent, and the next token (null on the last page). */
export interface InvocationPage {
  invocations: unknown[];
  nextToken: string | null;
}

/** The first poll waits this long; each next one half as long again, up to POLL_MAX_MS. */
export const POLL_FIRST_MS = 250;
export const POLL_MAX_MS = 5000;

/** Delay before poll number `n` + 1 (0-based): 250, 375, 563, … ms, then 5 s each. */
export function pollDelay(n: number): number {
  return Math.min(POLL_MAX_MS, Math.round(POLL_FIRST_MS * 1.5 ** n));
}
