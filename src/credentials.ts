// The AccessKey pair every layer talks about, and how much of it may ever be shown: never
// more than the last 4 characters of a key ID, nothing at all of a secret or a token.

/** An AccessKey pair, with an STS token when the key is temporary. Always from one source. */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
}

/** IDs shorter than this are masked completely, so that the visible tail is never most of the ID. */
const MIN_ID_LENGTH_FOR_TAIL = 12;

/** `****wxyz`: at most the last 4 characters of an AccessKey ID; `****` for short IDs. */
export function maskId(id: string): string {
  if (id.length < MIN_ID_LENGTH_FOR_TAIL) return '****';
  return `****${id.slice(-4)}`;
}

/** `********` for any secret or token: shows nothing of the value, not even its length. */
export function maskSecret(_secret?: string): string {
  return '********';
}
