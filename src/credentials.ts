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

/**
 * Why `value` (an AccessKey ID or an STS token) cannot be sent in an HTTP header as it is,
 * or null. Both are visible ASCII; a line break or a space is a copy-and-paste slip, and
 * the HTTP client would refuse the header only once the request is being sent. Says where,
 * never what the value is.
 */
export function headerValueProblem(value: string): string | null {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0x21 && c <= 0x7e) continue;
    const what =
      c === 0x0a || c === 0x0d ? 'a line break' : c === 0x20 ? 'a space' : c === 0x09 ? 'a tab' : c < 0x20 || c === 0x7f ? 'a control character' : 'a character outside ASCII';
    return `${what} (character ${i + 1} of ${value.length})`;
  }
  return null;
}
