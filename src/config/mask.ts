// Masking credentials for display: never more than the last 4 characters of a key ID,
// nothing at all of a secret or a token (not even its length).

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
