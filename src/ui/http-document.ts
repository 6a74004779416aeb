// The one JSON document `http --json` prints (cli-contract `http`): the answer's status,
// headers and body, what FC said about the invocation, or the failure.
import { ApiError, NetworkError, type FcInvokeError } from '../errors.js';
import type { InvocationMeta } from '../fc/response.js';
import { decodeUtf8 } from './text.js';

export interface HttpDocument {
  ok: boolean;
  /** The API the request was addressed as: 2016-08-15 (FC 2.0 scheme) or 2023-03-30 (ACS3); null when it failed before. */
  apiVersion: string | null;
  /** null when it failed before the URL was known. */
  url: string | null;
  method: string;
  /** null when nothing answered. */
  status: number | null;
  /** Lower-case names; a repeated header as a list. null when nothing answered. */
  headers: Record<string, string | string[]> | null;
  requestId: string | null;
  functionError: string | null;
  logs: string | null;
  durationMs: number | null;
  instanceId: string | null;
  body: string | null;
  bodyBase64: string | null;
  error: { code: string; message: string; status: number | null } | null;
  attempts: number;
}

export interface HttpDocumentInput {
  ok: boolean;
  apiVersion: string | null;
  url: string | null;
  method: string;
  status: number | null;
  /** Already fit to show (fc/http-trigger/redact.ts scrubResponseHeaders). */
  headers: Record<string, string | string[]> | null;
  meta: InvocationMeta | null;
  /** The body, or null when it went to a file or there was none to show. */
  body: Buffer | null;
  error: FcInvokeError | null;
  attempts: number;
}

/** Builds the document; `body` is text when it is valid UTF-8, else `bodyBase64` holds it. */
export function buildHttpDocument(input: HttpDocumentInput): HttpDocument {
  const { meta, error } = input;
  const text = input.body ? decodeUtf8(input.body) : null;
  const requestId = meta?.requestId ?? (error instanceof ApiError || error instanceof NetworkError ? error.requestId : null);
  return {
    ok: input.ok,
    apiVersion: input.apiVersion,
    url: input.url,
    method: input.method,
    status: input.status,
    headers: input.headers,
    requestId,
    functionError: meta?.functionError ?? null,
    logs: meta?.log.text ?? null,
    durationMs: meta?.durationMs ?? null,
    instanceId: meta?.instanceId ?? null,
    body: text,
    bodyBase64: input.body && text === null ? input.body.toString('base64') : null,
    error: error ? { code: error.code, message: error.message, status: error instanceof ApiError ? error.status : null } : null,
    attempts: input.attempts,
  };
}
