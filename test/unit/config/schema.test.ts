import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../src/config/resolve.js';
import { SETTING_ROWS, SETTINGS, type OwnSettingName, type SettingName } from '../../../src/config/schema.js';
import type { SettingsInput } from '../../../src/config/settings.js';
import { ConfigError } from '../../../src/errors.js';
import { memoryFiles } from './helpers.js';

const ENV_KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-env-id-0000', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'emulator-fake-secret' };

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('did not throw');
}

describe('the table', () => {
  it('lists every setting in the order `config` shows them', () => {
    expect(SETTING_ROWS.map(([name]) => name)).toEqual([
      'accessKeyId',
      'accessKeySecret',
      'securityToken',
      'region',
      'accountId',
      'endpoint',
      'internal',
      'profile',
      'qualifier',
      'timeout',
      'retries',
      'logs',
      'apiVersion',
    ]);
  });

  it('names the flags, variables and project keys of cli-contract "Settings"', () => {
    const flags = SETTING_ROWS.flatMap(([, row]) => (row.flag ? [row.flag.name] : []));
    const env = SETTING_ROWS.flatMap(([, row]) => (row.env ? [row.env] : []));
    const project = SETTING_ROWS.flatMap(([, row]) => (row.projectKey ? [row.projectKey] : []));
    expect(flags).toEqual(['--region', '--account-id', '--endpoint', '--internal', '--profile', '--api-version']);
    expect(env).toEqual([
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'ALIBABA_CLOUD_SECURITY_TOKEN',
      'ALIBABA_CLOUD_REGION_ID',
      'ALIBABA_CLOUD_ACCOUNT_ID',
      'FCINVOKE_ENDPOINT',
      'ALIBABA_CLOUD_PROFILE',
      'FCINVOKE_API_VERSION',
    ]);
    expect(project).toEqual(['region', 'accountId', 'endpoint', 'profile', 'qualifier', 'timeout', 'retries', 'logs', 'apiVersion']);
  });

  it('lets the key pair come only from the environment or a store, and masks it', () => {
    const masked = SETTING_ROWS.filter(([, row]) => row.mask !== 'none');
    expect(masked.map(([name, row]) => [name, row.mask])).toEqual([
      ['accessKeyId', 'id'],
      ['accessKeySecret', 'secret'],
      ['securityToken', 'secret'],
    ]);
    for (const [name, row] of masked) {
      expect(row.partOf, name).toBe('credentials');
      expect(row.flag, name).toBeUndefined();
      expect(row.projectKey, name).toBeUndefined();
    }
  });
});

describe('each validator', () => {
  // [a value from a source, the setting's value, a value refused, the refusal]
  const cases: Record<SettingName, [unknown, unknown, unknown, RegExp]> = {
    accessKeyId: [' fake-id-0000 ', ' fake-id-0000 ', '  ', /^here: "key" is blank; set it to the key, or unset it$/],
    accessKeySecret: ['emulator-fake-secret', 'emulator-fake-secret', '', /is blank/],
    securityToken: ['fake-token', 'fake-token', 7, /^here: "key" must be text; set it to the key, or unset it$/],
    region: [' cn-hangzhou ', 'cn-hangzhou', 'cn hangzhou', /^here: "key" must be a region ID such as cn-hangzhou, not "cn hangzhou"$/],
    accountId: [1234567890123456, '1234567890123456', '12ab', /^here: "key" must be an account ID \(digits\)/],
    endpoint: ['http://127.0.0.1:9000', 'http://127.0.0.1:9000', 'ftp://x', /^here: "key" is not usable: the scheme must be http or https, not "ftp"$/],
    internal: [true, true, 'yes', /^here: "key" must be true or false, not "yes"$/],
    profile: ['work', 'work', '', /^here: "key" must be a non-empty string, not ""$/],
    qualifier: [3, '3', '-prod', /^here: "key": invalid qualifier "-prod": use LATEST/],
    timeout: [0.5, 0.5, 0, /^here: "key" must be a number of seconds greater than 0 and at most 172800 \(two days\), not 0$/],
    retries: [0, 0, 1.5, /^here: "key" must be a whole number from 0 to 20, not 1\.5$/],
    logs: [false, false, 'no', /^here: "key" must be true or false, not "no"$/],
    apiVersion: ['2023-03-30', '2023-03-30', '2023', /^here: "key" must be 2016-08-15 \(FC 2\.0\) or 2023-03-30 \(FC 3\.0\), not "2023"$/],
  };

  it('has a case for every setting', () => {
    expect(Object.keys(cases)).toEqual(SETTING_ROWS.map(([name]) => name));
  });

  it.each(SETTING_ROWS)('%s', (name, row) => {
    const [given, value, bad, refusal] = cases[name];
    expect(row.validate(given, 'here', 'key')).toEqual(value);
    const error = thrown(() => row.validate(bad, 'here', 'key'));
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('InvalidConfig');
    expect(error.message).toMatch(refusal);
  });

  it('never echoes a key part it refuses', () => {
    expect(thrown(() => SETTINGS.accessKeySecret.validate(['fake-secret-zzzz'], 'here', 'key')).message).not.toContain('zzzz');
  });
});

