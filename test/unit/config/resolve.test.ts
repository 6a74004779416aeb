import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../../../src/config/files.js';
import { requireCredentials, requireEndpointSettings, resolveSettings } from '../../../src/config/resolve.js';
import { ENV_CREDENTIALS_SOURCE, type ResolvedSettings, type SettingsInput, type SettingsProblem } from '../../../src/config/settings.js';
import { ConfigError } from '../../../src/errors.js';
import { makeSandbox, spyFiles, type Sandbox } from './helpers.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

const ENV_KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-env-id-0000', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-env-secret' };
const PROJECT = '~/code/repo/.fcinvokerc.json';

function resolve(input: Partial<SettingsInput> = {}): Promise<ResolvedSettings> {
  return resolveSettings({ flags: {}, env: {}, cwd: box.repo, home: box.home, ...input });
}

async function failure(input: Partial<SettingsInput> = {}): Promise<Error> {
  return resolve(input).then(
    () => {
      throw new Error('resolved');
    },
    (e: unknown) => e as Error,
  );
}

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('did not throw');
}

/** Every non-empty subset of the layers, as [names, expected source of the first (highest) one]. */
function subsets<T extends string>(layers: readonly T[]): Array<[string, T[]]> {
  const rows: Array<[string, T[]]> = [];
  for (let mask = 1; mask < 1 << layers.length; mask++) {
    const chosen = layers.filter((_, i) => mask & (1 << i));
    rows.push([chosen.join(' + '), chosen]);
  }
  return rows;
}

interface Setup {
  flags: SettingsInput['flags'];
  env: Record<string, string>;
  project: Record<string, unknown>;
  homes: string[];
}

function run(setup: Setup): Promise<ResolvedSettings> {
  box = makeSandbox(...setup.homes);
  if (Object.keys(setup.project).length > 0) box.write(join(box.repo, '.fcinvokerc.json'), JSON.stringify(setup.project));
  return resolve({ flags: setup.flags, env: setup.env });
}

function empty(): Setup {
  return { flags: {}, env: {}, project: {}, homes: [] };
}

