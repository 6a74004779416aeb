// Taking secrets out of what fcinvoke shows: the secrets of one run (AccessKey secret, STS
// token, every signature sent), held by the run, never by the module.

/** Values shorter than this are not scrubbed: they would match ordinary text. */
const MIN_SECRET_LENGTH = 4;

/**
 * Signatures kept for later passes. A service that reflects a signature does so in the
 * answer to the request that carried it, so the last few cover every answer still being
 * read; a batch sends millions and must not keep them all.
 */
const RECENT_SIGNATURES = 64;

/**
 * Removes every occurrence of the given secrets from a text, also in their URL-encoded form
 * (a proxy may quote a request as a URL): a base64 signature holds `+`, `/` and `=`.
 */
export function scrubSecrets(text: string, secrets: Iterable<string | null | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    if (out.includes(secret)) out = out.split(secret).join('<redacted>');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join('<redacted>');
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

  /** `text` with every known secret replaced by `<redacted>`; bound, so it can be passed on as a Scrub. */
  readonly scrub = (text: string): string => scrubSecrets(scrubSecrets(text, this.values), this.signatures);

  /**
   * `text` without the run's secrets and the given signatures: for an answer, those of the
   * request it answers, which a service that reflects a request reflects (however many
   * other signatures a batch has sent since).
   */
  scrubFor(text: string, signatures: readonly (string | null | undefined)[]): string {
    return scrubSecrets(scrubSecrets(text, this.values), signatures);
  }
}
