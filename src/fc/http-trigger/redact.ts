// What of an HTTP-trigger request may be shown: never a signature (FC 2.0's or ACS3's), a
// security token, or the credentials a caller sends of their own (Authorization, cookies).
import { maskId } from '../../credentials.js';
import { parseAuthorization } from '../v2023/authorization.js';
import type { SignedRequest } from '../fc-api.js';
import type { ResponseHeaders } from '../response.js';
import { redactAuthorization as redactFcAuthorization, signatureOf as fcSignatureOf } from '../v2016/redact.js';

const TOKENS = new Set(['x-fc-security-token', 'x-acs-security-token']);
const CALLER_SECRETS = new Set(['proxy-authorization', 'cookie']);
const MIN_CALLER_SECRET_LENGTH = 8;

/** An Authorization value with nothing secret left: the scheme word and, for ours, the key ID's tail. */
export function redactTriggerAuthorization(value: string): string {
  if (value.startsWith('FC ')) return redactFcAuthorization(value);
  const acs3 = parseAuthorization(value);
  if (acs3) return `${acs3.algorithm} Credential=${maskId(acs3.accessKeyId)},SignedHeaders=${acs3.signedHeaders.join(';')},Signature=<redacted>`;
  const scheme = /^([A-Za-z][A-Za-z0-9-]*) /.exec(value)?.[1];
  return scheme ? `${scheme} <redacted>` : '<redacted>';
}

/** A copy of request headers fit to show a person. An empty token (ACS3 without STS) stays empty: it hides nothing. */
export function redactTriggerHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'authorization') out[name] = redactTriggerAuthorization(value);
    else if ((TOKENS.has(key) && value !== '') || CALLER_SECRETS.has(key)) out[name] = '<redacted>';
    else out[name] = value;
  }
  return out;
}

/** The signature a request carries (FC 2.0's after the colon, ACS3's `Signature=`), or null. */
export function triggerSignatureOf(request: SignedRequest): string | null {
  const value = request.headers.authorization ?? '';
  if (value.startsWith('FC ')) return fcSignatureOf(request);
  return parseAuthorization(value)?.signature ?? null;
}

/**
 * The values a caller sends of their own that are as secret as ours: an Authorization that
 * fcinvoke did not write (with --auth anonymous), and cookies. The run's scrubber takes them.
 */
export function callerSecretsOf(headers: Readonly<Record<string, string>>): string[] {
  const values: string[] = [];
  for (const name of ['authorization', 'proxy-authorization']) {
    const value = headers[name];
    if (value === undefined) continue;
    values.push(value.replace(/^[A-Za-z][A-Za-z0-9-]* /, ''));
  }
  for (const pair of headers.cookie?.split(';') ?? []) values.push(pair.slice(pair.indexOf('=') + 1).trim());
  // Short values would match ordinary text: what is that short is no credential worth hiding.
  return values.filter((value) => value.length >= MIN_CALLER_SECRET_LENGTH);
}

/**
 * Response headers fit to show: every value scrubbed of the run's secrets, and the log tail
 * (`X-Fc-Log-Result`, Base64) decoded and scrubbed too, re-encoded only when that changed it,
 * since a function that logs its request would otherwise show the signature in Base64.
 */
export function scrubResponseHeaders(headers: ResponseHeaders, scrub: (text: string) => string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const clean = (item: string) => {
      if (name.toLowerCase() !== 'x-fc-log-result') return scrub(item);
      const text = Buffer.from(item, 'base64').toString('utf8');
      const scrubbed = scrub(text);
      return scrubbed === text ? scrub(item) : Buffer.from(scrubbed, 'utf8').toString('base64');
    };
    // Defined, not assigned: a `__proto__` header must stay a plain entry.
    Object.defineProperty(out, name.toLowerCase(), { value: Array.isArray(value) ? value.map(clean) : clean(value), enumerable: true, configurable: true, writable: true });
  }
  return out;
}
