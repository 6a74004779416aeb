import { describe, expect, it } from 'vitest';
import { isValidName, parseFunctionConfig, parseServiceConfig, resolveQualifier } from '../../../src/emulator/function-config.js';

describe('parseFunctionConfig', () => {
  it('defaults to 60 s, 128 MB, index.handler', () => {
    expect(parseFunctionConfig(undefined)).toEqual({
      ok: true,
      value: { timeoutSeconds: 60, memoryMb: 128, handler: 'index.handler', environmentVariables: {} },
    });
    expect(parseFunctionConfig(undefined, 10)).toMatchObject({ ok: true, value: { timeoutSeconds: 10 } });
  });

  it('reads FC field names and ignores the rest', () => {
    expect(
      parseFunctionConfig({ timeout: 3, memorySize: 512, handler: 'main.run', environmentVariables: { A: 'x', N: 1 }, runtime: 'nodejs20' }),
    ).toEqual({ ok: true, value: { timeoutSeconds: 3, memoryMb: 512, handler: 'main.run', environmentVariables: { A: 'x', N: '1' } } });
  });

  it.each([
    [[], 'JSON object'],
    [{ timeout: 0 }, 'timeout'],
    [{ timeout: '5' }, 'timeout'],
    [{ timeout: 100_000 }, 'timeout'],
    [{ memorySize: -1 }, 'memorySize'],
    [{ handler: 'index' }, 'handler'],
    [{ handler: '../x.handler' }, 'handler'],
    [{ environmentVariables: { A: {} } }, 'environmentVariables'],
  ])('rejects %j naming %s', (json, field) => {
    const result = parseFunctionConfig(json);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(field);
  });
});

describe('parseServiceConfig', () => {
  it('reads versions and aliases, numbers as strings', () => {
    expect(parseServiceConfig({ versions: ['1', 2], aliases: { prod: 1, beta: '2' } })).toEqual({
      ok: true,
      value: { versions: ['1', '2'], aliases: { prod: '1', beta: '2' } },
    });
    expect(parseServiceConfig(undefined)).toEqual({ ok: true, value: { versions: [], aliases: {} } });
  });

  it('rejects what it cannot use', () => {
    expect(parseServiceConfig({ versions: ['v1'] }).ok).toBe(false);
    expect(parseServiceConfig({ aliases: ['prod'] }).ok).toBe(false);
    expect(parseServiceConfig('x').ok).toBe(false);
  });
});

describe('resolveQualifier', () => {
  const config = { versions: ['1', '2'], aliases: { prod: '1', staging: '2' } };

  it('serves LATEST without a qualifier or with LATEST', () => {
    expect(resolveQualifier('svc', config, undefined)).toEqual({ ok: true, version: 'LATEST' });
    expect(resolveQualifier('svc', config, 'LATEST')).toEqual({ ok: true, version: 'LATEST' });
  });

  it('maps an alias to its version and accepts a published version', () => {
    expect(resolveQualifier('svc', config, 'prod')).toEqual({ ok: true, version: '1' });
    expect(resolveQualifier('svc', config, '2')).toEqual({ ok: true, version: '2' });
  });

  it('answers 404 VersionNotFound and AliasNotFound', () => {
    expect(resolveQualifier('svc', config, '3')).toMatchObject({ ok: false, error: { status: 404, code: 'VersionNotFound' } });
    expect(resolveQualifier('svc', config, 'beta')).toMatchObject({ ok: false, error: { status: 404, code: 'AliasNotFound' } });
    expect(resolveQualifier('svc', config, 'toString')).toMatchObject({ ok: false, error: { code: 'AliasNotFound' } });
  });
});

describe('isValidName', () => {
  it('follows the FC name rule', () => {
    expect(isValidName('my_svc-1', 128)).toBe(true);
    expect(isValidName('1svc', 128)).toBe(false);
    expect(isValidName('-svc', 128)).toBe(false);
    expect(isValidName('..', 128)).toBe(false);
    expect(isValidName('', 128)).toBe(false);
    expect(isValidName('a'.repeat(65), 64)).toBe(false);
  });
});
