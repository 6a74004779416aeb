// Percent-encoding and query strings for FC 3.0 requests and their ACS3 signature
// (fc3-protocol §2, §5.1): the path encoder, the canonical query, and parsing a received query.

/** A query as a map of single values, as the SDK keeps one (openapi-core `request.query`). */
export type QueryMap = Readonly<Record<string, string>>;

/**
 * `$dara.URL.percentEncode`, the SDK's encoder for path segments such as the function name:
 * `svc$fn` → `svc%24fn`, space → `%20`, `*` → `%2A`, `~` stays (fc3-protocol §2). Like
 * encodeURIComponent it leaves `!'()` alone, and throws URIError on a lone surrogate.
 */
export function percentEncode(text: string): string {
  // encodeURIComponent already writes `%20` for a space and leaves `~` as it is; the SDK's
  // other two rewrites (`+` → `%20`, `%7E` → `~`) can never apply to its output.
  return encodeURIComponent(text).replace(/\*/g, '%2A');
}

/**
 * RFC 3986 encoding of a query value: only `A-Z a-z 0-9 - _ . ~` stay, everything else is
 * `%XX` of its UTF-8 bytes (openapi-core `encode`: encodeURIComponent plus `!'()*`).
 */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sortedKeys(query: QueryMap | undefined): string[] {
  // Default sort: UTF-16 code units, as the SDK's `Object.keys(query).sort()`.
  return query ? Object.keys(query).sort() : [];
}

/**
 * The CanonicalQuery line: keys sorted, `key=` + the RFC 3986-encoded value, joined with `&`;
 * '' for no query. Keys go in unencoded, as the SDK writes them (openapi-core
 * `getAuthorizationQueryString`); every FC 3.0 parameter name is plain ASCII.
 */
export function canonicalizeQuery(query?: QueryMap): string {
  let text = '';
  for (const key of sortedKeys(query)) {
    if (text !== '') text += '&';
    text += `${key}=${encodeRfc3986(query![key]!)}`;
  }
  return text;
}

/**
 * The query string to send after `?` ('' for none): sorted, keys and values RFC 3986-encoded,
 * so the server decodes exactly the map that was signed (no `+` that could mean a space).
 */
export function formatQueryString(query?: QueryMap): string {
  return sortedKeys(query)
    .map((key) => `${encodeRfc3986(key)}=${encodeRfc3986(query![key]!)}`)
    .join('&');
}

/**
 * A received query (without the `?`) as the map a verifier signs over: percent-decoded, `+`
 * read as a space (as Go's url.ParseQuery and WHATWG URLSearchParams read it), a key without
 * `=` given the value ''. A repeated key keeps its last value: the signed map has one per key.
 */
export function parseQueryString(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) {
    // Defined, not assigned: a `__proto__` key must stay a plain entry.
    Object.defineProperty(query, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return query;
}