describe('precedence: flags > environment > project config > stores', () => {
  const regionLayers = {
    flag: [(s: Setup) => (s.flags.region = 'cn-flag'), '--region'],
    env: [(s: Setup) => (s.env.ALIBABA_CLOUD_REGION_ID = 'cn-env'), 'ALIBABA_CLOUD_REGION_ID'],
    project: [(s: Setup) => (s.project.region = 'cn-project'), PROJECT],
    'aliyun-cli': [(s: Setup) => s.homes.push('aliyun-cli'), '~/.aliyun/config.json, profile "default"'],
    fcli: [(s: Setup) => s.homes.push('fcli'), '~/.fcli/config.yaml'],
  } as const;
  it.each(subsets(Object.keys(regionLayers) as Array<keyof typeof regionLayers>))('region from %s', async (_name, layers) => {
    const setup = empty();
    for (const layer of layers) regionLayers[layer][0](setup);
    expect((await run(setup)).region?.source).toBe(regionLayers[layers[0] as keyof typeof regionLayers][1]);
  });

  const accountLayers = {
    flag: [(s: Setup) => (s.flags.accountId = '1000000000000001'), '--account-id'],
    env: [(s: Setup) => (s.env.ALIBABA_CLOUD_ACCOUNT_ID = '1000000000000002'), 'ALIBABA_CLOUD_ACCOUNT_ID'],
    project: [(s: Setup) => (s.project.accountId = '1000000000000003'), PROJECT],
    'serverless-devs': [(s: Setup) => s.homes.push('serverless-devs'), '~/.s/access.yaml, alias "default"'],
    fcli: [(s: Setup) => s.homes.push('fcli'), '~/.fcli/config.yaml'],
  } as const;
  it.each(subsets(Object.keys(accountLayers) as Array<keyof typeof accountLayers>))('accountId from %s', async (_name, layers) => {
    const setup = empty();
    for (const layer of layers) accountLayers[layer][0](setup);
    expect((await run(setup)).accountId?.source).toBe(accountLayers[layers[0] as keyof typeof accountLayers][1]);
  });

  const credentialLayers = {
    env: [(s: Setup) => Object.assign(s.env, ENV_KEYS), ENV_CREDENTIALS_SOURCE],
    'aliyun-cli': [(s: Setup) => s.homes.push('aliyun-cli'), '~/.aliyun/config.json, profile "default"'],
    'credentials-file': [(s: Setup) => s.homes.push('credentials-file'), '~/.alibabacloud/credentials, profile "default"'],
    'serverless-devs': [(s: Setup) => s.homes.push('serverless-devs'), '~/.s/access.yaml, alias "default"'],
    fcli: [(s: Setup) => s.homes.push('fcli'), '~/.fcli/config.yaml'],
  } as const;
  it.each(subsets(Object.keys(credentialLayers) as Array<keyof typeof credentialLayers>))('credentials from %s', async (_name, layers) => {
    const setup = empty();
    for (const layer of layers) credentialLayers[layer][0](setup);
    const settings = await run(setup);
    expect(settings.credentials?.source).toBe(credentialLayers[layers[0] as keyof typeof credentialLayers][1]);
  });

  // Profile and endpoint have no store layer; the keys come from the environment so that no store is needed.
  const endpointLayers = {
    flag: [(s: Setup) => (s.flags.endpoint = 'https://flag.example.aliyuncs.com'), '--endpoint'],
    env: [(s: Setup) => (s.env.FCINVOKE_ENDPOINT = 'https://env.example.aliyuncs.com'), 'FCINVOKE_ENDPOINT'],
    project: [(s: Setup) => (s.project.endpoint = 'https://project.example.aliyuncs.com'), PROJECT],
  } as const;
  it.each(subsets(Object.keys(endpointLayers) as Array<keyof typeof endpointLayers>))('endpoint from %s', async (_name, layers) => {
    const setup = empty();
    Object.assign(setup.env, ENV_KEYS);
    for (const layer of layers) endpointLayers[layer][0](setup);
    expect((await run(setup)).endpoint?.source).toBe(endpointLayers[layers[0] as keyof typeof endpointLayers][1]);
  });

  const profileLayers = {
    flag: [(s: Setup) => (s.flags.profile = 'from-flag'), '--profile'],
    env: [(s: Setup) => (s.env.ALIBABA_CLOUD_PROFILE = 'from-env'), 'ALIBABA_CLOUD_PROFILE'],
    project: [(s: Setup) => (s.project.profile = 'from-project'), PROJECT],
  } as const;
  it.each(subsets(Object.keys(profileLayers) as Array<keyof typeof profileLayers>))('profile from %s', async (_name, layers) => {
    const setup = empty();
    Object.assign(setup.env, ENV_KEYS);
    setup.flags.endpoint = 'https://x.aliyuncs.com';
    for (const layer of layers) profileLayers[layer][0](setup);
    expect((await run(setup)).profile?.source).toBe(profileLayers[layers[0] as keyof typeof profileLayers][1]);
  });

  it('takes qualifier, timeout, retries and logs from the project config', async () => {
    const setup = empty();
    setup.project = { qualifier: 'prod', timeout: 90, retries: 0, logs: false };
    const settings = await run(setup);
    expect([settings.qualifier, settings.timeout, settings.retries, settings.logs]).toEqual([
      { value: 'prod', source: PROJECT },
      { value: 90, source: PROJECT },
      { value: 0, source: PROJECT },
      { value: false, source: PROJECT },
    ]);
  });
});

describe('reading only what is needed', () => {
  const storePaths = (home: string) => ({
    aliyun: join(home, '.aliyun/config.json'),
    ini: join(home, '.alibabacloud/credentials'),
    s: join(home, '.s/access.yaml'),
    fcli: join(home, '.fcli/config.yaml'),
  });

  it('reads no store when flags and the environment give everything', async () => {
    box = makeSandbox('aliyun-cli', 'credentials-file', 'serverless-devs', 'fcli');
    const files = spyFiles(nodeFileSystem);
    await resolve({ files, env: ENV_KEYS, flags: { endpoint: 'https://x.aliyuncs.com' } });
    await resolve({ files, env: { ...ENV_KEYS, ALIBABA_CLOUD_REGION_ID: 'cn-x', ALIBABA_CLOUD_ACCOUNT_ID: '1' } });
    expect(files.reads.filter((path) => Object.values(storePaths(box.home)).includes(path))).toEqual([]);
  });

  it('reads a store only while something it can give is missing', async () => {
    box = makeSandbox('aliyun-cli', 'credentials-file', 'serverless-devs', 'fcli');
    const files = spyFiles(nodeFileSystem);
    const settings = await resolve({ files, env: ENV_KEYS });
    const paths = storePaths(box.home);
    expect(files.reads).toContain(paths.aliyun); // region
    expect(files.reads).not.toContain(paths.ini); // credentials only, and those are known
    expect(files.reads).toContain(paths.s); // account ID
    expect(files.reads).not.toContain(paths.fcli); // nothing left
    expect(settings.region?.source).toBe('~/.aliyun/config.json, profile "default"');
    expect(settings.accountId?.source).toBe('~/.s/access.yaml, alias "default"');
  });

  it('reads every store for `config` (lookup: all)', async () => {
    box = makeSandbox('aliyun-cli', 'credentials-file', 'serverless-devs', 'fcli');
    const files = spyFiles(nodeFileSystem);
    await resolve({ files, env: ENV_KEYS, flags: { endpoint: 'https://x.aliyuncs.com' }, lookup: 'all' });
    expect(files.reads).toEqual(expect.arrayContaining(Object.values(storePaths(box.home))));
  });
});

