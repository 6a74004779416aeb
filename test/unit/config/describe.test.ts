import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSettings, SETTING_NAMES } from '../../../src/config/describe.js';
import { resolveSettings } from '../../../src/config/resolve.js';
import { ENV_CREDENTIALS_SOURCE, type ResolvedSettings, type SettingsInput } from '../../../src/config/settings.js';
import { collectSources } from '../../../src/config/sources.js';
import { fsError, makeSandbox, memoryFiles, type Sandbox } from './helpers.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

describe('describeSettings: text', () => {
  it('prints aligned name, value and source lines, secrets masked', () => {
    const settings: ResolvedSettings = {
      warnings: [],
      credentials: {
        value: { accessKeyId: 'fake-ak-id-from-aliyun-cli', accessKeySecret: 'fake-secret-from-aliyun-cli' },
        source: '~/.aliyun/config.json, profile "work"',
      },
      region: { value: 'cn-hangzhou', source: '--region' },
      accountId: { value: '1234567890123456', source: '~/.s/access.yaml, alias "default"' },
      internal: { value: true, source: '--internal' },
      timeout: { value: 30, source: '/repo/.fcinvokerc.json' },
      logs: { value: false, source: '/repo/.fcinvokerc.json' },
    };
    expect(describeSettings(settings).text).toBe(
      [
        'accessKeyId      ****-cli                                                       ~/.aliyun/config.json, profile "work"',
        'accessKeySecret  ********                                                       ~/.aliyun/config.json, profile "work"',
        'securityToken    -                                                              (not set)',
        'region           cn-hangzhou                                                    --region',
        'accountId        1234567890123456                                               ~/.s/access.yaml, alias "default"',
        'endpoint         https://1234567890123456.cn-hangzhou-internal.fc.aliyuncs.com  built from accountId and region',
        'internal         true                                                           --internal',
        'profile          -                                                              (not set)',
        'qualifier        -                                                              (not set)',
        'timeout          30                                                             /repo/.fcinvokerc.json',
        'retries          -                                                              (not set)',
        'logs             false                                                          /repo/.fcinvokerc.json',
        'apiVersion       -                                                              (not set)',
        '',
      ].join('\n'),
    );
  });

  it('names each environment variable for credentials from the environment', () => {
    const settings: ResolvedSettings = {
      warnings: [],
      credentials: { value: { accessKeyId: 'STS.fake-id-0000', accessKeySecret: 'fake-s', securityToken: 'fake-t' }, source: ENV_CREDENTIALS_SOURCE },
    };
    const lines = describeSettings(settings).text.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'accessKeyId      ****0000  ALIBABA_CLOUD_ACCESS_KEY_ID',
      'accessKeySecret  ********  ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'securityToken    ********  ALIBABA_CLOUD_SECURITY_TOKEN',
    ]);
  });

  it('escapes control characters from files and the environment', () => {
    const settings: ResolvedSettings = { warnings: [], profile: { value: '\u001b[31mred\u0007', source: 'ALIBABA_CLOUD_PROFILE' } };
    const { text, json } = describeSettings(settings);
    expect(text).toContain('profile          \\x1b[31mred\\x07  ALIBABA_CLOUD_PROFILE');
    expect(text).not.toContain('\u001b');
    expect(JSON.stringify(json)).toContain('\\u001b[31mred\\u0007');
  });
});

