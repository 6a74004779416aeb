// FC 2.0 requests, built and signed purely (fc2-protocol §2): the Date, account and token
// headers, the "FC" signature, and the InvokeFunction request itself.
import type { Credentials } from '../../credentials.js';
import type { ApiConnection, InvokeSpec, SignedRequest } from '../fc-api.js';
import { invocationPath } from './paths.js';
import { perSecond } from '../per-second.js';
import type { SignatureMemo } from '../signature-memo.js';
import { buildStringToSign, computeSignature, formatFcAuthorization } from './sign.js';

export interface SignRequestInput {
  method: SignedRequest['method'];
  baseUrl: string;
  path: string;
  /** Appended to the URL, never signed (fc2-protocol §2.2: only /proxy/ paths sign the query). */
  query?: Readonly<Record<string, string>> | undefined;
  headers: Readonly<Record<string, string>>;
  credentials: Credentials;
  accountId?: string | undefined;
  date: Date;
  userAgent: string;
  /** The connection's memo of its last signature. */
  signatures?: SignatureMemo | undefined;
}

/** The Date header's text. */
const httpDate = perSecond((date) => date.toUTCString());

/** Adds Date, account, token and Authorization to a request and signs it. */
export function signRequest(input: SignRequestInput): SignedRequest {
  // Object.assign, not a spread: V8 adds keys to a spread copy of such a map slowly (µs a request).
  const headers: Record<string, string> = Object.assign({}, input.headers);
  headers.date = httpDate(input.date);
  headers['user-agent'] = input.userAgent;
  if (input.accountId) headers['x-fc-account-id'] = input.accountId;
  // Signed whenever configured; the node SDK's "only for STS.* IDs" rule silently drops
  // tokens (fc2-protocol §2.3), which would turn a config mistake into a baffling 403.
  if (input.credentials.securityToken) headers['x-fc-security-token'] = input.credentials.securityToken;
  const { accessKeyId, accessKeySecret } = input.credentials;
  const stringToSign = buildStringToSign({ method: input.method, path: input.path, headers });
  const compute = () => computeSignature(stringToSign, accessKeySecret);
  const signature = input.signatures ? input.signatures.signatureOf(stringToSign, accessKeySecret, compute) : compute();
  headers.authorization = formatFcAuthorization(accessKeyId, signature);
  const search = input.query && Object.keys(input.query).length > 0 ? `?${new URLSearchParams(input.query)}` : '';
  return { method: input.method, url: `${input.baseUrl}${input.path}${search}`, path: input.path, headers };
}

/** The InvokeFunction request: always Content-Length, never chunked, no Content-MD5 (the body is not signed). */
export function buildInvokeRequest(connection: ApiConnection, spec: InvokeSpec, date: Date): SignedRequest {
  const async = spec.async || Boolean(spec.asyncId);
  const headers: Record<string, string> = {
    ...spec.extraHeaders,
    'content-type': 'application/octet-stream',
    'content-length': String(spec.contentLength),
    'x-fc-invocation-type': async ? 'Async' : 'Sync',
  };
  if (spec.logs && !async) headers['x-fc-log-type'] = 'Tail';
  if (spec.asyncId) headers['x-fc-stateful-async-invocation-id'] = spec.asyncId;
  return signRequest({
    method: 'POST',
    baseUrl: connection.baseUrl,
    path: invocationPath(spec.target),
    headers,
    credentials: connection.credentials,
    accountId: connection.accountId,
    date,
    userAgent: connection.userAgent,
    signatures: connection.signatures,
  });
}
