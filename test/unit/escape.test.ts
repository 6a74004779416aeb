// Control characters shown as escapes: in text for the terminal and in JSON documents.
import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, toJsonText } from '../../src/escape.js';

describe('toJsonText', () => {
  it('escapes what JSON.stringify leaves raw (DEL, C1, U+2028/9), and reads back the same value', () => {
    const value = { message: 'a\u001b[2J b\u007f c\u009b31m d\u2028e\u2029', n: 1, list: ['\u0085'] };
    const text = toJsonText(value, 2);
    expect(text).toContain('a\\u001b[2J b\\u007f c\\u009b31m d\\u2028e\\u2029');
    expect(text).toContain('"\\u0085"');
    // eslint-disable-next-line no-control-regex -- looking for raw control characters is the test
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('is plain JSON.stringify for ordinary text', () => {
    const value = { a: 'hello wörld ✓', b: [1, null, true] };
    expect(toJsonText(value)).toBe(JSON.stringify(value));
    expect(toJsonText(value, 2)).toBe(JSON.stringify(value, null, 2));
  });
});

describe('escapeControlCharacters', () => {
  it('is idempotent: escaping an escaped text changes nothing', () => {
    const once = escapeControlCharacters('x\u001b[2J\u0007', false);
    expect(once).toBe('x\\x1b[2J\\x07');
    expect(escapeControlCharacters(once, false)).toBe(once);
  });
});
