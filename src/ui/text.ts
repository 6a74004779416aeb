// Making text that fcinvoke did not write (function logs, service messages) safe to print.
import { escapeControlCharacters } from '../escape.js';

/** Shows control characters as escapes instead of letting them act on the terminal; keeps tabs and newlines. */
export function escapeControl(text: string): string {
  return escapeControlCharacters(text, true);
}

/** One line: control characters escaped, line breaks shown as spaces. */
export function oneLine(text: string): string {
  return escapeControl(text.replace(/\r?\n/g, ' ').replace(/\t/g, ' ')).trim();
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The bytes as text when they are valid UTF-8, else null. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
