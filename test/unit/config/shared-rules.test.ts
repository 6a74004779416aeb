// The qualifier and endpoint rules are the client's (fc/names.ts, fc/endpoint.ts): a value
// from settings is refused exactly when the client would refuse it on the command line.
import { describe, expect, it } from 'vitest';
import { describeSettings } from '../../../src/config/describe.js';
import { findProjectConfig } from '../../../src/config/project-file.js';
import { checkEndpoint } from '../../../src/config/values.js';
import { ConfigError, UsageError } from '../../../src/errors.js';
import { buildBaseUrl } from '../../../src/fc/endpoint.js';
import { v2016 } from '../../../src/fc/v2016/index.js';
import { memoryFiles } from './helpers.js';

const FILE = '/r/.fcinvokerc.json';

async function fromProjectFile(qualifier: string): Promise<string | ConfigError> {
  const files = memoryFiles({ '/r/.git/HEAD': '', [FILE]: JSON.stringify({ qualifier }) });
  return findProjectConfig(files, '/r', '/home/u').then(
    (found) => found.config?.qualifier ?? 'absent',
    (error: unknown) => error as ConfigError,
  );
}

function fromFlag(qualifier: string): string | UsageError {
  try {
    return v2016.resolveTarget('svc', 'fn', qualifier).qualifier ?? 'absent';
  } catch (error) {
    return error as UsageError;
  }
}

describe('a qualifier in a project file follows the rule of -q', () => {
  it.each([
    ['-prod', false],
    ['a.b', false],
    ['q'.repeat(129), false],
    ['LATEST', true],
    ['3', true],
    ['prod_1', true],
  ])('%s: accepted %s by both', async (qualifier, accepted) => {
    const flag = fromFlag(qualifier);
    const project = await fromProjectFile(qualifier);
    if (accepted) {
      expect(flag).toBe(qualifier);
      expect(project).toBe(qualifier);
      return;
    }
    expect(flag).toBeInstanceOf(UsageError);
    expect(project).toBeInstanceOf(ConfigError);
    const flagMessage = (flag as UsageError).message;
    const projectError = project as ConfigError;
    expect(projectError.exitCode).toBe(3);
    expect(projectError.code).toBe('InvalidConfig');
    // The same words after the value; the file and the key before it.
    const rule = flagMessage.slice(`invalid qualifier ${JSON.stringify(qualifier)}`.length);
    expect(rule).toMatch(/^: use LATEST, a version number or an alias name/);
    expect(projectError.message.startsWith(`${FILE}: "qualifier": invalid qualifier `)).toBe(true);
    expect(projectError.message.endsWith(rule)).toBe(true);
  });

  it('does not echo a long value (a secret pasted under the wrong key)', async () => {
    const error = (await fromProjectFile('q'.repeat(129))) as ConfigError;
    expect(error.message).toBe(
      `${FILE}: "qualifier": invalid qualifier a string of 129 characters: use LATEST, a version number or an alias name (letters, digits, "_", "-"; at most 128)`,
    );
  });
});

describe('an endpoint setting is what buildBaseUrl accepts', () => {
  const accepts = (fn: () => unknown): boolean => {
    try {
      fn();
      return true;
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return false;
    }
  };

  it.each([
    ['https://1234567890123456.cn-hangzhou.fc.aliyuncs.com', true],
    ['http://127.0.0.1:9000/', true],
    ['HTTP://LOCALHOST:9000', true],
    ['ftp://127.0.0.1/', false],
    ['file:///etc/passwd', false],
    ['fc.aliyuncs.com', false],
    ['localhost:9000', false],
    ['https://', false],
    ['http://exa mple.com', false],
  ])('%s: %s', (endpoint, accepted) => {
    expect(accepts(() => buildBaseUrl({ endpoint }))).toBe(accepted);
    expect(accepts(() => checkEndpoint(endpoint, 'here'))).toBe(accepted);
  });

  it('asks for the scheme to be written out, where buildBaseUrl alone would take `http:host`', () => {
    expect(accepts(() => buildBaseUrl({ endpoint: 'http:example.com' }))).toBe(true);
    expect(() => checkEndpoint('http:example.com', 'here')).toThrow(/^here: "endpoint" must be a full URL such as https:/);
  });
});

describe('the endpoint `config` shows', () => {
  it.each([false, true])('is the one buildBaseUrl builds (internal: %s)', (internal) => {
    const { json } = describeSettings({
      warnings: [],
      accountId: { value: '1234567890123456', source: '--account-id' },
      region: { value: 'cn-shanghai', source: '--region' },
      ...(internal && { internal: { value: true, source: '--internal' } }),
    });
    expect(json.settings.endpoint).toEqual({
      value: buildBaseUrl({ accountId: '1234567890123456', region: 'cn-shanghai', internal }),
      source: 'built from accountId and region',
    });
    expect(json.settings.endpoint.value).toBe(`https://1234567890123456.cn-shanghai${internal ? '-internal' : ''}.fc.aliyuncs.com`);
  });
});
