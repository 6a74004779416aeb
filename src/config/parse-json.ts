// JSON parsing for config files: errors give the file, line and column, and never
// echo the file's text (V8's messages quote a snippet, which may hold a secret).
import { ConfigError } from '../errors.js';

/** Line and column (1-based) of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * The offset of the first syntax error, found by a small JSON scanner. Used only after
 * JSON.parse failed without saying where (V8 says "Unexpected token" with a snippet and
 * no position).
 */
export function findJsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new RangeError(String(i));
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const expect = (c: string): void => {
    if (text[i] !== c) fail();
    i++;
  };
  const string = (): void => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c.charCodeAt(0) < 0x20) fail();
      i++;
      if (c === '"') return;
      if (c === '\\') {
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else fail();
      }
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (depth: number): void => {
    if (depth > 512) fail();
    space();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      space();
      if (text[i] === close) return void i++;
      for (;;) {
        if (close === '}') {
          space();
          string();
          space();
          expect(':');
        }
        value(depth + 1);
        space();
        if (text[i] === ',') i++;
        else return expect(close);
      }
    }
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.test(text)) return void (i = NUMBER.lastIndex);
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (word) return void (i += word.length);
    fail();
  };
  try {
    value(0);
    space();
    if (i < text.length) fail();
    return undefined;
  } catch (error) {
    return error instanceof RangeError ? Number(error.message) : undefined;
  }
}

/** The parser's reason without any quoted text from the file. */
function safeReason(message: string): string {
  const reason = message.replace(/\s*in JSON at position \d+.*$/s, '');
  if (/^Unexpected token/.test(reason)) return 'unexpected character';
  return reason.includes('"') ? 'invalid JSON' : reason;
}

/** Parses JSON, or throws a ConfigError `<file>, line L, column C: <reason>`. */
export function parseJson(text: string, display: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position !== undefined ? Number(position) : findJsonErrorOffset(text);
    let where = '';
    if (offset !== undefined) {
      const { line, column } = lineAndColumn(text, offset);
      where = `, line ${line}, column ${column}`;
    }
    throw new ConfigError(`${display}${where}: invalid JSON: ${safeReason(message)}`, { code: 'MalformedConfig' });
  }
}
