// The last signature a connection computed. An FC 2.0 signature covers no nonce and no body,
// so a batch's requests within one second (one Date) share their string to sign: one HMAC
// serves them all. Kept per connection (per client), never in module state, so no secret or
// signature outlives the client that made it.

export class SignatureMemo {
  private secret: string | undefined;
  private stringToSign: string | undefined;
  private signature = '';

  /** The signature of `stringToSign` with `secret`: `compute()`'s, unless it is the last one asked for. */
  signatureOf(stringToSign: string, secret: string, compute: () => string): string {
    if (stringToSign !== this.stringToSign || secret !== this.secret) {
      this.signature = compute();
      this.stringToSign = stringToSign;
      this.secret = secret;
    }
    return this.signature;
  }
}
