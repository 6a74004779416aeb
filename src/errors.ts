// Typed failures: each kind carries the contract's exit code and a stable code name,
// so that cli.ts alone turns them into an exit status and one line on stderr.

/** Exit codes of cli-contract.md ("Exit codes"). */
export const ExitCode = {
  ok: 0,
  functionFailed: 1,
  usage: 2,
  config: 3,
  api: 4,
  network: 5,
  outputLost: 6,
  sighup: 129,
  sigint: 130,
  sigterm: 143,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What every typed failure may carry besides its message. */
export interface FailureOptions {
  cause?: unknown;
  /** See FcInvokeError.details. */
  details?: readonly string[];
}

/** Base class: `message` is one line naming the problem and the fix. */
export abstract class FcInvokeError extends Error {
  abstract readonly exitCode: ExitCode;
  /** Stable machine-readable name, used in the --json `error.code`. */
  readonly code: string;
  /**
   * Lines that explain a short `message` (every place looked at, how to fix it), shown
   * indented below it on stderr; leading spaces nest a line under the one before.
   */
  readonly details: readonly string[];

  constructor(code: string, message: string, options?: FailureOptions) {
    super(message, options);
    this.code = code;
    this.details = options?.details ?? [];
  }
}

/** Bad flags, arguments, names, IDs or event input (exit 2). */
export class UsageError extends FcInvokeError {
  override readonly name = 'UsageError';
  readonly exitCode = ExitCode.usage;
  constructor(message: string, options?: FailureOptions & { code?: string }) {
    super(options?.code ?? 'InvalidUsage', message, options);
  }
}

/** Missing or invalid settings or credentials (exit 3). */
export class ConfigError extends FcInvokeError {
  override readonly name = 'ConfigError';
  readonly exitCode = ExitCode.config;
  constructor(message: string, options?: FailureOptions & { code?: string }) {
    super(options?.code ?? 'InvalidConfig', message, options);
  }
}

/** The service answered with HTTP >= 400, or with a final 1xx/3xx it never gives (exit 4). */
export class ApiError extends FcInvokeError {
  override readonly name = 'ApiError';
  readonly exitCode = ExitCode.api;
  /** What fcinvoke adds after the service's message (e.g. that the function may have run), or ''. */
  readonly note: string;
  constructor(
    code: string,
    readonly serviceMessage: string,
    readonly status: number,
    readonly requestId: string | null,
    options?: { note?: string; details?: readonly string[] },
  ) {
    const id = requestId ? `, request ID ${requestId}` : '';
    const note = options?.note ?? '';
    super(code, `${code} (HTTP ${status}${id}): ${serviceMessage}${note}`, { details: options?.details });
    this.note = note;
  }
}

/** No usable answer: connection failure, reset, timeout (exit 5). */
export class NetworkError extends FcInvokeError {
  override readonly name = 'NetworkError';
  readonly exitCode = ExitCode.network;
  constructor(
    code: string,
    message: string,
    options?: { cause?: unknown; requestId?: string | null; details?: readonly string[] },
  ) {
    super(code, message, options);
    this.requestId = options?.requestId ?? null;
  }
  readonly requestId: string | null;
}

/** The signals fcinvoke handles, with their exit codes (128 + the signal's number). */
const SIGNAL_EXIT = { SIGHUP: ExitCode.sighup, SIGINT: ExitCode.sigint, SIGTERM: ExitCode.sigterm } as const;
export type HandledSignal = keyof typeof SIGNAL_EXIT;

/** Ended by a signal (exit 129 / 130 / 143). */
export class InterruptedError extends FcInvokeError {
  override readonly name = 'InterruptedError';
  readonly exitCode: ExitCode;
  constructor(readonly signal: HandledSignal) {
    super('Interrupted', `interrupted by ${signal}`);
    this.exitCode = SIGNAL_EXIT[signal];
  }
}

/**
 * Output failed after the service answered (exit 6): stdout or the `-o` file could not be
 * written, so a result was lost. A script must not re-run blindly: the function ran.
 */
export class OutputError extends FcInvokeError {
  override readonly name: string = 'OutputError';
  readonly exitCode = ExitCode.outputLost;
  /** The request whose result was lost, when known. */
  readonly requestId: string | null;
  /** The file that could not be written, or null for standard output. */
  readonly path: string | null;
  constructor(message: string, options?: { code?: string; requestId?: string | null; path?: string | null; cause?: unknown }) {
    super(options?.code ?? 'OutputLost', message, options);
    this.requestId = options?.requestId ?? null;
    this.path = options?.path ?? null;
  }
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EROFS: 'read-only file system',
  EBADF: 'not open for writing',
  EAGAIN: 'the reader cannot take more now',
  ENXIO: 'no reader is connected',
  EPIPE: 'the reader went away',
  ERR_STREAM_DESTROYED: 'it was already closed',
};

/**
 * One write to standard output or to an output file failed. Thrown by the sinks in io/
 * and by `writeText`; the command layer turns it into the loss of a result with
 * `afterInvocation`, which adds the request ID.
 */
export class OutputWriteError extends OutputError {
  override readonly name: string = 'OutputWriteError';
  /** The system error code (`ENOSPC`, `EIO`, ...), or null when there was none. */
  readonly errno: string | null;
  constructor(options: { path: string | null; cause: unknown }) {
    const errno = (options.cause as NodeJS.ErrnoException | undefined)?.code ?? null;
    const text = errno ? `${ERRNO_TEXT[errno] ?? (options.cause as Error).message} (${errno})` : String((options.cause as Error | undefined)?.message ?? options.cause);
    super(`cannot write ${options.path === null ? 'to standard output' : `the output file ${options.path}`}: ${text}`, {
      code: 'OutputWriteFailed',
      path: options.path,
      cause: options.cause,
    });
    this.errno = errno;
  }

  /** This failure as the loss of an invocation's result: says the function ran, names the request. */
  afterInvocation(requestId: string | null): OutputError {
    const id = requestId ? ` (request ID ${requestId})` : '';
    return new OutputError(`${this.message}; the function ran${id} but its result was lost`, {
      requestId,
      path: this.path,
      cause: this,
    });
  }

  /**
   * This failure as the loss of what an accepted async call answered: the function has not
   * necessarily run, so it says the call was accepted and names the async ID to follow it with.
   */
  afterAcceptance(accepted: AcceptedCall): OutputError {
    const ids = [accepted.asyncId ? `${accepted.asyncIdLabel} ${accepted.asyncId}` : null, accepted.requestId ? `request ID ${accepted.requestId}` : null].filter(Boolean);
    const named = ids.length > 0 ? ` (${ids.join(', ')})` : '';
    return new OutputError(`${this.message}; the call was accepted${named} but ${accepted.lost ?? 'its acceptance document'} was lost`, {
      requestId: accepted.requestId,
      path: this.path,
      cause: this,
    });
  }
}

/** An async call the service accepted: what names it. */
export interface AcceptedCall {
  requestId: string | null;
  asyncId: string | null;
  /** How the API calls the ID: `async invocation ID` (FC 2.0), `async task ID` (FC 3.0). */
  asyncIdLabel: string;
  /** What could not be written; default `its acceptance document` (the --json document). */
  lost?: string;
}

/**
 * `error` as the loss of an invocation's result when it is an output write failure (or, for
 * an accepted async call, as the loss of its acceptance); otherwise unchanged.
 */
export function toResultLost(error: unknown, requestId: string | null, accepted?: AcceptedCall | null): unknown {
  if (!(error instanceof OutputWriteError)) return error;
  return accepted ? error.afterAcceptance(accepted) : error.afterInvocation(requestId);
}

/**
 * A batch stopped because its standard output closed or failed (exit 6): what ran is in
 * the output, the rest was never sent, and `--start-line` carries on. `failure` is the
 * write error when it was not a reader that went away; `lost` counts lines that finished
 * from the resume line on whose results did not get out (resuming runs them again).
 */
export function batchOutputClosedError(resumeLine: number | null, options: { failure?: OutputWriteError | undefined; lost?: number } = {}): OutputError {
  const what = options.failure ? `${options.failure.message};` : 'standard output was closed:';
  const resume = resumeLine === null ? '' : `; resume with --start-line ${resumeLine}`;
  const lost = options.lost ?? 0;
  const rerun = lost > 0 ? ` (${lost === 1 ? 'that line ran' : `the ${lost} lines that finished from there on ran`}, but ${lost === 1 ? 'its result was' : 'their results were'} lost: ${lost === 1 ? 'it' : 'they'} would run again)` : '';
  return new OutputError(`${what} the remaining events were not sent${resume}${rerun}`, {
    code: options.failure ? 'OutputWriteFailed' : 'OutputClosed',
    cause: options.failure,
  });
}