describe('profiles and aliases', () => {
  it('selects the profile in the first store that has it, and its alias in the next', async () => {
    box = makeSandbox('credentials-file', 'serverless-devs');
    const settings = await resolve({ flags: { profile: 'work' } });
    expect(settings.credentials?.source).toBe('~/.alibabacloud/credentials, profile "work"');
    expect(settings.accountId).toEqual({ value: '2222222222222222', source: '~/.s/access.yaml, alias "work"' });
  });

  it('takes the profile from the project config', async () => {
    box = makeSandbox('aliyun-cli');
    box.write(join(box.repo, '.fcinvokerc.yaml'), 'profile: work\n');
    const settings = await resolve();
    expect(settings.profile).toEqual({ value: 'work', source: '~/code/repo/.fcinvokerc.yaml' });
    expect(settings.credentials?.source).toBe('~/.aliyun/config.json, profile "work"');
  });

  it('does not use fcli (which has no profiles) when a profile is named', async () => {
    box = makeSandbox('serverless-devs', 'fcli');
    const settings = await resolve({ env: { ALIBABA_CLOUD_PROFILE: 'work' } });
    expect(settings.region).toBeUndefined();
    expect(settings.searched?.region).toContain('~/.fcli/config.yaml (skipped: it has no profiles and profile "work" is named)');
  });

  it('refuses a profile that exists nowhere, listing those that do', async () => {
    box = makeSandbox('aliyun-cli', 'credentials-file', 'serverless-devs', 'fcli');
    const error = (await failure({ flags: { profile: 'wrok' } })) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.code).toBe('UnknownProfile');
    expect(error.message).toBe(
      'profile "wrok" (--profile) exists in no credential store (~/.aliyun/config.json profiles: "default", "work", "role"; ' +
        '~/.alibabacloud/credentials profiles: "default", "work", "ecs"; ~/.s/access.yaml aliases: "default", "work"); ' +
        'name an existing one, or create it (e.g. `aliyun configure --profile NAME`)',
    );
  });

  it('accepts a profile that exists in a store that was not needed', async () => {
    box = makeSandbox('aliyun-cli', 'serverless-devs');
    const settings = await resolve({ flags: { profile: 'role', region: 'cn-x' }, env: ENV_KEYS });
    expect(settings.accountId).toBeUndefined();
  });

  it('warns when a named profile loses to keys in the environment', async () => {
    box = makeSandbox('aliyun-cli');
    const settings = await resolve({ flags: { profile: 'work' }, env: ENV_KEYS });
    expect(settings.credentials?.source).toBe(ENV_CREDENTIALS_SOURCE);
    expect(settings.region?.source).toBe('~/.aliyun/config.json, profile "work"');
    expect(settings.warnings).toEqual([
      'profile "work" (--profile) is not used for the credentials: ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are set, and the environment comes before profiles',
    ]);
  });
});

