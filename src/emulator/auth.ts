// Authentication as FC 2.0 performs it (fc2-protocol §2): Date window, AccessKey ID,
// signature, STS token, account. Pure: the clock and the accepted keys are arguments.
import { timingSafeEqual } from 'node:crypto';
import { buildStringToSign, computeSignature } from '../fc/v2016/sign.js';
import { apiErrors, type ApiErrorSpec } from './api-errors.js';

/** A credential the emulator accepts; `securityToken` makes it an STS key. */
export interface EmulatorKey {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface AuthInput {
  method: string;
  /**
   * Resource paths to try, without query: the path as received and, when different, its
   * percent-decoded form (go signs the escaped path, the others the raw one; fc2-protocol §1.3).
   */
  paths: readonly string[];
  /**
   * Whole canonical resources to try instead of `paths` (HTTP triggers: path, newline, sorted
   * query lines; fc2-protocol §2.2); they follow the headers in the string to sign.
   */
  resources?: readonly string[];
  /** Request headers, names lower-case. */
  headers: Readonly<Record<string, string>>;
  keys: readonly EmulatorKey[];
  accountId: string;
  now: Date;
}

export type AuthResult = { ok: true; key: EmulatorKey } | { ok: false; error: ApiErrorSpec };

/** Tolerated difference between the Date header and the server clock (doc-sign: 15 minutes). */
export const MAX_CLOCK_SKEW_MS = 15 * 60_000;

// RFC 1123 as every SDK writes it: node toUTCString, go http.TimeFormat, py formatdate(usegmt).
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** Milliseconds since the epoch for an RFC 1123 GMT date, or undefined. */
export function parseHttpDate(value: string): number | undefined {
  if (!HTTP_DATE.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `FC <AccessKeyId>:<Signature>` split into its parts, or undefined when malformed. */
export function parseAuthorization(value: string): { accessKeyId: string; signature: string } | undefined {
  const match = /^FC ([^:\s]+):(\S+)$/.exec(value);
  if (!match) return undefined;
  return { accessKeyId: match[1] ?? '', signature: match[2] ?? '' };
}

/** Client-supplied text made safe to echo in a message: sanitizeForEcho ASCII, bounded length. */
export function sanitizeForEcho(text: string, max = 128): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

function constantTimeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkDate(date: string, now: Date): ApiErrorSpec | undefined {
  const serverTime = now.toUTCString();
  const ms = parseHttpDate(date);
  if (ms === undefined) {
    return apiErrors.timeSkewed(
      `the Date header '${sanitizeForEcho(date, 64)}' is not an RFC 1123 GMT date such as '${serverTime}'; the server time is '${serverTime}'`,
    );
  }
  if (Math.abs(ms - now.getTime()) > MAX_CLOCK_SKEW_MS) {
    return apiErrors.timeSkewed(
      `the difference between the request time '${sanitizeForEcho(date, 64)}' and the server time '${serverTime}' is more than 15 minutes`,
    );
  }
  return undefined;
}

/**
 * Checks, in the service's order: Date and Authorization present (400), Date parsable and
 * within 15 minutes (403 RequestTimeTooSkewed), known AccessKey ID (403 InvalidAccessKeyID),
 * signature (403 SignatureNotMatch), STS token (403 InvalidSecurityToken), account (403 AccessDenied).
 */
export function verifyRequest(input: AuthInput): AuthResult {
  const { headers } = input;
  const fail = (error: ApiErrorSpec): AuthResult => ({ ok: false, error });
  const date = headers['date'];
  if (date === undefined || date === '') return fail(apiErrors.missingHeader('Date'));
  const authorization = headers['authorization'];
  if (authorization === undefined || authorization === '') return fail(apiErrors.missingHeader('Authorization'));
  const dateError = checkDate(date, input.now);
  if (dateError) return fail(dateError);

  const parsed = parseAuthorization(authorization);
  if (!parsed) {
    return fail(apiErrors.invalidArgument("the Authorization header must have the form 'FC <AccessKeyId>:<Signature>'"));
  }
  const key = input.keys.find((k) => k.accessKeyId === parsed.accessKeyId);
  if (!key) return fail(apiErrors.invalidAccessKeyId(sanitizeForEcho(parsed.accessKeyId)));

  const stringsToSign = input.resources
    ? input.resources.map((resource) => buildStringToSign({ method: input.method, path: '', headers }) + resource)
    : input.paths.map((path) => buildStringToSign({ method: input.method, path, headers }));
  const matches = stringsToSign.some((text) => constantTimeEqual(computeSignature(text, key.accessKeySecret), parsed.signature));
  if (!matches) return fail(apiErrors.signatureNotMatch());

  if (key.securityToken !== undefined) {
    const token = headers['x-fc-security-token'];
    if (token === undefined || token === '') {
      return fail(apiErrors.invalidSecurityToken('the security token is missing: an STS AccessKey ID needs the x-fc-security-token header'));
    }
    if (!constantTimeEqual(key.securityToken, token)) {
      return fail(apiErrors.invalidSecurityToken('the security token you provided is invalid or has expired'));
    }
  }

  const account = headers['x-fc-account-id'];
  if (account !== undefined && account !== input.accountId) {
    return fail(
      apiErrors.accessDenied(`the request names account '${sanitizeForEcho(account)}' but this endpoint serves account '${input.accountId}'`),
    );
  }
  return { ok: true, key };
}
