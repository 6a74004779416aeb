// The one JSON document `run --json` prints (cli-contract "--json document for one invocation").
import { ApiError, NetworkError, OutputError, type FcInvokeError } from '../errors.js';
import type { InvocationMeta } from '../fc/response.js';
import { decodeUtf8 } from './text.js';

/** The document: the invocation's metadata (InvocationMeta, the log decoded) and its body or error. */
export type InvocationDocument = { ok: boolean; status: number | null; invocationType: 'Sync' | 'Async' } & Omit<InvocationMeta, 'log'> & {
  logs: string | null;
  body: string | null;
  bodyBase64: string | null;
  error: { code: string; message: string; status: number | null } | null;
  attempts: number;
  outputFile?: string;
  /** The API the invocation used, `2016-08-15` or `2023-03-30`; always the last key (cli-contract). */
  apiVersion: string;
};

export interface DocumentInput {
  status: number | null;
  invocationType: 'Sync' | 'Async';
  meta: InvocationMeta | null;
  /** The body, or null when it went to a file or there was none. */
  body: Buffer | null;
  error: InvocationDocument['error'];
  attempts: number;
  outputFile?: string | null;
  apiVersion: string;
}

/** Builds the document; `body` is text when it is valid UTF-8, else `bodyBase64` holds it. */
export function buildInvocationDocument(input: DocumentInput): InvocationDocument {
  const meta = input.meta;
  const text = input.body ? decodeUtf8(input.body) : null;
  const document: InvocationDocument = {
    ok: input.error === null && !meta?.functionError,
    status: input.status,
    requestId: meta?.requestId ?? null,
    invocationType: input.invocationType,
    functionError: meta?.functionError ?? null,
    durationMs: meta?.durationMs ?? null,
    maxMemoryMB: meta?.maxMemoryMB ?? null,
    instanceId: meta?.instanceId ?? null,
    codeChecksum: meta?.codeChecksum ?? null,
    serviceVersion: meta?.serviceVersion ?? null,
    asyncInvocationId: meta?.asyncInvocationId ?? null,
    logs: meta?.log.text ?? null,
    body: input.body ? text : null,
    bodyBase64: input.body && text === null ? input.body.toString('base64') : null,
    error: input.error,
    attempts: input.attempts,
    apiVersion: input.apiVersion,
  };
  return input.outputFile ? withApiVersionLast({ ...document, outputFile: input.outputFile }) : document;
}

/** The same document with `apiVersion` moved back to the end, after keys added to it. */
function withApiVersionLast<T extends { apiVersion: string }>(document: T): T {
  const { apiVersion, ...rest } = document;
  return { ...rest, apiVersion } as T;
}

/**
 * The document of an accepted async invocation once its wait ended (or gave up): `ok`, the
 * `error` when there is one, and the service's object as `invocation` (null when the wait
 * ended without it), `apiVersion` still last.
 */
export function withAwaited<T extends InvocationDocument>(
  document: T,
  changes: { ok: boolean; invocation: unknown; error?: InvocationDocument['error'] },
): T & { invocation: unknown } {
  return withApiVersionLast({ ...document, ...changes });
}

export interface FailureDocumentInput {
  error: FcInvokeError;
  invocationType: 'Sync' | 'Async';
  attempts: number;
  /** What the service said about the invocation, when it answered at all. */
  meta?: InvocationMeta | null | undefined;
  /** The answer's status, when it answered (an API error carries its own). */
  status?: number | null | undefined;
  /** With --wait: the document of the accepted invocation whose wait failed. */
  accepted?: InvocationDocument | null;
  apiVersion: string;
}

/**
 * The one `--json` document of a failure: the invocation's document with `ok: false` and
 * `error` set, the status of an API error, and the request ID from the answer or the error.
 * For a failed wait, the accepted invocation's document with `invocation: null`.
 */
export function buildFailureDocument(input: FailureDocumentInput): InvocationDocument & { invocation?: unknown } {
  const { error } = input;
  const errorStatus = error instanceof ApiError ? error.status : null;
  const status = errorStatus ?? input.status ?? null;
  const failure = { code: error.code, message: error.message, status: errorStatus };
  if (input.accepted) return withAwaited(input.accepted, { ok: false, error: failure, invocation: null });
  const meta = input.meta ?? null;
  const document = buildInvocationDocument({
    status,
    invocationType: input.invocationType,
    meta,
    body: null,
    error: failure,
    attempts: input.attempts,
    apiVersion: input.apiVersion,
  });
  if (document.requestId === null && (error instanceof ApiError || error instanceof NetworkError || error instanceof OutputError)) document.requestId = error.requestId;
  return document;
}
