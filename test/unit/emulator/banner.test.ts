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
    fc3Functions: [
      { name: 'report', builtIn: false, timeoutSeconds: 5, note: 'report/index.js', versions: ['1'], aliases: { prod: '1' } },
      { name: 'odd', builtIn: false, note: '', versions: [], aliases: {}, problem: 'odd/function.json is not valid JSON' },
      { name: 'hello', builtIn: true, timeoutSeconds: 60, note: 'says hello', versions: ['1'], aliases: { prod: '1' } },
      { name: 'echo', builtIn: true, timeoutSeconds: 60, note: 'echoes', versions: ['1'], aliases: { prod: '1' } },
    ],
  });

  it('names both APIs on its first line', () => {
    expect(text.split('\n')[0]).toBe(
      'FC emulator listening on http://127.0.0.1:9000 (account 1234567890): FC 2.0 (API 2016-08-15) and FC 3.0 (API 2023-03-30)',
    );
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

  it('lists FC 3.0 functions: user functions one per line, the built-in ones together, and the migrated names', () => {
    const lines = text.split('\n');
    const start = lines.indexOf('FC 3.0 functions (from /work/fns):');
    expect(start).toBeGreaterThan(lines.indexOf('FC 2.0 services and functions (from /work/fns):'));
    expect(lines.slice(start + 1, start + 5)).toEqual([
      '  report  report/index.js, timeout 5 s (aliases prod->1; versions 1)',
      '  odd     ! odd/function.json is not valid JSON',
      "  hello, echo (built-in; aliases prod->1; versions 1): the demo service's handlers",
      '  and every FC 2.0 function above as service$function, e.g. demo$hello',
    ]);
    expect(text).toContain('Try: fcinvoke run demo hello (FC 2.0)    fcinvoke run hello (FC 3.0)    fcinvoke http demo/web/hello (web)    Stop: Ctrl-C');
  });
});

describe('the HTTP triggers of the banner', () => {
  const trigger = (authType: 'anonymous' | 'function', methods: string[]) => ({ authType, methods }) as never;
  const render = (services: Parameters<typeof renderBanner>[0]['services'], fc3Functions: Parameters<typeof renderBanner>[0]['fc3Functions']) =>
    renderBanner({ url: 'http://127.0.0.1:9000', accountId: '1', keys: EMULATOR_KEYS, functionsDir: undefined, services, fc3Functions }).split('\n');

  it('lists each function with a trigger, its URL, how it is signed and its methods', () => {
    const lines = render(
      [{ name: 'demo', builtIn: true, versions: [], aliases: {}, problems: [], functions: [{ name: 'web', note: '', httpTrigger: trigger('function', ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS']) }, { name: 'hello', note: '' }] }],
      [
        { name: 'site', builtIn: false, note: '', versions: [], aliases: {}, httpTrigger: trigger('anonymous', ['GET', 'POST']) },
        { name: 'broken', builtIn: false, note: '', versions: [], aliases: {}, problem: 'bad', httpTrigger: trigger('anonymous', ['GET']) },
      ],
    );
    const start = lines.indexOf('HTTP triggers (web functions), any path below each URL:');
    expect(lines.slice(start + 1, start + 4)).toEqual([
      '  demo/web  http://127.0.0.1:9000/2016-08-15/proxy/demo/web/  signed (FC 2.0 signature), any method',
      '  site      http://127.0.0.1:9000/site.fcapp.run/             anonymous, GET POST',
      '',
    ]);
  });

  it('says how to add one when there is none', () => {
    expect(render([], [])).toContain('  (none: add "httpTrigger" to a function.json)');
  });
});

describe('shellQuote', () => {
  it('quotes only when needed', () => {
    expect(shellQuote('abc-123')).toBe('abc-123');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