describe('describeSettings: JSON', () => {
  it('is the contract document, every setting present, secrets masked, types kept', () => {
    const settings: ResolvedSettings = {
      warnings: [],
      credentials: { value: { accessKeyId: 'fake-ak-id-wxyz', accessKeySecret: 'fake-secret' }, source: ENV_CREDENTIALS_SOURCE },
      endpoint: { value: 'http://127.0.0.1:9000', source: 'FCINVOKE_ENDPOINT' },
      retries: { value: 0, source: '/p/.fcinvokerc' },
      logs: { value: true, source: '/p/.fcinvokerc' },
    };
    const { json } = describeSettings(settings);
    expect(Object.keys(json)).toEqual(['settings']);
    expect(Object.keys(json.settings)).toEqual([...SETTING_NAMES]);
    expect(json.settings.accessKeyId).toEqual({ value: '****wxyz', source: 'ALIBABA_CLOUD_ACCESS_KEY_ID' });
    expect(json.settings.accessKeySecret).toEqual({ value: '********', source: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET' });
    expect(json.settings.securityToken).toEqual({ value: null, source: null });
    expect(json.settings.endpoint).toEqual({ value: 'http://127.0.0.1:9000', source: 'FCINVOKE_ENDPOINT' });
    expect(json.settings.retries).toEqual({ value: 0, source: '/p/.fcinvokerc' });
    expect(json.settings.logs).toEqual({ value: true, source: '/p/.fcinvokerc' });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('sources report (--sources)', () => {
  it('lists every place with what it held, masked, in text and JSON', async () => {
    box = makeSandbox('aliyun-cli', 'fcli');
    box.write(join(box.repo, '.fcinvokerc.yaml'), 'qualifier: prod\n');
    box.write('.s/access.yaml', 'default: [broken\n');
    const input: SettingsInput = {
      flags: { region: 'cn-beijing', internal: true },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-env-id-abcd', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-env-secret', HOME: '/ignored' },
      cwd: box.repo,
      home: box.home,
    };
    const sources = await collectSources(input);
    expect(sources.map((s) => [s.place, s.status])).toEqual([
      ['command line', 'found'],
      ['environment', 'found'],
      ['~/code/repo/.fcinvokerc.yaml', 'found'],
      ['~/.aliyun/config.json', 'found'],
      ['~/.alibabacloud/credentials', 'not found'],
      ['~/.s/access.yaml', 'error'],
      ['~/.fcli/config.yaml', 'found'],
    ]);
    expect(sources[1]?.values).toEqual([
      { name: 'ALIBABA_CLOUD_ACCESS_KEY_ID', value: '****abcd' },
      { name: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', value: '********' },
    ]);
    expect(sources[3]).toMatchObject({ store: 'aliyun-cli', profiles: ['default', 'work', 'role'], defaultProfile: 'default' });
    expect(sources[3]?.values).toContainEqual({ profile: 'work', name: 'sts_token', value: '********' });
    expect(sources[5]?.note).toMatch(/^~\/\.s\/access\.yaml, line 2, column 1: invalid YAML/);

    const settings = await resolveSettings({ ...input, lookup: 'all' }).catch((e: unknown) => e);
    expect(settings).toBeInstanceOf(Error); // the broken access.yaml stops resolution, but not the report
    const { text, json } = describeSettings({ warnings: [] }, { sources });
    expect(json.sources).toBe(sources);
    expect(text).toContain('\nSources, highest precedence first:\n  command line: found\n    --region    cn-beijing\n    --internal  true\n');
    expect(text).toContain('  ~/.aliyun/config.json: found; profiles: default (default), work, role\n    [default] mode               AK\n');
    expect(text).toContain('  ~/.alibabacloud/credentials: not found\n');
    expect(text).toContain('  ~/.s/access.yaml: error; ~/.s/access.yaml, line 2, column 1: invalid YAML');
  });

  it('says where the project search went, and reports unreadable files', async () => {
    const files = memoryFiles({ '/r/.git/HEAD': '', '/home/u/.aliyun/config.json': fsError('EACCES') });
    const sources = await collectSources({ flags: {}, env: {}, cwd: '/r', home: '/home/u', files });
    expect(sources[2]).toEqual({
      kind: 'project',
      place: 'project config',
      status: 'not found',
      note: 'project config (none in /r; stopped at the repository root)',
      values: [],
    });
    expect(sources[3]).toMatchObject({
      status: 'error',
      note: 'cannot read ~/.aliyun/config.json: permission denied; fix it or move it out of the way',
    });
  });
});

describe('describeSettings: problems and the verdict', () => {
  const problems = [{ place: '~/.aliyun/config.json', code: 'MalformedConfig', message: '~/.aliyun/config.json, line 1, column 2: invalid JSON' }];

  it('lists the skipped sources, then says an invocation would go ahead', () => {
    const verdict = { ready: true as const, endpoint: 'http://127.0.0.1:9000', credentialsSource: ENV_CREDENTIALS_SOURCE };
    const { text, json } = describeSettings({ warnings: [] }, { problems, verdict });
    expect(text.split('\n').slice(-6)).toEqual([
      '',
      'Problems (each of these sources was skipped):',
      '  ~/.aliyun/config.json, line 1, column 2: invalid JSON',
      '',
      `ready: an invocation would go to http://127.0.0.1:9000, with the keys from ${ENV_CREDENTIALS_SOURCE}`,
      '',
    ]);
    expect(json).toMatchObject({ problems, ready: true, error: null });
  });

  it('says why an invocation would stop; no problems section without problems', () => {
    const verdict = { ready: false as const, error: { code: 'MissingCredentials', message: 'no credentials found' } };
    const { text, json } = describeSettings({ warnings: [] }, { problems: [], verdict });
    expect(text).not.toContain('Problems');
    expect(text.endsWith('\n\nnot ready: an invocation would stop here (exit 3): no credentials found\n')).toBe(true);
    expect(json).toMatchObject({ problems: [], ready: false, error: { code: 'MissingCredentials', message: 'no credentials found' } });
  });
});

describe('describeSettings: colour', () => {
  it('as status and list use it: names and what is missing dim, the verdict green or red; the same words without', () => {
    const paint = { dim: (t: string) => `<d>${t}</d>`, green: (t: string) => `<g>${t}</g>`, red: (t: string) => `<r>${t}</r>`, yellow: (t: string) => `<y>${t}</y>` };
    const settings: ResolvedSettings = { warnings: [], region: { value: 'cn-hangzhou', source: '--region' } };
    const ready = { ready: true as const, endpoint: 'http://127.0.0.1:9000', credentialsSource: 'environment' };
    const { text } = describeSettings(settings, { verdict: ready, paint });
    expect(text).toContain('<d>region         </d>  cn-hangzhou  --region\n');
    expect(text).toContain('<d>securityToken  </d>  <d>-          </d>  <d>(not set)</d>\n');
    expect(text).toContain('<g>ready:</g> an invocation would go to http://127.0.0.1:9000');
    const stopped = describeSettings(settings, { verdict: { ready: false, error: { code: 'MissingCredentials', message: 'no credentials found' } }, paint, problems: [] });
    expect(stopped.text).toContain('<r>not ready:</r> an invocation would stop here (exit 3): no credentials found');
    expect(describeSettings(settings, { verdict: ready }).text).toBe(text.replace(/<\/?[dgry]>/g, ''));
  });
});
