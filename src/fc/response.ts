// Decoding what the service answers: invocation headers, the log tail, API error bodies.

export type ResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

function header(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

function toNumber(value: string | null): number | null {
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

/** The X-Fc-* response headers of an invocation (fc2-protocol §4.2); absent ones are null. */
export function decodeInvocationHeaders(headers: ResponseHeaders): InvocationMeta {
  return {
    requestId: header(headers, 'x-fc-request-id'),
    functionError: header(headers, 'x-fc-error-type'),
    durationMs: toNumber(header(headers, 'x-fc-invocation-duration')),
    maxMemoryMB: toNumber(header(headers, 'x-fc-max-memory-usage')),
    instanceId: header(headers, 'x-fc-instance-id'),
    codeChecksum: header(headers, 'x-fc-code-checksum'),
    serviceVersion: header(headers, 'x-fc-invocation-service-version'),
    asyncInvocationId: header(headers, 'x-fc-stateful-async-invocation-id'),
    log: decodeLogResult(header(headers, 'x-fc-log-result')),
  };
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
