// Making text from files safe to print: control characters escaped, names quoted.
import { escapeControlCharacters } from '../escape.js';

/**
 * The text with every control character, tabs and newlines included, shown as an escape, so
 * a hostile file cannot drive the terminal; nothing is replaced or dropped. A name for
 * escape.ts `escapeControlCharacters(text, false)`, nothing more.
 */
export function printable(text: string): string {
  return escapeControlCharacters(text, false);
}

/** A name from a file, quoted for messages: `"work"`. */
export function quote(name: string): string {
  return `"${printable(name)}"`;
}

/** Longer strings are not echoed: a secret pasted under the wrong key must not end up in an error message. */
const MAX_PREVIEW = 20;

/** A short, printable rendering of a user value for "must be X, not Y" messages. */
export function preview(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > MAX_PREVIEW ? `a string of ${value.length} characters` : printable(JSON.stringify(value));
  }
  if (value instanceof Date) return 'a date';
  if (value === null || typeof value !== 'object') return printable(String(value).slice(0, MAX_PREVIEW));
  return Array.isArray(value) ? 'a list' : 'a mapping';
}
