// Maps low-level transport failures (undici's stable UND_ERR_* codes, Node's socket errno
// codes) to fcinvoke's NetworkError, and says whether the request provably never left.
import { NetworkError } from '../errors.js';

/** Failures while connecting: the request was not written, so the function cannot have run. */
const NOT_SENT = new Set([
  'EMFILE',
  'ENFILE',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
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

/** This machine ran out of descriptors before connecting: nothing was sent, and fewer connections at once help. */
const LOCAL_LIMITS = new Set(['EMFILE', 'ENFILE']);

const NOT_TLS = 'TLS handshake failed: the server does not speak TLS';
const TLS_REFUSED = 'TLS handshake failed: no TLS version in common with the server';

/** What follows the host for failures whose cause is on this side. */
const ADVICE: Readonly<Record<string, string>> = {
  ENOTFOUND: ': check --region/--account-id or --endpoint',
  EMFILE: '; nothing was sent: raise the limit (ulimit -n) or lower the concurrency (-c)',
  ENFILE: '; nothing was sent: close other programs or lower the concurrency (-c)',
  ERR_SSL_WRONG_VERSION_NUMBER: '; nothing was sent: is the endpoint http://?',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: '; nothing was sent: is the endpoint http://?',
  ERR_SSL_UNSUPPORTED_PROTOCOL: '; nothing was sent',
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: '; nothing was sent',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: '; nothing was sent',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: '; nothing was sent',
};

const DESCRIPTIONS: Readonly<Record<string, [string, string]>> = {
  EMFILE: ['TooManyOpenFiles', 'too many open files in this process (EMFILE) to open a connection'],
  ENFILE: ['TooManyOpenFiles', "the system's table of open files is full (ENFILE), so no connection could be opened"],
  ERR_SSL_WRONG_VERSION_NUMBER: ['TlsHandshakeFailed', NOT_TLS],
  ERR_SSL_PACKET_LENGTH_TOO_LONG: ['TlsHandshakeFailed', NOT_TLS],
  ERR_SSL_UNSUPPORTED_PROTOCOL: ['TlsHandshakeFailed', TLS_REFUSED],
  ERR_SSL_NO_PROTOCOLS_AVAILABLE: ['TlsHandshakeFailed', TLS_REFUSED],
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: ['TlsHandshakeFailed', TLS_REFUSED],
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: ['TlsHandshakeFailed', TLS_REFUSED],
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

/** True when this machine ran out of file descriptors (EMFILE, ENFILE) before connecting. */
export function isLocalLimit(error: unknown): boolean {
  const code = error instanceof NetworkError ? findCode(error.cause) : findCode(error);
  return code !== undefined && LOCAL_LIMITS.has(code);
}

/** TLS handshakes that failed for what the server speaks: another attempt would fail the same way. */
const HANDSHAKE_MISMATCH = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
]);

/** True when retrying cannot help although nothing was sent (a TLS handshake with a server that does not speak it). */
export function isFinalTransport(error: unknown): boolean {
  const code = error instanceof NetworkError ? findCode(error.cause) : findCode(error);
  return code !== undefined && HANDSHAKE_MISMATCH.has(code);
}

/** Other OpenSSL failures: their reason, not OpenSSL's whole line with its source file. */
function tlsText(error: unknown): string | null {
  const reason = (error as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' && reason !== '' ? `TLS failure: ${reason}` : null;
}

/** undici's words for an answer that is not HTTP it can read (an unrequested 100 Continue, a 101 without an upgrade). */
const NOT_HTTP = /^bad (response|upgrade)$/;

/** A NetworkError naming the failure and the host; the low-level error stays as `cause`. */
export function toNetworkError(error: unknown, url: string, requestId: string | null = null): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = findCode(error);
  const [name, text] = describe(error, code);
  const host = safeHost(url);
  const hint = (code === undefined ? undefined : ADVICE[code]) ?? '';
  return new NetworkError(name, `${text} (${host})${hint}`, { cause: error, requestId });
}

/** The NetworkError code and text of a low-level failure. */
function describe(error: unknown, code: string | undefined): [string, string] {
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'UND_ERR_SOCKET' && NOT_HTTP.test(message)) {
    return ['BadResponse', 'the answer was not HTTP that can be read (a stray 1xx such as an unrequested 100 Continue?)'];
  }
  const known = code === undefined ? undefined : DESCRIPTIONS[code];
  if (known) return known;
  const tls = code?.startsWith('ERR_SSL_') ? tlsText(error) : null;
  return tls ? ['TlsFailure', tls] : ['NetworkError', message];
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
