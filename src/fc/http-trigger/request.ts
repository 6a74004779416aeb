// One HTTP-trigger request, as the caller means it (TriggerRequestSpec), and the request of one
// attempt built from it: the caller's headers, the invocation headers and, with `function`
// auth, the chosen signature with a fresh date. Pure.
import type { Credentials } from '../../credentials.js';
import type { HttpMethod, SignedRequest, SignStamp } from '../fc-api.js';
import type { TriggerAuth } from './headers.js';
import { signAcs3Trigger, signFcTrigger, type SignScheme } from './sign.js';
import type { TriggerAddress } from './target.js';

export interface TriggerRequestSpec {
  method: HttpMethod;
  /** The URL to send, query included: every attempt sends exactly this. */
  url: string;
  address: TriggerAddress;
  auth: TriggerAuth;
  /** The signature with `function` auth; also which API the answer is read as. */
  scheme: SignScheme;
  /** The caller's headers, names lower-case, already checked (headers.ts). */
  headers: Readonly<Record<string, string>>;
  async: boolean;
  /** Ask for the log tail (synchronous calls). */
  logs: boolean;
  /** Bytes of the body; 0 for none. */
  contentLength: number;
}

/** As whom a `function`-auth request is signed. */
export interface TriggerSigner {
  credentials: Credentials;
  /** Sent as x-fc-account-id with the FC 2.0 scheme, when known. */
  accountId?: string | undefined;
}

/** A body without a Content-Type of the caller's is sent as what fcinvoke knows it to be: bytes. */
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * `url` as it is sent: ACS3 signs the path with `$` as `%24` (http-triggers.md §3), so the
 * path sent has it so too and the receiver reads the path that was signed.
 */
export function urlToSend(url: string, scheme: SignScheme): string {
  if (scheme !== 'acs3') return url;
  const parsed = new URL(url);
  parsed.pathname = parsed.pathname.replace(/\$/g, '%24');
  return parsed.href;
}

/** The headers fcinvoke sends for the call whatever the auth: the caller's, the body's, the invocation's. */
function unsignedHeaders(spec: TriggerRequestSpec, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': userAgent };
  Object.assign(headers, spec.headers);
  if (spec.contentLength > 0) {
    headers['content-length'] = String(spec.contentLength);
    headers['content-type'] ??= DEFAULT_CONTENT_TYPE;
  }
  headers['x-fc-invocation-type'] = spec.async ? 'Async' : 'Sync';
  if (spec.logs && !spec.async) headers['x-fc-log-type'] = 'Tail';
  return headers;
}

/**
 * The request of one attempt. `signer` is required with `function` auth; with `anonymous`
 * nothing of the credentials is sent, not even the account.
 */
export function buildTriggerRequest(spec: TriggerRequestSpec, signer: TriggerSigner | null, userAgent: string, stamp: SignStamp): SignedRequest {
  const url = urlToSend(spec.url, spec.scheme);
  const base = unsignedHeaders(spec, userAgent);
  if (spec.auth === 'anonymous') return { method: spec.method, url, path: new URL(url).pathname, headers: base };
  if (!signer) throw new TypeError('a function-auth trigger request needs a signer');
  const { pathname, search } = new URL(url);
  const query = search.slice(1);
  const headers =
    spec.scheme === 'fc'
      ? signFcTrigger({
          method: spec.method,
          path: spec.address.proxyPath ?? pathname,
          search: query,
          headers: base,
          credentials: signer.credentials,
          accountId: signer.accountId,
          date: stamp.date,
        })
      : signAcs3Trigger({ method: spec.method, pathname, search: query, headers: base, credentials: signer.credentials, date: stamp.date });
  return { method: spec.method, url, path: pathname, headers };
}
