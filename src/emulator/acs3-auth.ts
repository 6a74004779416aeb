// Authentication of an FC 3.0 request as the service performs it: the ACS3-HMAC-SHA256
// signature (fc3-protocol §5), or its HTTP-trigger variant (§5.5). Pure: the clock, the
// accepted keys and the nonce cache are arguments.
import { timingSafeEqual } from 'node:crypto';
import type { Credentials } from '../credentials.js';
import { ACS3_ALGORITHM, parseAuthorization } from '../fc/v2023/authorization.js';
import { formatAcsDate, parseAcsDate } from '../fc/v2023/date.js';
import { signAcs3 } from '../fc/v2023/sign.js';
import { acs3Errors, sanitizeForEcho, type Acs3ErrorSpec } from './acs3-errors.js';
import type { NonceCache } from './acs3-nonce-cache.js';
import { checkSignedHeaders } from './acs3-signed-headers.js';

/** Tolerated difference between x-acs-date and the server clock (FC 2.0's window; fc3-protocol §5.5). */
export const ACS3_MAX_CLOCK_SKEW_MS = 15 * 60_000;

export interface Acs3AuthInput<K extends Credentials = Credentials> {
  method: string;
  /** The URL path exactly as received, still percent-encoded. */
  pathname: string;
  /** The decoded query (`parseQueryString` of what follows the `?`). */
  query: Readonly<Record<string, string>>;
  /** Request headers, names lower-case. */
  headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body actually received; not used by the HTTP-trigger variant. */
  bodySha256: string;
  keys: readonly K[];
  now: Date;
  nonces: NonceCache;
  /** `api` (default): every FC 3.0 API call; `trigger`: an HTTP trigger with `function` auth. */
  variant?: 'api' | 'trigger';
}

export type Acs3AuthResult<K extends Credentials = Credentials> = { ok: true; key: K } | { ok: false; error: Acs3ErrorSpec };

function constantTimeEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks, in order: Authorization present (400 MissingRequiredHeader) and of the ACS3 form (400
 * InvalidArgument); x-acs-date present, well-formed (400) and within 15 minutes (403
 * RequestTimeTooSkewed); the signed-header list (400 InvalidArgument: host, and every common
 * header sent, must be signed); for API calls x-acs-signature-nonce and x-acs-content-sha256
 * present, the latter equal to the body's hash (400); the AccessKey ID known (403
 * InvalidAccessKeyId); the signature over exactly the listed headers (403 SignatureNotMatch);
 * an STS key's token (403 InvalidSecurityToken); the nonce unused (400 SignatureNonceUsed).
 * A nonce is remembered only once a request has passed every other check. The HTTP-trigger
 * variant needs no host, nonce or body hash: its payload hash is '', and a nonce counts only
 * when signed.
 */
export function verifyAcs3Request<K extends Credentials>(input: Acs3AuthInput<K>): Acs3AuthResult<K> {
  const { headers } = input;
  const trigger = input.variant === 'trigger';
  const fail = (error: Acs3ErrorSpec): Acs3AuthResult<K> => ({ ok: false, error });

  const authorization = headers['authorization'];
  if (authorization === undefined || authorization === '') return fail(acs3Errors.missingHeader('Authorization'));
  const parsed = parseAuthorization(authorization);
  if (!parsed || parsed.algorithm !== ACS3_ALGORITHM) {
    return fail(
      acs3Errors.invalidArgument(
        `the Authorization header must have the form '${ACS3_ALGORITHM} Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>'`,
      ),
    );
  }

  const date = headers['x-acs-date'];
  if (date === undefined || date === '') return fail(acs3Errors.missingHeader('x-acs-date'));
  const dateMs = parseAcsDate(date);
  const serverTime = formatAcsDate(input.now);
  if (dateMs === undefined) {
    return fail(acs3Errors.invalidArgument(`x-acs-date '${sanitizeForEcho(date, 64)}' is not an ISO 8601 UTC time such as '${serverTime}'`));
  }
  if (Math.abs(dateMs - input.now.getTime()) > ACS3_MAX_CLOCK_SKEW_MS) return fail(acs3Errors.timeSkewed(date, serverTime));

  const listError = checkSignedHeaders(parsed.signedHeaders, headers, trigger);
  if (listError) return fail(listError);

  // A trigger request's nonce counts only when signed: that variant signs none by default.
  const nonce = !trigger || parsed.signedHeaders.includes('x-acs-signature-nonce') ? headers['x-acs-signature-nonce'] : undefined;
  if (!trigger) {
    if (nonce === undefined || nonce === '') return fail(acs3Errors.missingHeader('x-acs-signature-nonce'));
    const contentHash = headers['x-acs-content-sha256'];
    if (contentHash === undefined || contentHash === '') return fail(acs3Errors.missingHeader('x-acs-content-sha256'));
    if (contentHash.toLowerCase() !== input.bodySha256.toLowerCase()) {
      return fail(acs3Errors.invalidArgument('x-acs-content-sha256 is not the SHA-256 of the body received: hash the exact bytes sent'));
    }
  }

  const key = input.keys.find((k) => k.accessKeyId === parsed.accessKeyId);
  if (!key) return fail(acs3Errors.invalidAccessKeyId(parsed.accessKeyId));
  const idHeader = headers['x-acs-accesskey-id'];
  if (idHeader !== undefined && idHeader !== parsed.accessKeyId) {
    return fail(acs3Errors.invalidArgument('x-acs-accesskey-id names another AccessKey ID than the Authorization Credential'));
  }

  const expected = signAcs3(
    {
      method: input.method,
      pathname: input.pathname,
      query: input.query,
      headers,
      payloadHash: trigger ? '' : headers['x-acs-content-sha256']!,
      signedHeaders: parsed.signedHeaders,
    },
    key.accessKeyId,
    key.accessKeySecret,
  );
  if (!constantTimeEqual(expected.signature, parsed.signature)) return fail(acs3Errors.signatureNotMatch());

  if (key.securityToken !== undefined && key.securityToken !== '') {
    const token = headers['x-acs-security-token'];
    if (token === undefined || token === '') {
      return fail(acs3Errors.invalidSecurityToken('the security token is missing: an STS AccessKey ID needs the x-acs-security-token header'));
    }
    if (!constantTimeEqual(key.securityToken, token)) {
      return fail(acs3Errors.invalidSecurityToken('the security token you provided is invalid or has expired'));
    }
  }

  if (nonce !== undefined && nonce !== '' && !input.nonces.claim(nonce, dateMs + ACS3_MAX_CLOCK_SKEW_MS, input.now.getTime())) {
    return fail(acs3Errors.nonceUsed());
  }
  return { ok: true, key };
}
