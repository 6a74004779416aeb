// Reading what the service answers, in the forms every API version shares: header values,
// the invocation metadata, the log tail, API and function error bodies.

export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** The first value of a header (names lower-case), or null. */
export function firstHeader(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** A numeric header value; null when absent or not a number. */
export function headerNumber(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export interface DecodedLog {
  /** The decoded text, or null when the service sent none. */
  text: string | null;
  /** Set when the header could not be decoded completely. */
  problem: string | null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes `X-Fc-Log-Result` (base64 of the last 4 KB of the log). Invalid input is shown as far as it decodes. */
export function decodeLogResult(value: string | null): DecodedLog {
  if (value === null) return { text: null, problem: null };
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 === 1 || !BASE64.test(compact)) {
    const valid = compact.replace(/[^A-Za-z0-9+/=]/g, '');
    return {
      text: Buffer.from(valid, 'base64').toString('utf8'),
      problem: 'X-Fc-Log-Result is not valid base64; showing what could be decoded',
    };
  }
  return { text: Buffer.from(compact, 'base64').toString('utf8'), problem: null };
}

/** What the service says about one invocation, beside its body. */
export interface InvocationMeta {
  requestId: string | null;
  functionError: string | null;
  durationMs: number | null;
  maxMemoryMB: number | null;
  instanceId: string | null;
  codeChecksum: string | null;
  serviceVersion: string | null;
  asyncInvocationId: string | null;
  log: DecodedLog;
}

export interface ApiErrorBody {
  code: string;
  message: string;
}

function pickString(object: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * An API error body: `{ErrorCode, ErrorMessage}` (SDKs), `{errorCode, errorMessage}` (docs),
 * `{Code, Message}` (newer gateways), or anything else, which becomes the message as text.
 */
export function parseApiErrorBody(status: number, body: Buffer): ApiErrorBody {
  const text = body.toString('utf8').trim();
  const fallbackCode = `HTTP${status}`;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const object = parsed as Record<string, unknown>;
      const code = pickString(object, ['ErrorCode', 'errorCode', 'Code', 'code']);
      const message = pickString(object, ['ErrorMessage', 'errorMessage', 'Message', 'message']);
      if (code || message) return { code: code ?? fallbackCode, message: message ?? '(no message)' };
    }
  } catch {
    // not JSON: fall through to the text form
  }
  const oneLine = text.replace(/\s+/g, ' ').slice(0, 300);
  return { code: fallbackCode, message: oneLine === '' ? '(empty response body)' : oneLine };
}

export interface FunctionErrorBody {
  errorType: string | null;
  errorMessage: string | null;
}

/** The `{errorMessage, errorType, stackTrace}` body of a function error, as far as it parses. */
export function parseFunctionErrorBody(body: Buffer): FunctionErrorBody {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const object = parsed as Record<string, unknown>;
      return {
        errorType: pickString(object, ['errorType']) ?? null,
        errorMessage: pickString(object, ['errorMessage']) ?? null,
      };
    }
  } catch {
    // a function may fail with any body
  }
  return { errorType: null, errorMessage: null };
}

/**
 * The x-fc-* invocation headers both API versions send, under the same names except the async
 * ID's (`asyncIdHeader`); absent or non-numeric ones are null.
 */
export function decodeInvocationMeta(headers: ResponseHeaders, asyncIdHeader: string): InvocationMeta {
  return {
    requestId: firstHeader(headers, 'x-fc-request-id'),
    functionError: firstHeader(headers, 'x-fc-error-type'),
    durationMs: headerNumber(firstHeader(headers, 'x-fc-invocation-duration')),
    maxMemoryMB: headerNumber(firstHeader(headers, 'x-fc-max-memory-usage')),
    instanceId: firstHeader(headers, 'x-fc-instance-id'),
    codeChecksum: firstHeader(headers, 'x-fc-code-checksum'),
    serviceVersion: firstHeader(headers, 'x-fc-invocation-service-version'),
    asyncInvocationId: firstHeader(headers, asyncIdHeader),
    log: decodeLogResult(firstHeader(headers, 'x-fc-log-result')),
  };
}
