// Showing text fcinvoke did not write (function logs, service messages, config files) as
// escapes instead of letting control characters act on the terminal.
/* eslint-disable no-control-regex -- finding control characters is what this module is for */

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
const EVERY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** The same but tab and newline, for multi-line text such as logs. */
const CONTROL_BUT_TAB_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g;

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Every control character as `\xNN` (or `\uNNNN`); with `keepLines`, tabs and newlines stay. */
export function escapeControlCharacters(text: string, keepLines: boolean): string {
  return text.replace(keepLines ? CONTROL_BUT_TAB_NEWLINE : EVERY_CONTROL, escapeOne);
}

/** What JSON.stringify leaves raw but a terminal may act on: DEL, the C1 controls, U+2028 and U+2029. */
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029]/g;

/**
 * JSON text with every control character written as an escape: JSON.stringify escapes
 * only U+0000-U+001F. The value read back is the same; only the bytes on the terminal differ.
 */
export function toJsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
