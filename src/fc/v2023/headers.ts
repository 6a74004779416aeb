// The signed headers of an FC 3.0 request, built purely from fixed inputs: the API variant
// (fc3-protocol §5.2, what the official SDK sends) and the HTTP-trigger variant (§5.5).
import type { Credentials } from '../../credentials.js';
import { formatAcsDate } from './date.js';
import type { QueryMap } from './query.js';
import { signAcs3, type HeaderMap } from './sign.js';

/** The FC 3.0 API version, sent as `x-acs-version`. */
export const FC3_API_VERSION = '2023-03-30';

/** What the HTTP-trigger variant signs (fc3-protocol §5.5): no host, no body hash. */
export const TRIGGER_SIGNED_HEADERS: readonly string[] = ['x-acs-date', 'x-acs-security-token'];

export interface Acs3RequestInput {
  method: string;
  /** The URL path exactly as sent, already percent-encoded. */
  pathname: string;
  query?: QueryMap | undefined;
  /** The Host header as sent: with the port when the endpoint has one. */
  host: string;
  /** `x-acs-action`, e.g. `InvokeFunction`, `GetAsyncTask`. */
  action: string;
  /** `x-acs-version`; default 2023-03-30. */
  version?: string | undefined;
  date: Date;
  /** A fresh unique string per request (`x-acs-signature-nonce`). */
  nonce: string;
  /** Only when there is a body (the SDK sends `application/octet-stream` then, nothing without one). */
  contentType?: string | undefined;
  /** Hex SHA-256 of the exact body bytes; `EMPTY_SHA256` without a body. */
  bodyHash: string;
  credentials: Credentials;
  /** Sent as given and never signed: `x-fc-*`, accept, user-agent. */
  headers?: HeaderMap | undefined;
}

// Headers a signer adds itself: taking them from the caller too would send one value and sign another.
function checkUnsigned(headers: HeaderMap | undefined, reserved: (name: string) => boolean): void {
  for (const name of Object.keys(headers ?? {})) {
    if (reserved(name.toLowerCase())) {
      throw new RangeError(`header '${name}' is set by the ACS3 signer; pass it through the signer's own inputs`);
    }
  }
}

/**
 * The request headers of an FC 3.0 API call, Authorization included, in the SDK's order.
 * Signed: host, x-acs-version, x-acs-action, x-acs-date, x-acs-signature-nonce, content-type
 * (with a body), x-acs-content-sha256, x-acs-credentials-provider (`static_ak`/`static_sts`,
 * as the SDK sends it; the vectors sign it) and, with an STS token, x-acs-accesskey-id and
 * x-acs-security-token. The caller's extra headers are sent but not signed.
 */
export function buildAcs3Headers(input: Acs3RequestInput): Record<string, string> {
  checkUnsigned(input.headers, (n) => n === 'host' || n === 'content-type' || n === 'authorization' || n.startsWith('x-acs-'));
  const { credentials } = input;
  const sts = credentials.securityToken !== undefined && credentials.securityToken !== '';
  const headers: Record<string, string> = {
    host: input.host,
    'x-acs-version': input.version ?? FC3_API_VERSION,
    'x-acs-action': input.action,
    'x-acs-date': formatAcsDate(input.date),
    'x-acs-signature-nonce': input.nonce,
    ...input.headers,
  };
  if (input.contentType !== undefined) headers['content-type'] = input.contentType;
  headers['x-acs-content-sha256'] = input.bodyHash;
  headers['x-acs-credentials-provider'] = sts ? 'static_sts' : 'static_ak';
  if (sts) {
    headers['x-acs-accesskey-id'] = credentials.accessKeyId;
    headers['x-acs-security-token'] = credentials.securityToken!;
  }
  const request = { method: input.method, pathname: input.pathname, query: input.query, headers, payloadHash: input.bodyHash };
  headers.authorization = signAcs3(request, credentials.accessKeyId, credentials.accessKeySecret).authorization;
  return headers;
}

export interface TriggerAcs3Input {
  method: string;
  /** The URL path exactly as sent, already percent-encoded (`$` as `%24`). */
  pathname: string;
  query?: QueryMap | undefined;
  date: Date;
  credentials: Credentials;
  /** Sent as given and never signed (host and content-type too, in this variant). */
  headers?: HeaderMap | undefined;
}

/**
 * The headers of an HTTP-trigger request with `function` auth (fc3-protocol §5.5): x-acs-date
 * and x-acs-security-token (empty without STS, and signed even then), an empty payload hash,
 * so the body is not signed and may stream, and host left unsigned.
 */
export function buildTriggerAcs3Headers(input: TriggerAcs3Input): Record<string, string> {
  checkUnsigned(input.headers, (n) => n === 'authorization' || TRIGGER_SIGNED_HEADERS.includes(n));
  const { credentials } = input;
  const headers: Record<string, string> = {
    ...input.headers,
    'x-acs-date': formatAcsDate(input.date),
    'x-acs-security-token': credentials.securityToken ?? '',
  };
  const request = {
    method: input.method,
    pathname: input.pathname,
    query: input.query,
    headers,
    payloadHash: '',
    signedHeaders: TRIGGER_SIGNED_HEADERS,
  };
  headers.authorization = signAcs3(request, credentials.accessKeyId, credentials.accessKeySecret).authorization;
  return headers;
}
