import { describe, expect, it } from 'vitest';
import { describeSettings } from '../../../src/config/describe.js';
import { resolveApiVersion } from '../../../src/config/api-setting.js';
import { resolveSettings } from '../../../src/config/resolve.js';
import type { SettingsInput } from '../../../src/config/settings.js';
import { collectSources } from '../../../src/config/sources.js';
import { ConfigError } from '../../../src/errors.js';
import { memoryFiles } from './helpers.js';

const ENV_KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-env-id-0000', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'emulator-fake-secret' };

function input(options: { flag?: string; env?: string; file?: [string, string] } = {}): SettingsInput {
  const files = memoryFiles({ '/r/.git/HEAD': '', ...(options.file && { [`/r/${options.file[0]}`]: options.file[1] }) });
  return {
    flags: { endpoint: 'http://127.0.0.1:9000', apiVersion: options.flag },
    env: { ...ENV_KEYS, ...(options.env !== undefined && { FCINVOKE_API_VERSION: options.env }) },
    cwd: '/r',
    home: '/home/u',
    files,
  };
}

async function refusal(settings: SettingsInput): Promise<ConfigError> {
  const error = await resolveSettings(settings).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('apiVersion', () => {
  it.each([
    ['the flag', input({ flag: '2023-03-30', env: '2016-08-15', file: ['.fcinvokerc.json', '{"apiVersion": "2016-08-15"}'] }), '2023-03-30', '--api-version'],
    ['the environment', input({ env: '2016-08-15', file: ['.fcinvokerc.json', '{"apiVersion": "2023-03-30"}'] }), '2016-08-15', 'FCINVOKE_API_VERSION'],
    ['a JSON project file', input({ file: ['.fcinvokerc.json', '{"apiVersion": "2023-03-30"}'] }), '2023-03-30', '/r/.fcinvokerc.json'],
    ['a YAML project file, quoted', input({ file: ['.fcinvokerc.yaml', 'apiVersion: "2016-08-15"\n'] }), '2016-08-15', '/r/.fcinvokerc.yaml'],
    ['a YAML project file, read as a date', input({ file: ['.fcinvokerc.yml', 'apiVersion: 2023-03-30\n'] }), '2023-03-30', '/r/.fcinvokerc.yml'],
  ])('comes from %s', async (_name, settingsInput, value, source) => {
    expect((await resolveSettings(settingsInput)).apiVersion).toEqual({ value, source });
  });

  it('is absent when no source gives it: the arguments decide', async () => {
    expect((await resolveSettings(input({ flag: '', env: '' }))).apiVersion).toBeUndefined();
  });

  const TWO = 'must be 2016-08-15 (FC 2.0) or 2023-03-30 (FC 3.0)';
  it.each([
    ['the flag', input({ flag: '3.0' }), `command line: "--api-version" ${TWO}, not "3.0"`],
    ['the environment', input({ env: '2023-03-31' }), `environment: "FCINVOKE_API_VERSION" ${TWO}, not "2023-03-31"`],
    ['a JSON project file', input({ file: ['.fcinvokerc.json', '{"apiVersion": 2023}'] }), `/r/.fcinvokerc.json: "apiVersion" ${TWO}, not 2023`],
    ['another date in YAML', input({ file: ['.fcinvokerc.yaml', 'apiVersion: 2020-01-01\n'] }), `/r/.fcinvokerc.yaml: "apiVersion" ${TWO}, not "2020-01-01"`],
    ['a time in YAML', input({ file: ['.fcinvokerc.yaml', 'apiVersion: 2023-03-30T10:00:00Z\n'] }), `/r/.fcinvokerc.yaml: "apiVersion" ${TWO}, not a date`],
  ])('from %s is refused with exit 3, naming the source and the two values', async (_name, settingsInput, message) => {
    const error = await refusal(settingsInput);
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('InvalidConfig');
    expect(error.message).toBe(message);
  });

  it('is shown by `config` and `config --json`', async () => {
    const settings = await resolveSettings(input({ env: '2023-03-30' }));
    const { text, json } = describeSettings(settings);
    expect(json.settings.apiVersion).toEqual({ value: '2023-03-30', source: 'FCINVOKE_API_VERSION' });
    expect(text.split('\n')).toContain('apiVersion       2023-03-30             FCINVOKE_API_VERSION');
    expect(describeSettings({ warnings: [] }).json.settings.apiVersion).toEqual({ value: null, source: null });
  });

  it('is listed by --sources in each place that holds it', async () => {
    const sources = await collectSources(input({ flag: '2023-03-30', env: '2016-08-15', file: ['.fcinvokerc.json', '{"apiVersion": "2023-03-30"}'] }));
    expect(sources[0]?.values).toContainEqual({ name: '--api-version', value: '2023-03-30' });
    expect(sources[1]?.values).toContainEqual({ name: 'FCINVOKE_API_VERSION', value: '2016-08-15' });
    expect(sources[2]).toMatchObject({ place: '/r/.fcinvokerc.json', values: [{ name: 'apiVersion', value: '2023-03-30' }] });
  });
});

describe('resolveApiVersion: the setting read before the arguments are checked', () => {
  it.each([
    ['the flag', input({ flag: '2023-03-30', env: '2016-08-15', file: ['.fcinvokerc.json', '{"apiVersion": "2016-08-15"}'] })],
    ['the environment', input({ env: '2016-08-15', file: ['.fcinvokerc.json', '{"apiVersion": "2023-03-30"}'] })],
    ['a project file', input({ file: ['.fcinvokerc.yml', 'apiVersion: 2023-03-30\n'] })],
    ['nothing', input({ flag: '', env: '' })],
  ])('agrees with the full resolution: %s', async (_name, settingsInput) => {
    const full = (await resolveSettings(settingsInput)).apiVersion;
    const early = await resolveApiVersion(settingsInput);
    expect(early?.value).toBe(full?.value);
    if (full) expect(early?.source).toBe(full.source.startsWith('/') ? `apiVersion in ${full.source}` : full.source);
  });

  it('reads only the project file, never a credential store, and refuses what the full resolution refuses', async () => {
    const settingsInput = input({ file: ['.fcinvokerc.json', '{"apiVersion": "2016-08-15"}'] });
    await resolveApiVersion({ ...settingsInput, env: {} });
    const read = (settingsInput.files as ReturnType<typeof memoryFiles>).reads;
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((path) => /\.(aliyun|alibabacloud|s|fcli)\//.test(path))).toEqual([]);
    await expect(resolveApiVersion(input({ env: '2023-03-31' }))).rejects.toMatchObject({ code: 'InvalidConfig', exitCode: 3 });
    await expect(resolveApiVersion(input({ file: ['.fcinvokerc.json', '{"apiVersion": "2023-03-30", "accessKeySecret": "x"}'] }))).rejects.toMatchObject({ exitCode: 3 });
  });
});
