import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { parseIni } from '../../../src/config/parse-ini.js';
import { findJsonErrorOffset, parseJson } from '../../../src/config/parse-json.js';
import { parseYaml } from '../../../src/config/parse-yaml.js';

function jsonError(text: string): ConfigError {
  try {
    parseJson(text, '~/x.json');
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('no error');
}

describe('parseJson', () => {
  it.each([
    ['{\n  "a": 1,\n}', 'line 3, column 1'],
    ['{\n  "a": x,\n  "b": 2\n}', 'line 2, column 8'],
    ['{\n  "a": "b"\n  "c": 1\n}', 'line 3, column 3'],
    ['{"a":', 'line 1, column 6'],
    ['{"a": 1} trailing', 'line 1, column 10'],
  ])('names the file, line and column of %j', (text, where) => {
    const error = jsonError(text);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('MalformedConfig');
    expect(error.message).toContain(`~/x.json, ${where}: invalid JSON`);
  });

  it('never quotes the file text (V8 puts a snippet in its message)', () => {
    const error = jsonError('{"id": fake-id-zzzz, "secret": "fake-secret-zzzz"}');
    expect(error.message).not.toMatch(/fake|zzzz|secret/);
    expect(error.message).toContain('line 1, column 8');
  });

  // Where V8 gives no position (Node 20: "Unexpected end of JSON input", "Unexpected token 'u'"),
  // the scanner is all there is; where it does, the two must agree.
  it.each([
    ['{"a":1,}', 7],
    ['[1,2', 4],
    ['{"a" 1}', 5],
    ['"abc', 4],
    ['{"a":"b\n"}', 7],
    ['[01]', 2],
    ['{"a":1}}', 7],
    ['tru', 0],
    ['', 0],
    ['{"a": tr}', 6],
    ['[1, fals]', 4],
    ['{"a":\n  undefined}', 8],
  ])('locates the error in %j by itself at offset %i, where V8 does when it says', (text, offset) => {
    expect(findJsonErrorOffset(text)).toBe(offset);
    const v8 = /at position (\d+)/.exec(jsonError(text).message);
    if (v8) expect(Number(v8[1])).toBe(offset);
  });

  it('finds no error in valid JSON', () => {
    expect(findJsonErrorOffset('{"a": [1, -2.5e3, true, null, "\\u00e9"]}')).toBeUndefined();
  });
});

describe('parseYaml', () => {
  it('names the line and never quotes the text', async () => {
    const text = 'a: 1\nsecret: "fake-secret-yyyy\nb: [\n';
    const error = await parseYaml(text, '~/.s/access.yaml').catch((e: unknown) => e as ConfigError);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/^~\/\.s\/access\.yaml, line \d+, column \d+: invalid YAML: /);
    expect((error as ConfigError).message).not.toContain('fake-secret');
  });

  it('refuses duplicate keys', async () => {
    await expect(parseYaml('a: 1\na: 2\n', 'f.yaml')).rejects.toThrow(/f\.yaml, line 2.*duplicated mapping key/);
  });

  it('does not expand aliases into copies (a "billion laughs" file stays small)', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const data = (await parseYaml(lines.join('\n'), 'bomb.yaml')) as Record<string, unknown[]>;
    expect(data.a11?.[0]).toBe(data.a10);
  });
});

describe('parseIni', () => {
  it('reads sections, comments and quotes; repeated sections merge', () => {
    const sections = parseIni('; comment\n# other\nroot = ignored\n[default]\ntype = access_key\nkey = "quoted value"\n\n[default]\nextra=1\n', 'creds');
    expect([...sections.keys()]).toEqual(['default']);
    expect(Object.fromEntries(sections.get('default') ?? [])).toEqual({ type: 'access_key', key: 'quoted value', extra: '1' });
  });

  it('names the bad line without repeating it', () => {
    expect(() => parseIni('[default]\nfake-secret-xxxx\n', '~/.alibabacloud/credentials')).toThrow(
      /^~\/\.alibabacloud\/credentials, line 2: expected "\[section\]" or "key = value"$/,
    );
    expect(() => parseIni('[ ]\n', 'c')).toThrow(/c, line 1: empty section name/);
  });
});
