import { describe, expect, it } from 'vitest';
import { renderBanner, shellQuote } from '../../../src/emulator/banner.js';
import { EMULATOR_KEYS } from '../../../src/emulator/defaults.js';

describe('renderBanner', () => {
  const text = renderBanner({
    url: 'http://127.0.0.1:9000',
    accountId: '1234567890',
    keys: EMULATOR_KEYS,
    functionsDir: '/work/fns',
    services: [
      { name: 'demo', builtIn: true, versions: ['1'], aliases: { prod: '1' }, functions: [{ name: 'hello', timeoutSeconds: 60, note: 'says hello' }], problems: [] },
      { name: 'mine', builtIn: false, versions: [], aliases: {}, functions: [], problems: ['x: broken'] },
    ],
  });

  it('gives the endpoint and credentials as shell exports', () => {
    const exports = text.split('\n').filter((line) => line.startsWith('export '));
    expect(exports).toEqual([
      'export ALIBABA_CLOUD_ACCESS_KEY_ID=emulator-fake-key-id',
      'export ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-fake-secret',
      'export ALIBABA_CLOUD_ACCOUNT_ID=1234567890',
      'export FCINVOKE_ENDPOINT=http://127.0.0.1:9000',
    ]);
    expect(text).toContain('ALIBABA_CLOUD_SECURITY_TOKEN=emulator-fake-sts-token');
  });

  it('lists services and functions with their qualifiers and problems', () => {
    expect(text).toContain('demo (built-in; aliases prod->1; versions 1)');
    expect(text).toMatch(/demo\/hello\s+says hello, timeout 60 s/);
    expect(text).toContain('(no functions)');
    expect(text).toContain('! x: broken');
  });
});

describe('shellQuote', () => {
  it('quotes only when needed', () => {
    expect(shellQuote('abc-123')).toBe('abc-123');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
