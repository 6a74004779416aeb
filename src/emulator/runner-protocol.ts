// Messages between the emulator and a runner child (one FC "instance") over the IPC
// channel with 'advanced' serialization, so Buffers travel as bytes, not JSON.

/** What an instance runs: a file of the functions dir or a built-in demo handler. */
export type HandlerSource =
  | { kind: 'file'; path: string; exportName: string; label: string }
  | { kind: 'demo'; name: string; label: string };

/** Passed to the runner as its one argv entry (JSON). */
export interface RunnerSpec {
  source: HandlerSource;
}

/** The `context` handed to the handler, minus the logger the runner adds (FC Node.js context). */
export interface InvocationContext {
  requestId: string;
  credentials: { accessKeyId: string; accessKeySecret: string; securityToken: string };
  function: { name: string; handler: string; memory: number; timeout: number; initializer: string };
  /** `name` only for FC 2.0 functions. */
  service: { name?: string; logProject: string; logStore: string; qualifier: string; versionId: string };
  region: string;
  accountId: string;
  retryCount: number;
}

/** What an FC 2.0 HTTP handler's `req` carries besides the body (http-triggers.md §4.1). */
export interface HttpRequestMeta {
  method: string;
  /** What follows the function segment (the whole path on a trigger domain), percent-decoded. */
  path: string;
  /** The request target as received: the whole path, `/2016-08-15/proxy/...` included, and the query. */
  url: string;
  /** Each key's value, or its values in order when it is repeated; '' for a key without one. */
  queries: Record<string, string | string[]>;
  /** Lower-case names, FC's reserved request headers left out. */
  headers: Record<string, string>;
  clientIP: string;
}

/** The status and headers an FC 2.0 HTTP handler answered with (`resp.setStatusCode`, `resp.setHeader`). */
export interface HttpAnswerHead {
  statusCode: number;
  headers: Record<string, string | string[]>;
}

export type ParentMessage =
  /** `http` makes it a call of an HTTP handler, `(req, resp, context)`, with `event` as the body. */
  | { type: 'invoke'; requestId: string; event: Uint8Array; context: InvocationContext; http?: HttpRequestMeta }
  /** The emulator consumed one streamed result chunk; the runner may send another. */
  | { type: 'ack'; requestId: string };

export type Outcome = 'success' | 'handled' | 'unhandled';

export type ChildMessage =
  | { type: 'ready'; maxRssKb: number }
  /** Formatted FC log records (already prefixed with time, request ID and level). */
  | { type: 'log'; text: string }
  | {
      type: 'result';
      requestId: string;
      outcome: Outcome;
      durationMs: number;
      maxRssKb: number;
      /** Total body bytes; when `body` is absent they follow as `chunk` messages. */
      length: number;
      body?: Uint8Array;
      /** The instance is unusable after this (uncaught exception, failed load): replace it. */
      fatal: boolean;
      /** An HTTP handler's answer (success only); the body is its response body. */
      http?: HttpAnswerHead;
    }
  | { type: 'chunk'; requestId: string; data: Uint8Array };

/** Results above this size are streamed in chunks of this size. */
export const RESULT_CHUNK_BYTES = 1024 * 1024;

/** Chunks the runner may send before the emulator acknowledges them (bounds parent memory). */
export const RESULT_WINDOW = 4;

/** Uint8Array from IPC as a Buffer without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
