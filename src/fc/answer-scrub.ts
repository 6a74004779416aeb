// The one redaction pass over what the service (or anything in between) sent back: header
// values, the decoded log tail, error codes and messages, and the JSON of the async APIs.
// Applied where an answer is read, so every output made of it (plain, --json, batch lines,
// summaries, status, list) gets only the scrubbed text. The raw result body is the function's
// data and is left byte-exact; a JSON document scrubs its text body (ui/report-json.ts).
import { ApiError } from '../errors.js';
import { scrubSecrets, type Secrets } from './redact.js';
import type { InvocationMeta, ResponseHeaders } from './response.js';

/** Takes the secrets out of one text. */
export type Scrub = (text: string) => string;

/**
 * The scrub for one answer: the run's secrets, plus the credentials and signature of the
 * request it answers (also without a run, as in the library's tests).
 */
export function answerScrub(secrets: Secrets | undefined, request: readonly (string | null | undefined)[]): Scrub {
  if (secrets) return (text) => secrets.scrubFor(text, request);
  return (text) => scrubSecrets(text, request);
}

function scrubNullable(value: string | null, scrub: Scrub): string | null {
  return value === null ? null : scrub(value);
}

/** The invocation headers as decoded, every text scrubbed. */
export function scrubMeta(meta: InvocationMeta, scrub: Scrub): InvocationMeta {
  return {
    ...meta,
    requestId: scrubNullable(meta.requestId, scrub),
    functionError: scrubNullable(meta.functionError, scrub),
    instanceId: scrubNullable(meta.instanceId, scrub),
    codeChecksum: scrubNullable(meta.codeChecksum, scrub),
    serviceVersion: scrubNullable(meta.serviceVersion, scrub),
    asyncInvocationId: scrubNullable(meta.asyncInvocationId, scrub),
    log: { text: scrubNullable(meta.log.text, scrub), problem: meta.log.problem },
  };
}

/** Response headers (for --verbose), every value scrubbed. */
export function scrubHeaders(headers: ResponseHeaders, scrub: Scrub): ResponseHeaders {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = value === undefined ? undefined : Array.isArray(value) ? value.map(scrub) : scrub(value);
  }
  return out;
}

/** The error with its code, message and request ID scrubbed (fcinvoke's own note kept). */
export function scrubApiError(error: ApiError, scrub: Scrub): ApiError {
  const code = scrub(error.code);
  const message = scrub(error.serviceMessage);
  const requestId = scrubNullable(error.requestId, scrub);
  if (code === error.code && message === error.serviceMessage && requestId === error.requestId) return error;
  return new ApiError(code, message, error.status, requestId, { note: error.note });
}

/** A parsed JSON answer with every string in it (keys too) scrubbed. */
export function scrubJson(value: unknown, scrub: Scrub): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((item) => scrubJson(item, scrub));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [scrub(key), scrubJson(item, scrub)]));
  }
  return value;
}
