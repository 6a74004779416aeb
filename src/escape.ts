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