describe('a key ID and its secret come from one place', () => {
  it.each([
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-id-0000' }, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set but its pair is'],
    [{ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-secret' }, 'ALIBABA_CLOUD_ACCESS_KEY_ID is not set but its pair is'],
    [{ ALIBABA_CLOUD_SECURITY_TOKEN: 'fake-token' }, 'ALIBABA_CLOUD_SECURITY_TOKEN is set without'],
  ])('refuses half a pair in the environment: %j', async (env, message) => {
    box = makeSandbox('aliyun-cli');
    const error = (await failure({ env })) as ConfigError;
    expect(error.code).toBe('IncompleteCredentials');
    expect(error.message).toContain(message);
  });

  it('refuses half a pair in a store instead of completing it from the next store', async () => {
    box = makeSandbox('credentials-file');
    box.write('.aliyun/config.json', JSON.stringify({ profiles: [{ name: 'default', mode: 'AK', access_key_id: 'fake-half-id-0000' }] }));
    const error = (await failure()) as ConfigError;
    expect(error.code).toBe('IncompleteCredentials');
    expect(error.message).toMatch(/^~\/\.aliyun\/config\.json, profile "default" has half an AccessKey pair: "access_key_secret" is missing/);
  });
});

describe('missing settings name every place looked', () => {
  it('requireCredentials: a short message, every place in the details, the fix and the emulator', async () => {
    box = makeSandbox();
    const settings = await resolve();
    const error = thrown(() => requireCredentials(settings));
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('MissingCredentials');
    expect(error.message).toBe('no credentials found');
    expect(error.details).toEqual([
      'looked in, in this order:',
      '  ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET (not set)',
      '  ~/.aliyun/config.json (not found)',
      '  ~/.alibabacloud/credentials (not found)',
      '  ~/.s/access.yaml (not found)',
      '  ~/.fcli/config.yaml (not found)',
      'set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for an STS key), or run `aliyun configure`',
      'to try fcinvoke offline instead: eval "$(fcinvoke emulator --background)", then fcinvoke run demo hello',
    ]);
  });

  it('requireEndpointSettings: what is missing, where it was looked for, and where an account ID comes from', async () => {
    box = makeSandbox('aliyun-cli');
    box.write(join(box.repo, '.fcinvokerc.json'), '{"qualifier": "prod"}');
    const settings = await resolve();
    const error = thrown(() => requireEndpointSettings(settings));
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('MissingEndpoint');
    expect(error.message).toBe('no account ID to build the endpoint');
    expect(error.details).toEqual([
      'the endpoint is https://{accountId}.{region}.fc.aliyuncs.com',
      'account ID looked for in:',
      '  --account-id (not given)',
      '  ALIBABA_CLOUD_ACCOUNT_ID (not set)',
      '  ~/code/repo/.fcinvokerc.json (no accountId)',
      '  ~/.s/access.yaml (not found)',
      '  ~/.fcli/config.yaml (not found)',
      expect.stringMatching(/^the account ID is your main account's number .*`aliyun sts GetCallerIdentity` prints it as AccountId/),
      'give --account-id and --region (or ALIBABA_CLOUD_ACCOUNT_ID and ALIBABA_CLOUD_REGION_ID, or accountId and region in .fcinvokerc.json), ' +
        'or the whole endpoint with --endpoint or FCINVOKE_ENDPOINT',
    ]);
    box.write('.aliyun/config.json', '{"profiles": []}');
    const neither = thrown(() => requireEndpointSettings({ warnings: [] }));
    expect(neither.message).toBe('no account ID and no region to build the endpoint');
    expect(neither.details.slice(1, 4)).toEqual(['account ID looked for in:', '  --account-id', '  ALIBABA_CLOUD_ACCOUNT_ID']);
    expect(neither.details).toContain('region looked for in:');
    const settingsNoRegion = await resolve({ env: { ALIBABA_CLOUD_ACCOUNT_ID: '1234567890' } });
    const noRegion = thrown(() => requireEndpointSettings(settingsNoRegion));
    expect(noRegion.message).toBe('no region to build the endpoint');
    expect(noRegion.details.slice(1, 7)).toEqual([
      'region looked for in:',
      '  --region (not given)',
      '  ALIBABA_CLOUD_REGION_ID (not set)',
      '  ~/code/repo/.fcinvokerc.json (no region)',
      '  ~/.aliyun/config.json (no default profile)',
      '  ~/.fcli/config.yaml (not found)',
    ]);
    expect(noRegion.details.join('\n')).not.toContain('account ID looked for');
  });

  it('says where the project search went when there is no project file', async () => {
    box = makeSandbox();
    const settings = await resolve();
    expect(settings.searched?.region).toContain('project config (none in ~/code/repo; stopped at the repository root)');
  });

  it('requireEndpointSettings gives the endpoint or both parts', async () => {
    box = makeSandbox('aliyun-cli', 'fcli');
    expect(requireEndpointSettings(await resolve({ flags: { internal: true } }))).toEqual({
      accountId: '3333333333333333',
      region: 'cn-hangzhou',
      internal: true,
    });
    expect(requireEndpointSettings(await resolve({ flags: { endpoint: 'http://127.0.0.1:9000' } }))).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      internal: false,
    });
  });
});

