// FC 3.0 requests, built and signed purely (fc3-protocol §5.2): the host as the base URL gives
// it, the signed query on the URL, ACS3 over the signed headers, and InvokeFunction itself.
import type { ApiConnection, InvokeSpec, SignedRequest, SignStamp } from '../fc-api.js';
import { buildAcs3Headers } from './headers.js';
import { invocationPath, qualifierQuery } from './paths.js';
import { formatQueryString, type QueryMap } from './query.js';
import { EMPTY_SHA256 } from './sign.js';

export interface Acs3Call {
  method: SignedRequest['method'];
  /** The API path, already percent-encoded; a path in the base URL goes before it, unsigned. */
  path: string;
  query?: QueryMap | undefined;
  /** `x-acs-action`, the API's name. */
  action: string;
  /** Sent, not signed: `x-fc-*`, content-length. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Only with a body. */
  contentType?: string | undefined;
  /** Hex SHA-256 of the body; the empty-body hash by default. */
  bodyHash?: string | undefined;
}

/**
 * The authority of the base URL exactly as written, port included: the Host header that is
 * signed is the one sent (undici sends a given `host` header as it is).
 */
export function hostOf(baseUrl: string): string {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]+)/.exec(baseUrl);
  if (!match) throw new RangeError(`base URL ${JSON.stringify(baseUrl)} has no host`);
  return match[1]!;
}

/** One FC 3.0 API call, signed with this attempt's date and nonce. */
export function signCall(connection: ApiConnection, call: Acs3Call, stamp: SignStamp): SignedRequest {
  const headers = buildAcs3Headers({
    method: call.method,
    pathname: call.path,
    query: call.query,
    host: hostOf(connection.baseUrl),
    action: call.action,
    date: stamp.date,
    nonce: stamp.nonce,
    contentType: call.contentType,
    bodyHash: call.bodyHash ?? EMPTY_SHA256,
    credentials: connection.credentials,
    // The official SDK asks for JSON on every call, InvokeFunction too (fc3-protocol section 5.2).
    headers: { accept: 'application/json', 'user-agent': connection.userAgent, ...call.headers },
  });
  // The signer's own encoding, so the server decodes exactly the map that was signed.
  const search = formatQueryString(call.query);
  return { method: call.method, url: `${connection.baseUrl}${call.path}${search === '' ? '' : `?${search}`}`, path: call.path, headers };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The hash to sign: the caller's for a body, the empty-body hash without one; a missing or malformed one is a bug. */
function bodyHashOf(spec: InvokeSpec): string {
  const given = spec.bodySha256;
  if (given !== undefined && !SHA256_HEX.test(given)) {
    throw new Error(`InvokeSpec.bodySha256 must be 64 lower-case hex digits, not ${JSON.stringify(given)}`);
  }
  if (spec.contentLength === 0) {
    if (given !== undefined && given !== EMPTY_SHA256) throw new Error('InvokeSpec.bodySha256 is not the hash of an empty body, but contentLength is 0');
    return EMPTY_SHA256;
  }
  if (given === undefined) throw new Error('FC 3.0 signs the body: InvokeSpec.bodySha256 is required for a non-empty body (see FcApi.signsBody)');
  return given;
}

/**
 * The InvokeFunction request: Content-Length always (streamed, never chunked), a content type
 * only with a body (as the SDK), the qualifier in the signed query, the async task ID header.
 */
export function buildInvokeRequest(connection: ApiConnection, spec: InvokeSpec, stamp: SignStamp): SignedRequest {
  const async = spec.async || Boolean(spec.asyncId);
  const headers: Record<string, string> = {
    ...spec.extraHeaders,
    'content-length': String(spec.contentLength),
    'x-fc-invocation-type': async ? 'Async' : 'Sync',
  };
  if (spec.logs && !async) headers['x-fc-log-type'] = 'Tail';
  if (spec.asyncId) headers['x-fc-async-task-id'] = spec.asyncId;
  return signCall(
    connection,
    {
      method: 'POST',
      path: invocationPath(spec.target),
      query: qualifierQuery(spec.target),
      action: 'InvokeFunction',
      headers,
      contentType: spec.contentLength > 0 ? 'application/octet-stream' : undefined,
      bodyHash: bodyHashOf(spec),
    },
    stamp,
  );
}