describe('precedence for every setting: flag > environment > project config', () => {
  // One valid value per source the setting has; a source it lacks has none.
  const samples: Record<OwnSettingName, { flag?: string | true; env?: string; project?: unknown }> = {
    region: { flag: 'cn-flag', env: 'cn-env', project: 'cn-project' },
    accountId: { flag: '1000000000000001', env: '1000000000000002', project: '1000000000000003' },
    endpoint: { flag: 'https://flag.example.aliyuncs.com', env: 'https://env.example.aliyuncs.com', project: 'https://project.example.aliyuncs.com' },
    internal: { flag: true },
    profile: { flag: 'from-flag', env: 'from-env', project: 'from-project' },
    qualifier: { project: 'prod' },
    timeout: { project: 90 },
    retries: { project: 0 },
    logs: { project: false },
    apiVersion: { flag: '2023-03-30', env: '2016-08-15', project: '2023-03-30' },
  };
  const layers = ['flag', 'env', 'project'] as const;
  const PROJECT = '/r/.fcinvokerc.json';

  const rows = SETTING_ROWS.flatMap(([name, row]) => {
    if (row.partOf === 'credentials') return [];
    const own = name as OwnSettingName;
    const present = layers.filter((layer) => (layer === 'flag' ? row.flag : layer === 'env' ? row.env : row.projectKey) !== undefined);
    const subsets = [];
    for (let mask = 1; mask < 1 << present.length; mask++) {
      const chosen = present.filter((_, i) => mask & (1 << i));
      subsets.push({ name: own, label: `${name} from ${chosen.join(' + ')}`, chosen });
    }
    return subsets;
  });

  it('has a sample for each source of each setting, and no other', () => {
    for (const [name, row] of SETTING_ROWS) {
      if (row.partOf === 'credentials') continue;
      const sample = samples[name as OwnSettingName];
      expect([sample.flag !== undefined, sample.env !== undefined, sample.project !== undefined], name).toEqual([
        row.flag !== undefined,
        row.env !== undefined,
        row.projectKey !== undefined,
      ]);
    }
  });

  it.each(rows)('$label', async ({ name, chosen }) => {
    const row = SETTINGS[name];
    const sample = samples[name];
    // Credentials and an endpoint in the base keep every store unread (and no profile looked up).
    const flags: Record<string, unknown> = name === 'endpoint' ? {} : { endpoint: 'https://base.aliyuncs.com' };
    const env: Record<string, string> = { ...ENV_KEYS };
    const project: Record<string, unknown> = {};
    if (chosen.includes('flag') && 'flag' in row) flags[row.flag.option] = sample.flag;
    if (chosen.includes('env') && 'env' in row) env[row.env] = sample.env as string;
    if (chosen.includes('project') && 'projectKey' in row) project[row.projectKey] = sample.project;
    const files = memoryFiles({ '/r/.git/HEAD': '', ...(chosen.includes('project') && { [PROJECT]: JSON.stringify(project) }) });
    const input: SettingsInput = { flags: flags as SettingsInput['flags'], env, cwd: '/r', home: '/home/u', files };
    const settings = await resolveSettings(input);
    const top = chosen[0];
    const source = top === 'flag' && 'flag' in row ? row.flag.name : top === 'env' && 'env' in row ? row.env : PROJECT;
    expect(settings[name]).toEqual({ value: top === undefined ? undefined : sample[top], source });
  });
});
