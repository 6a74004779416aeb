// The two signatures of an HTTP-trigger request with `function` auth, in stages: FC 2.0's "FC"
// scheme over the path and its sorted raw query lines (http-triggers.md §1.3, §1.4), and the
// HTTP-trigger variant of ACS3 (§3), which signs neither the host nor the body. Pure.
import type { Credentials } from '../../credentials.js';
import { buildTriggerAcs3Headers } from '../v2023/headers.js';
import { buildStringToSign, computeSignature } from '../v2016/sign.js';
import { acs3QueryMap, canonicalQueryLines, parseQueryEntries } from './query.js';

/** `fc`: FC 2.0's scheme; `acs3`: FC 3.0's trigger variant of ACS3-HMAC-SHA256. */
export type SignScheme = 'fc' | 'acs3';

/** The API whose signature a scheme is. */
export const SCHEME_API_VERSION: Readonly<Record<SignScheme, string>> = { fc: '2016-08-15', acs3: '2023-03-30' };

/** For messages: `the FC 2.0 signature`. */
export const SCHEME_NAME: Readonly<Record<SignScheme, string>> = { fc: 'the FC 2.0 signature', acs3: 'the FC 3.0 (ACS3) signature' };

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The FC 2.0 canonical resource of a trigger request: the path, percent-decoded as the SDKs
 * sign it (`/2016-08-15/proxy/…` on the account host, the bare path elsewhere), a newline,
 * and the query lines. The newline is there without a query too (fc-go-sdk issue #32).
 */
export function buildFcTriggerResource(path: string, search: string): string {
  return `${decodePath(path)}\n${canonicalQueryLines(parseQueryEntries(search))}`;
}

/** METHOD, Content-MD5, Content-Type (any case of the name, as sent), Date, every x-fc-* header, the resource. */
export function buildFcTriggerStringToSign(method: string, headers: Readonly<Record<string, string>>, resource: string): string {
  return buildStringToSign({ method, path: '', headers, resource });
}

export interface FcTriggerSignInput {
  method: string;
  /** The path to sign, as sent (percent-encoded): from `/2016-08-15/proxy/` on, or the whole path. */
  path: string;
  /** The query as sent, without `?`. */
  search: string;
  /** Every header sent but those the signer adds; names lower-case. */
  headers: Readonly<Record<string, string>>;
  credentials: Credentials;
  accountId?: string | undefined;
  date: Date;
}

/** The headers of an FC 2.0-signed trigger request: Date, account, STS token, then `FC <id>:<signature>`. */
export function signFcTrigger(input: FcTriggerSignInput): Record<string, string> {
  const headers: Record<string, string> = Object.assign({}, input.headers);
  headers.date = input.date.toUTCString();
  if (input.accountId) headers['x-fc-account-id'] = input.accountId;
  if (input.credentials.securityToken) headers['x-fc-security-token'] = input.credentials.securityToken;
  const stringToSign = buildFcTriggerStringToSign(input.method, headers, buildFcTriggerResource(input.path, input.search));
  headers.authorization = `FC ${input.credentials.accessKeyId}:${computeSignature(stringToSign, input.credentials.accessKeySecret)}`;
  return headers;
}

export interface Acs3TriggerSignInput {
  method: string;
  /** The URL path exactly as sent, percent-encoded (`$` as `%24`). */
  pathname: string;
  /** The query as sent, without `?`. */
  search: string;
  /** Every header sent but those the signer adds; sent, not signed. */
  headers: Readonly<Record<string, string>>;
  credentials: Credentials;
  date: Date;
}

/**
 * The headers of an ACS3-signed trigger request: a Date for people and proxies (unsigned),
 * x-acs-date and x-acs-security-token (empty without STS), both signed, and Authorization.
 */
export function signAcs3Trigger(input: Acs3TriggerSignInput): Record<string, string> {
  return buildTriggerAcs3Headers({
    method: input.method,
    pathname: input.pathname,
    query: acs3QueryMap(input.search),
    date: input.date,
    credentials: input.credentials,
    headers: { ...input.headers, date: input.date.toUTCString() },
  });
}
