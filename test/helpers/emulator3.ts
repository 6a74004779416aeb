// Test helpers for the emulator's FC 3.0 API: raw HTTP requests signed with ACS3-HMAC-SHA256
// as the official SDK signs them (src/fc/v2023/headers.ts), and the paths they go to.
import { randomUUID } from 'node:crypto';
import type { EmulatorKey } from '../../src/emulator/auth.js';
import { buildAcs3Headers } from '../../src/fc/v2023/headers.js';
import { formatQueryString, percentEncode } from '../../src/fc/v2023/query.js';
import { EMPTY_SHA256, sha256Hex } from '../../src/fc/v2023/sign.js';
import { AK_KEY, rawRequest, type RawResponse } from './emulator.js';

/** `/2023-03-30/functions/{fn}/{rest}`, the name encoded as the SDK encodes it (`$` → `%24`). */
export function fc3Path(functionName: string, rest = 'invocations'): string {
  return `/2023-03-30/functions/${percentEncode(functionName)}/${rest}`;
}

export interface Fc3Request {
  /** Default POST. */
  method?: string;
  /** The encoded path, e.g. fc3Path('echo'). */
  path: string;
  query?: Record<string, string>;
  /** x-acs-action; default InvokeFunction. */
  action?: string;
  body?: Buffer | string;
  /** Unsigned extra headers (x-fc-*). */
  headers?: Record<string, string>;
  key?: EmulatorKey;
  /** Sign with this secret instead of the key's. */
  secret?: string;
  date?: Date;
  nonce?: string;
  chunked?: boolean;
  /** Header names to drop after signing. */
  omit?: string[];
}

/** The headers the SDK sends for `req` against `baseUrl`, Authorization included. */
export function signFc3Headers(baseUrl: string, req: Fc3Request): Record<string, string> {
  const key = req.key ?? AK_KEY;
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const headers = buildAcs3Headers({
    method: req.method ?? 'POST',
    pathname: req.path,
    query: req.query,
    host: new URL(baseUrl).host,
    action: req.action ?? 'InvokeFunction',
    date: req.date ?? new Date(),
    nonce: req.nonce ?? randomUUID(),
    contentType: body === undefined ? undefined : 'application/octet-stream',
    bodyHash: body === undefined ? EMPTY_SHA256 : sha256Hex(body),
    credentials: { ...key, accessKeySecret: req.secret ?? key.accessKeySecret },
    headers: req.headers,
  });
  for (const name of req.omit ?? []) delete headers[name];
  return headers;
}

/** One FC 3.0 request signed like the official SDK signs it. */
export function signedFc3Request(baseUrl: string, req: Fc3Request): Promise<RawResponse> {
  const query = req.query === undefined ? '' : formatQueryString(req.query);
  const path = query === '' ? req.path : `${req.path}?${query}`;
  const init = { method: req.method ?? 'POST', path, headers: signFc3Headers(baseUrl, req) };
  return rawRequest(baseUrl, { ...init, ...(req.body === undefined ? {} : { body: req.body }), ...(req.chunked ? { chunked: true } : {}) });
}

/** The `{Code, Message, RequestId}` of an FC 3.0 error response, with its status. */
export function fc3Error(response: RawResponse): { status: number; code: string; message: string; requestId: string } {
  const body = JSON.parse(response.body.toString()) as { Code: string; Message: string; RequestId: string };
  return { status: response.status, code: body.Code, message: body.Message, requestId: body.RequestId };
}

/** FC 3.0 request IDs: `1-<8 hex>-<8 hex>-<12 hex>`. */
export const FC3_REQUEST_ID = /^1-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{12}$/;
