// Taking secrets out of what fcinvoke shows: the Authorization signature and the STS token
// in headers, and the secrets of one run (AccessKey secret, STS token), held by the run,
// never by the module.

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

/** Values shorter than this are not scrubbed: they would match ordinary text. */
const MIN_SECRET_LENGTH = 4;

/**
 * Signatures kept for later passes. A service that reflects a signature does so in the
 * answer to the request that carried it, so the last few cover every answer still being
 * read; a batch sends millions and must not keep them all.
 */
const RECENT_SIGNATURES = 64;

/** Removes every occurrence of the given secrets from a text (a last line of defence for error messages). */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('<redacted>');
  }
  return out;
}

/** The secrets of one run: created at the process boundary (or per client), filled as they come into use. */
export class Secrets {
  private readonly values = new Set<string>();
  private readonly signatures: string[] = [];

  /** A secret or token in use for the whole run. */
  add(value: string | undefined): void {
    if (value) this.values.add(value);
  }

  /** A signature just sent; only the most recent ones are kept. */
  addSignature(value: string | null | undefined): void {
    if (!value || this.signatures.includes(value)) return;
    this.signatures.push(value);
    if (this.signatures.length > RECENT_SIGNATURES) this.signatures.shift();
  }

  /** `text` with every known secret replaced by `<redacted>`. */
  scrub(text: string): string {
    return scrubSecrets(scrubSecrets(text, this.values), this.signatures);
  }
}
