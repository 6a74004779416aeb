// What of an FC 2.0 request may be shown: the Authorization signature and the STS token
// never (fc2-protocol §2.3).
import { maskId } from '../../credentials.js';
import type { SignedRequest } from '../fc-api.js';

const SECRET_HEADERS = new Set(['x-fc-security-token']);
const AUTHORIZATION = /^FC ([^:]*):/;

/** `FC <id>:<signature>` → `FC ****abcd:<redacted>` (at most the last 4 characters of the ID). */
export function redactAuthorization(value: string): string {
  const match = AUTHORIZATION.exec(value);
  return match ? `FC ${maskId(match[1] ?? '')}:<redacted>` : '<redacted>';
}

/** A copy of the headers fit to show a person: signature and token masked. */
export function redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'authorization') out[name] = redactAuthorization(value);
    else if (SECRET_HEADERS.has(key)) out[name] = '<redacted>';
    else out[name] = value;
  }
  return out;
}

/** The part of `FC <id>:<signature>` after the colon. */
export function signatureOf(request: SignedRequest): string | null {
  const value = request.headers.authorization ?? '';
  const colon = value.indexOf(':');
  return value.startsWith('FC ') && colon !== -1 && colon < value.length - 1 ? value.slice(colon + 1) : null;
}
