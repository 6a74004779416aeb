// The one place where secrets are taken out of what fcinvoke shows: the Authorization
// signature, the STS token and (by the callers) the AccessKey secret never leave here.

import { maskId } from '../credentials.js';

const SECRET_HEADERS = new Set(['x-fc-security-token']);

/** `FC <id>:<signature>` → `FC ****abcd:<redacted>` (at most the last 4 characters of the ID). */
export function redactAuthorization(value: string): string {
  const match = /^FC ([^:]*):/.exec(value);
  return match ? `FC ${maskId(match[1] ?? '')}:<redacted>` : '<redacted>';
}

/** A copy of the headers fit to show a person: signature, token and any secret masked. */
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

/** Removes every occurrence of the given secrets from a text (a last line of defence for error messages). */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('<redacted>');
  }
  return out;
}

const knownSecrets = new Set<string>();

/** Remembers a secret in use by this process, so that last-resort error output can scrub it. */
export function rememberSecret(secret: string | undefined): void {
  if (secret) knownSecrets.add(secret);
}

/** Every secret remembered so far. */
export function rememberedSecrets(): string[] {
  return [...knownSecrets];
}
