// Response headers of an InvokeFunction call (fc2-protocol §4.2); pure.
import { encodeLogTail } from './fc-log.js';
import type { FunctionErrorType } from './invocation.js';

export interface InvocationSummary {
  errorType: FunctionErrorType | null;
  durationMs: number;
  maxMemoryMb: string;
  instanceId: string;
  codeChecksum: string;
  serviceVersion: string;
  bodyLength: number;
  /** The invocation's log when the request asked for `X-Fc-Log-Type: Tail`. */
  tailLog?: Uint8Array | undefined;
}

/**
 * Headers for a sync invocation, function error or not (both are HTTP 200). The result is
 * bytes (`application/octet-stream`); a function error body is FC's JSON error object.
 */
export function buildInvocationHeaders(summary: InvocationSummary): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': summary.errorType ? 'application/json' : 'application/octet-stream',
    'Content-Length': String(summary.bodyLength),
    'X-Fc-Invocation-Duration': String(summary.durationMs),
    'X-Fc-Max-Memory-Usage': summary.maxMemoryMb,
    'X-Fc-Instance-Id': summary.instanceId,
    'X-Fc-Code-Checksum': summary.codeChecksum,
    'X-Fc-Invocation-Service-Version': summary.serviceVersion,
  };
  if (summary.errorType) headers['X-Fc-Error-Type'] = summary.errorType;
  if (summary.tailLog) headers['X-Fc-Log-Result'] = encodeLogTail(summary.tailLog);
  return headers;
}

/** `X-Fc-Log-Type: Tail` asks for the log; `None` or absent does not (case-insensitive). */
export function wantsLogTail(logType: string | undefined): boolean {
  return logType !== undefined && logType.trim().toLowerCase() === 'tail';
}

/** `Sync` (default) or `Async`; undefined for anything else. */
export function parseInvocationType(value: string | undefined): 'Sync' | 'Async' | undefined {
  if (value === undefined || value.trim() === '') return 'Sync';
  const lower = value.trim().toLowerCase();
  if (lower === 'sync') return 'Sync';
  if (lower === 'async') return 'Async';
  return undefined;
}
