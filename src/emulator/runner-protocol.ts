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

export type ParentMessage =
  | { type: 'invoke'; requestId: string; event: Uint8Array; context: InvocationContext }
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
