// The ACS3 Authorization header value, written and read:
// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>` (fc3-protocol §5.1).

/** The signature algorithm, first word of the Authorization value and of the string to sign. */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3Authorization {
  accessKeyId: string;
  /** As listed, lower-case and sorted when a signer wrote them. */
  signedHeaders: string[];
  signature: string;
}

/** The Authorization value the SDK writes (openapi-core `getAuthorization`). */
export function formatAuthorization(parts: Acs3Authorization): string {
  return `${ACS3_ALGORITHM} Credential=${parts.accessKeyId},SignedHeaders=${parts.signedHeaders.join(';')},Signature=${parts.signature}`;
}

/**
 * An Authorization value split into algorithm and parts, or undefined when it is not
 * `<algorithm> Credential=…,SignedHeaders=…,Signature=…` with each part once (blanks after
 * the commas allowed). The algorithm is returned as given, for the caller to judge.
 */
export function parseAuthorization(value: string): (Acs3Authorization & { algorithm: string }) | undefined {
  const match = /^(\S+) (.*)$/.exec(value.trim());
  if (!match) return undefined;
  const fields = new Map<string, string>();
  for (const part of match[2]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const name = part.slice(0, eq).trim();
    if (fields.has(name)) return undefined;
    fields.set(name, part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (fields.size !== 3 || !accessKeyId || signedHeaders === undefined || !signature) return undefined;
  return {
    algorithm: match[1]!,
    accessKeyId,
    signedHeaders: signedHeaders === '' ? [] : signedHeaders.split(';'),
    signature,
  };
}
