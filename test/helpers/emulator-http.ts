// Test helpers for the emulator's HTTP triggers: raw requests signed as FC signs trigger
// requests, with fcinvoke's own signers: the FC 2.0 scheme over the path and its sorted raw
// queries (src/fc/sign.ts), and the HTTP-trigger variant of ACS3 (src/fc/v2023/headers.ts).
import { fileURLToPath } from 'node:url';
import type { EmulatorKey } from '../../src/emulator/auth.js';
import { EMULATOR_ACCOUNT_ID } from '../../src/emulator/defaults.js';
import { buildAuthorization } from '../../src/fc/v2016/sign.js';
import { buildTriggerAcs3Headers } from '../../src/fc/v2023/headers.js';
import { parseQueryString } from '../../src/fc/v2023/query.js';
import { AK_KEY, rawRequest, type RawResponse } from './emulator.js';

/** test/fixtures/web-functions: functions with HTTP triggers (see its README). */
export const WEB_FUNCTIONS = fileURLToPath(new URL('../fixtures/web-functions', import.meta.url));

export interface TriggerRequest {
  /** Default GET. */
  method?: string;
  /** The path as sent, percent-encoded, without the query. */
  path: string;
  /** The query string as sent, without `?`. */
  query?: string;
  /** Extra headers (names any case), sent and, where the scheme says so, signed. */
  headers?: Record<string, string>;
  body?: Buffer | string;
  chunked?: boolean;
  key?: EmulatorKey;
  /** Sign with this secret instead of the key's. */
  secret?: string;
  /** `Date` (FC 2.0) value, or the time of `x-acs-date` (FC 3.0); default now. */
  date?: string | Date;
  /** Header names (lower-case) to drop after signing. */
  omit?: string[];
}

function lowerCase(headers: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
}

/** `key=value` lists per key, decoded, as the FC 2.0 signer takes them. */
function queryLists(search: string): Record<string, string[]> {
  const lists: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(search)) (lists[key] ??= []).push(value);
  return lists;
}

/**
 * FC 2.0 trigger headers (http-triggers.md §1.3, §1.4): Date, x-fc-account-id, the STS token,
 * the caller's headers, and `FC <id>:<sig>` over the path with its sorted raw queries.
 */
export function signFc2TriggerHeaders(req: TriggerRequest): Record<string, string> {
  const key = req.key ?? AK_KEY;
  const date = req.date instanceof Date ? req.date.toUTCString() : (req.date ?? new Date().toUTCString());
  const headers: Record<string, string> = {
    date,
    'x-fc-account-id': EMULATOR_ACCOUNT_ID,
    ...(key.securityToken ? { 'x-fc-security-token': key.securityToken } : {}),
    ...lowerCase(req.headers),
  };
  const queries = queryLists(req.query ?? '');
  // The signer adds the queries to `/proxy/` paths itself; a trigger domain's path is given whole.
  const lines = Object.entries(queries).flatMap(([k, values]) => values.map((v) => `${k}=${v}`)).sort();
  const resource = req.path.includes('/proxy/') ? req.path : `${decodeURIComponent(req.path)}\n${lines.join('\n')}`;
  headers['authorization'] = buildAuthorization({ method: req.method ?? 'GET', path: resource, headers, queries }, key.accessKeyId, req.secret ?? key.accessKeySecret);
  for (const name of req.omit ?? []) delete headers[name];
  return headers;
}

/** FC 3.0 trigger headers (§3): x-acs-date and x-acs-security-token signed, no body hash, host unsigned. */
export function signFc3TriggerHeaders(req: TriggerRequest): Record<string, string> {
  const key = req.key ?? AK_KEY;
  const headers = buildTriggerAcs3Headers({
    method: req.method ?? 'GET',
    pathname: req.path,
    query: parseQueryString(req.query ?? ''),
    date: req.date instanceof Date ? req.date : new Date(req.date ?? Date.now()),
    credentials: { ...key, accessKeySecret: req.secret ?? key.accessKeySecret },
    headers: req.headers,
  });
  for (const name of req.omit ?? []) delete headers[name];
  return headers;
}

/** Sends `req` with exactly `headers`. */
export function sendTriggerRequest(baseUrl: string, req: TriggerRequest, headers: Record<string, string>): Promise<RawResponse> {
  const path = req.query === undefined ? req.path : `${req.path}?${req.query}`;
  return rawRequest(baseUrl, {
    method: req.method ?? 'GET',
    path,
    headers,
    ...(req.body === undefined ? {} : { body: req.body }),
    ...(req.chunked ? { chunked: true } : {}),
  });
}

/** A request to an FC 2.0 function's trigger, signed with the FC 2.0 scheme. */
export function fc2Trigger(baseUrl: string, req: TriggerRequest): Promise<RawResponse> {
  return sendTriggerRequest(baseUrl, req, signFc2TriggerHeaders(req));
}

/** A request to an FC 3.0 function's trigger, signed with the ACS3 trigger variant. */
export function fc3Trigger(baseUrl: string, req: TriggerRequest): Promise<RawResponse> {
  return sendTriggerRequest(baseUrl, req, signFc3TriggerHeaders(req));
}

/** An unsigned request (anonymous triggers). */
export function anonymousTrigger(baseUrl: string, req: TriggerRequest): Promise<RawResponse> {
  return sendTriggerRequest(baseUrl, req, { ...req.headers });
}

/** `{ErrorCode, ErrorMessage}` or `{Code, Message}` of a refusal, with its status and X-Fc-Error-Type. */
export function triggerError(response: RawResponse): { status: number; errorType: unknown; code: string; message: string } {
  const body = JSON.parse(response.body.toString()) as Record<string, string>;
  return { status: response.status, errorType: response.headers['x-fc-error-type'], code: body['ErrorCode'] ?? body['Code'] ?? '', message: body['ErrorMessage'] ?? body['Message'] ?? '' };
}
