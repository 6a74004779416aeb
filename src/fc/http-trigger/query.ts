// The query of an HTTP-trigger request: `--query` pieces added to the target's, and the forms
// each signature takes of it, read the way the receiving side reads the query as sent
// (http-triggers.md §1.3, §3). Pure.
import { UsageError } from '../../errors.js';
import { encodeRfc3986, parseQueryString } from '../v2023/query.js';

/** One `key[=value]` of a query string, decoded; `value` is undefined when there was no `=`. */
export interface QueryEntry {
  key: string;
  value: string | undefined;
}

/** A query parameter: `name=value` or a bare `name` as typed, or a name and value apart (the library's). */
export type QueryArg = string | readonly [string, string];

/** A query parameter as a piece of a query string, name and value percent-encoded. */
export function encodeQueryArg(arg: QueryArg): string {
  const eq = typeof arg === 'string' ? arg.indexOf('=') : -2;
  const key = typeof arg === 'string' ? (eq === -1 ? arg : arg.slice(0, eq)) : arg[0];
  const value = typeof arg === 'string' ? (eq === -1 ? undefined : arg.slice(eq + 1)) : arg[1];
  const shown = JSON.stringify(typeof arg === 'string' ? arg : `${arg[0]}=${arg[1]}`);
  if (key === '') throw new UsageError(`invalid query parameter ${shown}: write it as name=value`, { code: 'InvalidQuery' });
  try {
    return value === undefined ? encodeRfc3986(key) : `${encodeRfc3986(key)}=${encodeRfc3986(value)}`;
  } catch {
    throw new UsageError(`invalid query parameter ${shown}: it is not valid text (a lone surrogate)`, { code: 'InvalidQuery' });
  }
}

/** The target's query (without `?`) with the pieces appended, in order. */
export function appendQuery(search: string, pieces: readonly string[]): string {
  return [search, ...pieces].filter((part) => part !== '').join('&');
}

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The entries of a query string, in order; `+` is a space, as form encoding and every SDK have it. */
export function parseQueryEntries(search: string): QueryEntry[] {
  const entries: QueryEntry[] = [];
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    entries.push(eq === -1 ? { key: decodeComponent(part), value: undefined } : { key: decodeComponent(part.slice(0, eq)), value: decodeComponent(part.slice(eq + 1)) });
  }
  return entries;
}

/**
 * The FC 2.0 signature's query lines: one raw (decoded) `key=value` per value, a bare `key`
 * for a key sent without `=` (the Go, Python and Java SDKs), sorted, joined with newlines.
 */
export function canonicalQueryLines(entries: readonly QueryEntry[]): string {
  const lines = entries.map(({ key, value }) => (value === undefined ? key : `${key}=${value}`));
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return lines.join('\n');
}

/**
 * The query map ACS3 signs: decoded, one value per key. A repeated key signs its last value,
 * as a verifier that reads the query into a map (the SDK's model, the emulator) sees it.
 */
export function acs3QueryMap(search: string): Record<string, string> {
  return parseQueryString(search);
}
