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

/** The service answered with HTTP >= 400 (exit 4). */
export class ApiError extends FcInvokeError {
  override readonly name = 'ApiError';
  readonly exitCode = ExitCode.api;
  constructor(
    code: string,
    readonly serviceMessage: string,
    readonly status: number,
    readonly requestId: string | null,
  ) {
    const id = requestId ? `, request ID ${requestId}` : '';
    super(code, `${code} (HTTP ${status}${id}): ${serviceMessage}`);
  }
}

/** No usable answer: connection failure, reset, timeout (exit 5). */
export class NetworkError extends FcInvokeError {
  override readonly name = 'NetworkError';
  readonly exitCode = ExitCode.network;
  constructor(
    code: string,
    message: string,
    options?: { cause?: unknown; requestId?: string | null },
  ) {
    super(code, message, options);
    this.requestId = options?.requestId ?? null;
  }
  readonly requestId: string | null;
}

/** Ended by a signal (exit 130 / 143). */
export class InterruptedError extends FcInvokeError {
  override readonly name = 'InterruptedError';
  readonly exitCode: ExitCode;
  constructor(signal: 'SIGINT' | 'SIGTERM') {
    super('Interrupted', `interrupted by ${signal}`);
    this.exitCode = signal === 'SIGINT' ? ExitCode.sigint : ExitCode.sigterm;
  }
}
