// Building and signing requests, purely: the output is a complete request spec that the
// send step (or --dry-run) uses as it is.
import type { Credentials } from '../credentials.js';
import { invocationPath } from './endpoint.js';
import type { FunctionTarget } from './names.js';
import { buildAuthorization } from './sign.js';

export interface SignedRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  /** The signed path (no query). */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
}

export interface SignRequestInput {
  method: SignedRequest['method'];
  baseUrl: string;
  path: string;
  /** Appended to the URL, never signed (fc2-protocol §2.2: only /proxy/ paths sign the query). */
  query?: Readonly<Record<string, string>> | undefined;
  headers: Record<string, string>;
  credentials: Credentials;
  accountId?: string | undefined;
  date: Date;
  userAgent: string;
}

/** Adds Date, account, token and Authorization to a request and signs it. */
export function signRequest(input: SignRequestInput): SignedRequest {
  // Object.assign, not a spread: V8 adds keys to a spread copy of such a map slowly (µs a request).
  const headers: Record<string, string> = Object.assign({}, input.headers);
  headers.date = input.date.toUTCString();
  headers['user-agent'] = input.userAgent;
  if (input.accountId) headers['x-fc-account-id'] = input.accountId;
  // Signed whenever configured; the node SDK's "only for STS.* IDs" rule silently drops
  // tokens (fc2-protocol §2.3), which would turn a config mistake into a baffling 403.
  if (input.credentials.securityToken) headers['x-fc-security-token'] = input.credentials.securityToken;
  headers.authorization = buildAuthorization(
    { method: input.method, path: input.path, headers },
    input.credentials.accessKeyId,
    input.credentials.accessKeySecret,
  );
  const search = input.query && Object.keys(input.query).length > 0 ? `?${new URLSearchParams(input.query)}` : '';
  return { method: input.method, url: `${input.baseUrl}${input.path}${search}`, path: input.path, headers };
}

export interface InvokeRequestInput {
  baseUrl: string;
  target: FunctionTarget;
  credentials: Credentials;
  accountId?: string | undefined;
  async: boolean;
  asyncId?: string | undefined;
  logs: boolean;
  extraHeaders: Readonly<Record<string, string>>;
  contentLength: number;
  date: Date;
  userAgent: string;
}

/** The InvokeFunction request: always Content-Length, never chunked, no Content-MD5. */
export function buildInvokeRequest(input: InvokeRequestInput): SignedRequest {
  const headers: Record<string, string> = {
    ...input.extraHeaders,
    'content-type': 'application/octet-stream',
    'content-length': String(input.contentLength),
    'x-fc-invocation-type': input.async || input.asyncId ? 'Async' : 'Sync',
  };
  if (input.logs && !input.async && !input.asyncId) headers['x-fc-log-type'] = 'Tail';
  if (input.asyncId) headers['x-fc-stateful-async-invocation-id'] = input.asyncId;
  return signRequest({
    method: 'POST',
    baseUrl: input.baseUrl,
    path: invocationPath(input.target),
    headers,
    credentials: input.credentials,
    accountId: input.accountId,
    date: input.date,
    userAgent: input.userAgent,
  });
}
