// The ACS3-HMAC-SHA256 request signature of FC 3.0 (Alibaba OpenAPI V3, fc3-protocol §5.1), in
// stages: canonical URI, query and headers, canonical request, string to sign, hex signature.
import { createHmac, hash } from 'node:crypto';
import { ACS3_ALGORITHM, formatAuthorization } from './authorization.js';
import { canonicalizeQuery, type QueryMap } from './query.js';

/** Request headers; names should be lower-case, but any case is signed the same. */
export type HeaderMap = Readonly<Record<string, string>>;

/** SHA-256 of nothing: the payload hash of a request without a body. */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface Acs3SignInput {
  /** As sent. */
  method: string;
  /** The URL path exactly as sent, already percent-encoded (`/2023-03-30/functions/svc%24fn/invocations`). */
  pathname: string;
  /** The decoded query map; its canonical form is built here. */
  query?: QueryMap | undefined;
  headers: HeaderMap;
  /** Hex SHA-256 of the body, as also sent in `x-acs-content-sha256`; '' for the HTTP-trigger variant. */
  payloadHash: string;
  /**
   * The headers to sign, for the HTTP-trigger variant (fc3-protocol §5.5). Without it: host,
   * content-type and every x-acs-* header present (openapi-core `getAuthorizationHeaders`).
   */
  signedHeaders?: readonly string[] | undefined;
}

/** Every stage of one signature, for tests, --dry-run and verifiers. */
export interface Acs3Signature {
  canonicalRequest: string;
  stringToSign: string;
  /** Lower-case, sorted: the SignedHeaders list. */
  signedHeaders: string[];
  /** Hex HMAC-SHA256. */
  signature: string;
  authorization: string;
}

/** Hex SHA-256 of a string (as UTF-8) or of bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  // One-shot (Node 20.12+): no Hash object per request.
  return hash('sha256', data, 'hex');
}

/** The path as sent, with every `+` → `%20`, `*` → `%2A` and `%7E` → `~` (openapi-core 1.0.8). */
export function canonicalizeUri(pathname: string): string {
  return pathname.replace(/\+/g, '%20').replace(/\*/g, '%2A').replace(/%7E/g, '~');
}

function isSignedByDefault(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}

/**
 * The CanonicalHeaders block (`name:value\n` per header) and the SignedHeaders list. Names are
 * lower-cased and sorted; values trimmed; names that collide once lower-cased get their values
 * sorted and joined with `,` (openapi-core `getAuthorizationHeaders`). A header named in an
 * explicit list but absent is signed with the empty value, as a server reading it would see it.
 */
export function canonicalizeHeaders(
  headers: HeaderMap,
  signedHeaders?: readonly string[],
): { canonicalHeaders: string; signedHeaders: string[] } {
  if (signedHeaders) return canonicalizeListed(headers, signedHeaders);
  // Every request is signed, so this path is written for speed: one sorted list of pairs.
  const pairs: [string, string][] = [];
  for (const rawName of Object.keys(headers)) {
    const name = rawName.toLowerCase();
    if (isSignedByDefault(name)) pairs.push([name, headers[rawName]!.trim()]);
  }
  pairs.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const names: string[] = [];
  let canonicalHeaders = '';
  for (const [name, value] of pairs) {
    if (names[names.length - 1] === name) canonicalHeaders = `${canonicalHeaders.slice(0, -1)},${value}\n`;
    else {
      names.push(name);
      canonicalHeaders += `${name}:${value}\n`;
    }
  }
  return { canonicalHeaders, signedHeaders: names };
}

/** The explicit-list variant: every listed name, present or not (signed empty when absent). */
function canonicalizeListed(headers: HeaderMap, signedHeaders: readonly string[]): { canonicalHeaders: string; signedHeaders: string[] } {
  const wanted = new Set(signedHeaders.map((name) => name.toLowerCase()));
  const values = new Map<string, string[]>();
  for (const name of wanted) values.set(name, []);
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (!wanted.has(name)) continue;
    values.get(name)!.push(value.trim());
  }
  const names = [...values.keys()].sort();
  let canonicalHeaders = '';
  for (const name of names) canonicalHeaders += `${name}:${values.get(name)!.sort().join(',')}\n`;
  return { canonicalHeaders, signedHeaders: names };
}

/** METHOD, canonical URI, query and headers, a blank line, SignedHeaders, payload hash. */
export function buildCanonicalRequest(input: Acs3SignInput): { canonicalRequest: string; signedHeaders: string[] } {
  const { canonicalHeaders, signedHeaders } = canonicalizeHeaders(input.headers, input.signedHeaders);
  // CanonicalHeaders ends in "\n" and is followed by the separator: the blank line is intended.
  const canonicalRequest = `${input.method}\n${canonicalizeUri(input.pathname)}\n${canonicalizeQuery(input.query)}\n${canonicalHeaders}\n${signedHeaders.join(';')}\n${input.payloadHash}`;
  return { canonicalRequest, signedHeaders };
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function buildStringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
}

/** Hex HMAC-SHA256 of the string to sign, keyed with the AccessKey secret. */
export function computeSignature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

/** All stages of the signature of one request, ending in its Authorization value. */
export function signAcs3(input: Acs3SignInput, accessKeyId: string, accessKeySecret: string): Acs3Signature {
  const { canonicalRequest, signedHeaders } = buildCanonicalRequest(input);
  const stringToSign = buildStringToSign(canonicalRequest);
  const signature = computeSignature(stringToSign, accessKeySecret);
  const authorization = formatAuthorization({ accessKeyId, signedHeaders, signature });
  return { canonicalRequest, stringToSign, signedHeaders, signature, authorization };
}
