// What of an FC 3.0 request may be shown: never the ACS3 signature or the STS token, and of
// the AccessKey ID at most its last 4 characters (fc3-protocol §5.2).
import { maskId } from '../../credentials.js';
import type { SignedRequest } from '../fc-api.js';
import { ACS3_ALGORITHM, parseAuthorization } from './authorization.js';

// x-fc-security-token is FC 2.0's; -H refuses it, but a copy of its headers is redacted all the same.
const SECRET_HEADERS = new Set(['x-acs-security-token', 'x-fc-security-token']);

/** `ACS3-HMAC-SHA256 Credential=****abcd,SignedHeaders=…,Signature=<redacted>`; `<redacted>` for anything else. */
export function redactAuthorization(value: string): string {
  const parts = parseAuthorization(value);
  if (!parts || parts.algorithm !== ACS3_ALGORITHM) return '<redacted>';
  return `${ACS3_ALGORITHM} Credential=${maskId(parts.accessKeyId)},SignedHeaders=${parts.signedHeaders.join(';')},Signature=<redacted>`;
}

/** A copy of the headers fit to show a person: signature and token hidden, the key ID masked. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'authorization') out[name] = redactAuthorization(value);
    else if (SECRET_HEADERS.has(key)) out[name] = '<redacted>';
    else if (key === 'x-acs-accesskey-id') out[name] = maskId(value);
    else out[name] = value;
  }
  return out;
}

const SIGNATURE_PART = ',Signature=';

/** The hex signature of an ACS3 Authorization header, or null. */
export function signatureOf(request: SignedRequest): string | null {
  const value = request.headers.authorization ?? '';
  // The form formatAuthorization writes, read without a full parse: a batch asks for every request.
  const at = value.lastIndexOf(SIGNATURE_PART);
  if (value.startsWith(`${ACS3_ALGORITHM} Credential=`) && at > 0 && !value.includes(',', at + 1) && value.trim() === value) {
    const signature = value.slice(at + SIGNATURE_PART.length);
    return signature === '' ? null : signature;
  }
  const parts = parseAuthorization(value);
  return parts && parts.algorithm === ACS3_ALGORITHM ? parts.signature : null;
}
