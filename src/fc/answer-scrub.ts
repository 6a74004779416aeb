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
  if (secrets) return secrets.scrubberFor(request);
  return (text) => scrubSecrets(text, request);
}

function scrubNullable(value: string | null, scrub: Scrub): string | null {
  return value === null ? null : scrub(value);
}

/** The text fields of the invocation headers, which may carry what the service echoed. */
const META_TEXTS = ['requestId', 'functionError', 'instanceId', 'codeChecksum', 'serviceVersion', 'asyncInvocationId'] as const;

/** The invocation headers as decoded, every text scrubbed; the same object when nothing needed it. */
export function scrubMeta(meta: InvocationMeta, scrub: Scrub): InvocationMeta {
  let out: InvocationMeta | undefined;
  for (const key of META_TEXTS) {
    const value = scrubNullable(meta[key], scrub);
    if (value === meta[key]) continue;
    out ??= { ...meta };
    out[key] = value;
  }
  const logText = scrubNullable(meta.log.text, scrub);
  if (logText !== meta.log.text) {
    out ??= { ...meta };
    out.log = { text: logText, problem: meta.log.problem };
  }
  return out ?? meta;
}

/** Response headers (for --verbose), every value scrubbed; the same object when nothing needed it. */
export function scrubHeaders(headers: ResponseHeaders, scrub: Scrub): ResponseHeaders {
  let out: Record<string, string | string[] | undefined> | undefined;
  const names = Object.keys(headers);
  for (let i = 0; i < names.length; i++) {
    const value = headers[names[i]!];
    const scrubbed = value === undefined ? undefined : Array.isArray(value) ? scrubArray(value, scrub) : scrub(value);
    if (out === undefined && scrubbed !== value) {
      out = {};
      for (let k = 0; k < i; k++) out[names[k]!] = headers[names[k]!];
    }
    if (out !== undefined) out[names[i]!] = scrubbed;
  }
  return out ?? headers;
}

function scrubArray(values: string[], scrub: Scrub): string[] {
  const scrubbed = values.map(scrub);
  return scrubbed.every((value, i) => value === values[i]) ? values : scrubbed;
}

/** The error with its code, message and request ID scrubbed (fcinvoke's own note kept). */
export function scrubApiError(error: ApiError, scrub: Scrub): ApiError {
  const code = scrub(error.code);
  const message = scrub(error.serviceMessage);
  const requestId = scrubNullable(error.requestId, scrub);
  if (code === error.code && message === error.serviceMessage && requestId === error.requestId) return error;
  return new ApiError(code, message, error.status, requestId, { note: error.note });
}

/**
 * A parsed JSON answer (or a document) with every string in it, keys too, scrubbed. Copies
 * only what changes and returns the very value when nothing does: a batch scrubs every
 * line's document, and almost none holds a secret.
 */
export function scrubJson(value: unknown, scrub: Scrub): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = scrubJson(value[i], scrub);
      if (out === undefined && item !== value[i]) out = value.slice(0, i);
      out?.push(item);
    }
    return out ?? value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const name = scrub(key);
    const item = scrubJson(record[key], scrub);
    if (out === undefined && (name !== key || item !== record[key])) {
      out = {};
      for (let k = 0; k < i; k++) setOwn(out, keys[k]!, record[keys[k]!]);
    }
    if (out !== undefined) setOwn(out, name, item);
  }
  return out ?? value;
}

/** Sets a key as own data, "__proto__" too (a parsed answer may hold one; assignment would set the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
