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

const REDACTED = '<redacted>';

/**
 * The texts that stand for one secret: itself and, when it differs, its URL-encoded form (a
 * proxy may quote a request as a URL, and a base64 signature holds `+`, `/` and `=`); none
 * for a value too short to be a secret.
 */
function formsOf(secret: string | null | undefined): string[] {
  if (!secret || secret.length < MIN_SECRET_LENGTH) return [];
  // Hex signatures and most keys hold nothing to encode: no need to build the encoded copy.
  if (!NEEDS_URL_ENCODING.test(secret)) return [secret];
  const encoded = encodeURIComponent(secret);
  return encoded === secret ? [secret] : [secret, encoded];
}

/** What encodeURIComponent changes: all but A-Z a-z 0-9 - _ . ! ~ * ' ( ). */
const NEEDS_URL_ENCODING = /[^A-Za-z0-9\-_.!~*'()]/;

/** `text` with every form replaced by `<redacted>`, in the order given. */
function removeForms(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/** Removes every occurrence of the given secrets from a text, also in their URL-encoded form. */
export function scrubSecrets(text: string, secrets: Iterable<string | null | undefined>): string {
  let out = text;
  for (const secret of secrets) out = removeForms(out, formsOf(secret));
  return out;
}

/** The forms of several secrets, in order: worked out once for a scrub applied to many texts. */
function formsOfAll(secrets: Iterable<string | null | undefined>): string[] {
  const forms: string[] = [];
  for (const secret of secrets) forms.push(...formsOf(secret));
  return forms;
}

/** The secrets of one run: created at the process boundary (or per client), filled as they come into use. */
export class Secrets {
  private readonly values = new Set<string>();
  private valueForms: string[] = [];
  /** The recent signatures, a ring (their forms are made only when `scrub` needs them). */
  private readonly signatures: string[] = [];
  private nextSlot = 0;
  private signatureForms: string[] | undefined = [];

  /** A secret or token in use for the whole run. */
  add(value: string | undefined): void {
    if (!value || this.values.has(value)) return;
    this.values.add(value);
    this.valueForms = formsOfAll(this.values);
  }

  /** A signature just sent; only the most recent ones are kept. */
  addSignature(value: string | null | undefined): void {
    if (!value || this.signatures.includes(value)) return;
    this.signatures[this.nextSlot] = value;
    this.nextSlot = (this.nextSlot + 1) % RECENT_SIGNATURES;
    this.signatureForms = undefined;
  }

  /** `text` with every known secret replaced by `<redacted>`; bound, so it can be passed on as a Scrub. */
  readonly scrub = (text: string): string => {
    this.signatureForms ??= formsOfAll(this.signatures);
    return removeForms(removeForms(text, this.valueForms), this.signatureForms);
  };

  /**
   * The scrub for an answer: the run's secrets and the given ones, for an answer those of
   * the request it answers, which a service that reflects a request reflects (however many
   * other signatures a batch has sent since). Its forms are worked out once, here.
   */
  scrubberFor(request: readonly (string | null | undefined)[]): (text: string) => string {
    // The request's credentials are usually the run's own, whose forms are already known.
    const forms = [...this.valueForms, ...formsOfAll(request.filter((value) => !value || !this.values.has(value)))];
    return (text) => removeForms(text, forms);
  }
}
