// Maps low-level transport failures (undici's stable UND_ERR_* codes, Node's socket errno
// codes) to fcinvoke's NetworkError, and says whether the request provably never left.
import { NetworkError } from '../errors.js';

/** Failures while connecting: the request was not written, so the function cannot have run. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
]);

const DESCRIPTIONS: Readonly<Record<string, [string, string]>> = {
  ECONNREFUSED: ['ConnectionRefused', 'connection refused'],
  ENOTFOUND: ['HostNotFound', 'host not found (DNS)'],
  EAI_AGAIN: ['DnsFailure', 'DNS lookup failed temporarily'],
  EHOSTUNREACH: ['HostUnreachable', 'host unreachable'],
  ENETUNREACH: ['NetworkUnreachable', 'network unreachable'],
  ECONNRESET: ['ConnectionReset', 'connection reset by the server'],
  EPIPE: ['ConnectionReset', 'connection closed while sending'],
  UND_ERR_CONNECT_TIMEOUT: ['ConnectTimeout', 'timed out connecting'],
  UND_ERR_HEADERS_TIMEOUT: ['Timeout', 'timed out waiting for the response headers'],
  UND_ERR_BODY_TIMEOUT: ['Timeout', 'timed out waiting for the response body'],
  UND_ERR_SOCKET: ['ConnectionReset', 'the connection closed unexpectedly'],
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: ['IncompleteResponse', 'the response was shorter than its Content-Length'],
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: ['IncompleteRequest', 'the event was not the size announced'],
  UND_ERR_HEADERS_OVERFLOW: ['HeadersTooLarge', 'the response headers were too large'],
  UND_ERR_INFO: ['ConnectionReset', 'the connection closed unexpectedly'],
};

function findCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in DESCRIPTIONS) return code;
    if (typeof code === 'string' && NOT_SENT.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  const top = error && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  return typeof top === 'string' ? top : undefined;
}

/** True for failures of the connection (as opposed to, say, a local disk error). */
export function isTransportError(error: unknown): boolean {
  const code = findCode(error);
  return code !== undefined && (code in DESCRIPTIONS || NOT_SENT.has(code));
}

/** True when the failure happened before the request was written. */
export function wasNotSent(error: unknown): boolean {
  const code = findCode(error);
  return code !== undefined && NOT_SENT.has(code);
}

/** A NetworkError naming the failure and the host; the low-level error stays as `cause`. */
export function toNetworkError(error: unknown, url: string, requestId: string | null = null): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = findCode(error);
  const [name, text] = (code ? DESCRIPTIONS[code] : undefined) ?? [
    'NetworkError',
    error instanceof Error ? error.message : String(error),
  ];
  const host = safeHost(url);
  const hint = code === 'ENOTFOUND' ? ': check --region/--account-id or --endpoint' : '';
  return new NetworkError(name, `${text} (${host})${hint}`, { cause: error, requestId });
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
