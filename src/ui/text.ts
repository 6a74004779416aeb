// Making text that fcinvoke did not write (function logs, service messages) safe to print.

// C0 controls but tab and newline, DEL, and C1 controls: they could move the cursor,
// rewrite the screen or forge output in a terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Shows control characters as `\xNN` instead of letting them act on the terminal. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
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
