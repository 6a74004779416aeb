// The one JSON document `run --json` prints (cli-contract "--json document for one invocation").
import type { InvocationMeta } from '../fc/response.js';
import { decodeUtf8 } from './text.js';

export interface InvocationDocument {
  ok: boolean;
  status: number | null;
  requestId: string | null;
  invocationType: 'Sync' | 'Async';
  functionError: string | null;
  durationMs: number | null;
  maxMemoryMB: number | null;
  instanceId: string | null;
  codeChecksum: string | null;
  serviceVersion: string | null;
  asyncInvocationId: string | null;
  logs: string | null;
  body: string | null;
  bodyBase64: string | null;
  error: { code: string; message: string; status: number | null } | null;
  attempts: number;
  outputFile?: string;
}

export interface DocumentInput {
  status: number | null;
  invocationType: 'Sync' | 'Async';
  meta: InvocationMeta | null;
  /** The body, or null when it went to a file or there was none. */
  body: Buffer | null;
  error: InvocationDocument['error'];
  attempts: number;
  outputFile?: string | null;
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
  };
  if (input.outputFile) document.outputFile = input.outputFile;
  return document;
}
