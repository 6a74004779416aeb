// The query of an HTTP-trigger request, read the ways FC reads it: the entries in order, what
// FC 2.0 handlers get as `queries`, what the FC 3.0 event has as `queryParameters`, and the FC
// 2.0 signature's canonical resource over it (http-triggers.md §1.3, §1.4, §4). Pure.

/** One `key[=value]` of a query string, decoded; `value` undefined when there was no `=`. */
export interface QueryEntry {
  key: string;
  value: string | undefined;
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The entries of `search` (what follows `?`), in order; `+` is a space, as every SDK writes one. */
export function parseQueryEntries(search: string): QueryEntry[] {
  const entries: QueryEntry[] = [];
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    entries.push(eq === -1 ? { key: decodeComponent(part), value: undefined } : { key: decodeComponent(part.slice(0, eq)), value: decodeComponent(part.slice(eq + 1)) });
  }
  return entries;
}

function defineEntry<T>(target: Record<string, T>, key: string, value: T): void {
  // Defined, not assigned: a `__proto__` key must stay a plain entry.
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
}

/** FC 2.0 handlers' `queries`: a string per key, or the strings in order when it is repeated. */
export function buildHandlerQueries(entries: readonly QueryEntry[]): Record<string, string | string[]> {
  const queries: Record<string, string | string[]> = {};
  for (const { key, value = '' } of entries) {
    const known = Object.hasOwn(queries, key) ? queries[key] : undefined;
    defineEntry(queries, key, known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value]);
  }
  return queries;
}

/** The FC 3.0 event's `queryParameters`: repeated values joined with `,` (doc-evt3). */
export function buildEventQueryParameters(entries: readonly QueryEntry[]): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const { key, value = '' } of entries) defineEntry(joined, key, Object.hasOwn(joined, key) ? `${joined[key]},${value}` : value);
  return joined;
}

/**
 * The canonical resources an FC 2.0 signer may have signed for a trigger request: each path,
 * a newline, and one sorted `key=value` line per value, raw (decoded). A key without a value
 * is `key=` to the Node.js SDK and bare `key` to the Go, Python and Java ones, so both count.
 */
export function buildTriggerResources(paths: readonly string[], entries: readonly QueryEntry[]): string[] {
  const styles = [(e: QueryEntry) => `${e.key}=${e.value ?? ''}`, (e: QueryEntry) => (e.value === undefined ? e.key : `${e.key}=${e.value}`)];
  const resources = new Set<string>();
  for (const path of paths) {
    for (const line of styles) resources.add(`${path}\n${entries.map(line).sort().join('\n')}`);
  }
  return [...resources];
}