describe('invalid values from flags and the environment', () => {
  it('an invalid flag is a configuration error (exit 3), as docs/exit-codes.md says for --endpoint', async () => {
    box = makeSandbox();
    const error = await failure({ flags: { region: 'cn hangzhou' } });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe('command line: "--region" must be a region ID such as cn-hangzhou, not "cn hangzhou"');
  });

  it('an invalid environment variable is a configuration error (exit 3)', async () => {
    box = makeSandbox();
    const error = await failure({ env: { FCINVOKE_ENDPOINT: 'fc.aliyuncs.com' } });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^environment: "FCINVOKE_ENDPOINT" must be a full URL such as https:/);
    const scheme = await failure({ flags: { endpoint: 'ftp://127.0.0.1/' } });
    expect(scheme.message).toBe('command line: "--endpoint" is not usable: the scheme must be http or https, not "ftp"');
    const bare = await failure({ flags: { endpoint: 'localhost:9000' } });
    expect(bare.message).toMatch(/^command line: "--endpoint" must be a full URL such as https:.*, not "localhost:9000"$/);
  });
});

describe('report mode (fcinvoke config): a source that cannot be used is recorded and skipped', () => {
  async function report(input: Partial<SettingsInput> = {}): Promise<{ settings: ResolvedSettings; problems: SettingsProblem[] }> {
    const problems: SettingsProblem[] = [];
    const settings = await resolve({ lookup: 'all', problems, ...input });
    return { settings, problems };
  }

  it('a malformed store: the keys from the environment and the other stores still show', async () => {
    box = makeSandbox('fcli');
    box.write('.aliyun/config.json', '{bad');
    const env = { ...ENV_KEYS, FCINVOKE_ENDPOINT: 'http://127.0.0.1:9000' };
    const { settings, problems } = await report({ env });
    expect(problems).toEqual([
      { place: '~/.aliyun/config.json', code: 'MalformedConfig', message: expect.stringMatching(/^~\/\.aliyun\/config\.json, line 1, column 2: invalid JSON/) },
    ]);
    expect(settings.credentials?.source).toBe(ENV_CREDENTIALS_SOURCE);
    expect(settings.region?.source).toBe('~/.fcli/config.yaml');
    // What `run` does with the same files: it never reads the store, so nothing fails.
    await expect(resolve({ env })).resolves.toBeDefined();
  });

  it('an unusable profile mode: recorded, and what else the profile holds is still taken', async () => {
    box = makeSandbox();
    box.write(
      '.aliyun/config.json',
      JSON.stringify({ profiles: [{ name: 'role', mode: 'RamRoleArn', access_key_id: 'fake-id-role', access_key_secret: 'fake-s', region_id: 'cn-beijing' }] }),
    );
    const { settings, problems } = await report({ flags: { profile: 'role' } });
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/profile "role" uses mode "RamRoleArn", which fcinvoke cannot use/)]);
    expect(settings.credentials).toBeUndefined();
    expect(settings.region).toEqual({ value: 'cn-beijing', source: '~/.aliyun/config.json, profile "role"' });
  });

  it('an unknown profile, an invalid variable and a broken project file: each recorded, the rest resolved', async () => {
    box = makeSandbox('aliyun-cli');
    box.write(join(box.repo, '.fcinvokerc.json'), '{"region": ');
    const { settings, problems } = await report({ flags: { profile: 'wrok' }, env: { ...ENV_KEYS, ALIBABA_CLOUD_ACCOUNT_ID: 'not-digits' } });
    expect(problems.map((p) => [p.place, p.code])).toEqual([
      ['ALIBABA_CLOUD_ACCOUNT_ID', 'InvalidConfig'],
      ['project config', 'MalformedConfig'],
      ['profile "wrok"', 'UnknownProfile'],
    ]);
    expect(settings.profile?.value).toBe('wrok');
    expect(settings.credentials?.source).toBe(ENV_CREDENTIALS_SOURCE);
    expect(settings.accountId).toBeUndefined();
  });

  it('without report mode, the first of them is thrown', async () => {
    box = makeSandbox();
    box.write('.aliyun/config.json', '{bad');
    expect(((await failure({ lookup: 'all' })) as ConfigError).code).toBe('MalformedConfig');
  });
});
