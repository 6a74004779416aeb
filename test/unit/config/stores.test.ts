import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../../src/config/resolve.js';
import type { ResolvedSettings, SettingsInput } from '../../../src/config/settings.js';
import { ConfigError } from '../../../src/errors.js';
import { cryptoJsEncrypt, makeSandbox, type Sandbox } from './helpers.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

function resolve(input: Partial<SettingsInput> = {}): Promise<ResolvedSettings> {
  return resolveSettings({ flags: {}, env: {}, cwd: box.repo, home: box.home, ...input });
}

async function failure(input: Partial<SettingsInput> = {}): Promise<ConfigError> {
  const error = await resolve(input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('~/.aliyun/config.json (aliyun CLI)', () => {
  it('uses the current profile: keys and region', async () => {
    box = makeSandbox('aliyun-cli');
    const settings = await resolve();
    expect(settings.credentials).toEqual({
      value: { accessKeyId: 'fake-ak-id-from-aliyun-cli', accessKeySecret: 'fake-secret-from-aliyun-cli', securityToken: undefined },
      source: '~/.aliyun/config.json, profile "default"',
    });
    expect(settings.region).toEqual({ value: 'cn-hangzhou', source: '~/.aliyun/config.json, profile "default"' });
  });

  it('uses a StsToken profile named by --profile, with its token', async () => {
    box = makeSandbox('aliyun-cli');
    const settings = await resolve({ flags: { profile: 'work' } });
    expect(settings.credentials?.value).toEqual({
      accessKeyId: 'STS.fake-sts-id-from-aliyun-cli',
      accessKeySecret: 'fake-sts-secret-from-aliyun-cli',
      securityToken: 'fake-sts-token-from-aliyun-cli',
    });
    expect(settings.credentials?.source).toBe('~/.aliyun/config.json, profile "work"');
    expect(settings.region?.value).toBe('cn-shanghai');
  });

  it('refuses other modes, saying which are supported and what to do', async () => {
    box = makeSandbox('aliyun-cli');
    const error = await failure({ flags: { profile: 'role' } });
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('UnsupportedCredentials');
    expect(error.message).toMatch(/^~\/\.aliyun\/config\.json, profile "role" uses mode "RamRoleArn", which fcinvoke cannot use: it supports the modes AK and StsToken\./);
    expect(error.message).toMatch(/--profile NAME.*ALIBABA_CLOUD_SECURITY_TOKEN/);
  });

  it('still takes the region of a profile whose mode it cannot use when the keys come from elsewhere', async () => {
    box = makeSandbox('aliyun-cli');
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-env-id-000', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-env-secret' };
    const settings = await resolve({ flags: { profile: 'role' }, env });
    expect(settings.region?.value).toBe('cn-beijing');
  });

  it('says so when "current" names a missing profile', async () => {
    box = makeSandbox();
    box.write('.aliyun/config.json', '{"current": "gone", "profiles": [{"name": "a", "mode": "AK"}]}');
    expect((await failure()).message).toMatch(/^~\/\.aliyun\/config\.json: "current" names profile "gone", which is not in the file \(profiles: "a"\)/);
  });

  it('passes over a profile with empty keys (as `aliyun configure` leaves it) to the next store', async () => {
    box = makeSandbox('credentials-file');
    box.write('.aliyun/config.json', JSON.stringify({ current: 'default', profiles: [{ name: 'default', mode: 'AK', access_key_id: '', access_key_secret: '', region_id: 'cn-qingdao' }] }));
    const settings = await resolve();
    expect(settings.credentials?.source).toBe('~/.alibabacloud/credentials, profile "default"');
    expect(settings.region?.source).toBe('~/.aliyun/config.json, profile "default"');
  });

  it.each([
    ['{"profiles": {}}', '~/.aliyun/config.json: "profiles" must be a list'],
    ['{"profiles": [{"mode": "AK"}]}', '~/.aliyun/config.json, profiles[0]: "name" is missing'],
    ['{"profiles": [{"name": "x", "access_key_id": ["a"]}]}', '~/.aliyun/config.json, profile "x": "access_key_id" must be a string'],
    ['{"current": 1, "profiles": [}', '~/.aliyun/config.json, line 1, column 29: invalid JSON'],
    ['[]', '~/.aliyun/config.json: must be a JSON object'],
  ])('reports a malformed file: %s', async (text, message) => {
    box = makeSandbox();
    box.write('.aliyun/config.json', text);
    const error = await failure();
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain(message);
  });
});

describe('~/.alibabacloud/credentials (INI)', () => {
  it('uses [default]', async () => {
    box = makeSandbox('credentials-file');
    const settings = await resolve();
    expect(settings.credentials).toEqual({
      value: { accessKeyId: 'fake-ak-id-from-credentials-file', accessKeySecret: 'fake-secret-from-credentials-file', securityToken: undefined },
      source: '~/.alibabacloud/credentials, profile "default"',
    });
  });

  it('uses the profile named by ALIBABA_CLOUD_PROFILE', async () => {
    box = makeSandbox('credentials-file');
    const settings = await resolve({ env: { ALIBABA_CLOUD_PROFILE: 'work' } });
    expect(settings.credentials?.value.accessKeyId).toBe('fake-work-id-from-credentials-file');
    expect(settings.profile).toEqual({ value: 'work', source: 'ALIBABA_CLOUD_PROFILE' });
  });

  it('refuses types other than access_key', async () => {
    box = makeSandbox('credentials-file');
    const error = await failure({ flags: { profile: 'ecs' } });
    expect(error.code).toBe('UnsupportedCredentials');
    expect(error.message).toMatch(/profile "ecs" has type "ecs_ram_role", which fcinvoke cannot use: it supports type access_key/);
  });

  it('follows ALIBABA_CLOUD_CREDENTIALS_FILE (~ and relative paths too)', async () => {
    box = makeSandbox();
    box.write('elsewhere/creds.ini', '[default]\ntype = access_key\naccess_key_id = fake-moved-id-1234\naccess_key_secret = fake-moved-secret\n');
    for (const path of [join(box.home, 'elsewhere/creds.ini'), '~/elsewhere/creds.ini', '../../elsewhere/creds.ini']) {
      const settings = await resolve({ env: { ALIBABA_CLOUD_CREDENTIALS_FILE: path } });
      expect(settings.credentials?.source).toBe('~/elsewhere/creds.ini, profile "default"');
    }
  });

  it('says when ALIBABA_CLOUD_CREDENTIALS_FILE names a missing file', async () => {
    box = makeSandbox();
    const error = await failure({ env: { ALIBABA_CLOUD_CREDENTIALS_FILE: '~/nope.ini' } });
    expect(error.message).toBe('ALIBABA_CLOUD_CREDENTIALS_FILE names ~/nope.ini, which does not exist; fix or unset it');
  });

  it('reports a bad line and a section without a type', async () => {
    box = makeSandbox();
    box.write('.alibabacloud/credentials', '[default]\naccess_key_id = fake-id-0000\nnot a pair\n');
    expect((await failure()).message).toBe('~/.alibabacloud/credentials, line 3: expected "[section]" or "key = value"');
    box.write('.alibabacloud/credentials', '[default]\naccess_key_id = fake-id-0000\naccess_key_secret = fake-secret\n');
    expect((await failure()).message).toBe('~/.alibabacloud/credentials, profile "default" has no "type"; add `type = access_key` to the section');
  });
});

describe('~/.s/access.yaml (Serverless Devs)', () => {
  it('reads the "default" alias in plain text, with its AccountID', async () => {
    box = makeSandbox('serverless-devs');
    const settings = await resolve();
    expect(settings.credentials).toEqual({
      value: { accessKeyId: 'fake-ak-id-from-serverless-devs', accessKeySecret: 'fake-secret-from-serverless-devs', securityToken: undefined },
      source: '~/.s/access.yaml, alias "default"',
    });
    expect(settings.accountId).toEqual({ value: '1111111111111111', source: '~/.s/access.yaml, alias "default"' });
  });

  it('decrypts crypto-js values and follows the encrypted __default mark', async () => {
    box = makeSandbox();
    const enc = (value: string) => cryptoJsEncrypt(value);
    box.write(
      '.s/access.yaml',
      [
        'default:',
        `  AccessKeyID: ${enc('fake-default-id-0000')}`,
        `  AccessKeySecret: ${enc('fake-default-secret')}`,
        'ci:',
        `  __provider: ${enc('Alibaba Cloud')}`,
        `  AccountID: ${enc('4444444444444444')}`,
        `  AccessKeyID: ${enc('fake-encrypted-id-from-s')}`,
        `  AccessKeySecret: ${enc('fake-encrypted-secret-from-s')}`,
        `  SecurityToken: ${enc('fake-encrypted-token-from-s')}`,
        `  __default: ${enc('true')}`,
      ].join('\n'),
    );
    const settings = await resolve();
    expect(settings.credentials).toEqual({
      value: { accessKeyId: 'fake-encrypted-id-from-s', accessKeySecret: 'fake-encrypted-secret-from-s', securityToken: 'fake-encrypted-token-from-s' },
      source: '~/.s/access.yaml, alias "ci"',
    });
    expect(settings.accountId?.value).toBe('4444444444444444');
    expect((await resolve({ flags: { profile: 'default' } })).credentials?.value.accessKeyId).toBe('fake-default-id-0000');
  });

  it('reports a value that does not decrypt, naming the alias and key but not the value', async () => {
    box = makeSandbox();
    const broken = `${cryptoJsEncrypt('fake-secret-xyz').slice(0, -6)}AAAA==`;
    box.write('.s/access.yaml', `default:\n  AccessKeyID: fake-id-000000\n  AccessKeySecret: ${broken}\n`);
    const error = await failure();
    expect(error.code).toBe('MalformedConfig');
    expect(error.message).toBe(
      '~/.s/access.yaml, alias "default": cannot decrypt "AccessKeySecret"; the entry looks damaged: set it again with `s config add`, or remove it',
    );
  });

  it('falls back to access.yml, as Serverless Devs does', async () => {
    box = makeSandbox();
    box.write('.s/access.yml', 'default:\n  AccessKeyID: fake-yml-id-0000\n  AccessKeySecret: fake-yml-secret\n');
    expect((await resolve()).credentials?.source).toBe('~/.s/access.yml, alias "default"');
  });

  it.each([
    ['- a\n- b\n', '~/.s/access.yaml: must be a mapping of aliases'],
    ['default: fake\n', '~/.s/access.yaml, alias "default": must be a mapping of keys'],
    ['default:\n  AccessKeyID: [x]\n', '~/.s/access.yaml, alias "default": "AccessKeyID" must be a string'],
    ['default:\n  AccessKeyID: "x\n', '~/.s/access.yaml, line 3, column 1: invalid YAML'],
  ])('reports a malformed file: %j', async (text, message) => {
    box = makeSandbox();
    box.write('.s/access.yaml', text);
    expect((await failure()).message).toContain(message);
  });
});

describe('~/.fcli/config.yaml (fcli, Funcraft)', () => {
  it('takes keys, and the account ID and region from the endpoint', async () => {
    box = makeSandbox('fcli');
    const settings = await resolve();
    expect(settings.credentials).toEqual({
      value: { accessKeyId: 'fake-ak-id-from-fcli', accessKeySecret: 'fake-secret-from-fcli', securityToken: undefined },
      source: '~/.fcli/config.yaml',
    });
    expect(settings.accountId).toEqual({ value: '3333333333333333', source: '~/.fcli/config.yaml' });
    expect(settings.region).toEqual({ value: 'cn-shenzhen', source: '~/.fcli/config.yaml' });
    expect(settings.internal).toBeUndefined();
  });

  it('reads an internal endpoint, a custom endpoint and a security token', async () => {
    box = makeSandbox();
    box.write('.fcli/config.yaml', 'endpoint: https://5555555555555555.cn-beijing-internal.fc.aliyuncs.com\naccess_key_id: STS.fake-id\naccess_key_secret: fake-s\nsecurity_token: fake-token-from-fcli\n');
    const settings = await resolve();
    expect(settings.internal).toEqual({ value: true, source: '~/.fcli/config.yaml' });
    expect(settings.region?.value).toBe('cn-beijing');
    expect(settings.credentials?.value.securityToken).toBe('fake-token-from-fcli');
    box.write('.fcli/config.yaml', 'endpoint: http://127.0.0.1:9000\n');
    expect((await resolve()).endpoint).toEqual({ value: 'http://127.0.0.1:9000', source: '~/.fcli/config.yaml' });
  });

  it('refuses an endpoint that is not a URL', async () => {
    box = makeSandbox();
    box.write('.fcli/config.yaml', 'endpoint: not a url\n');
    expect((await failure()).message).toBe(
      '~/.fcli/config.yaml: "endpoint" must be a URL such as https://1234567890123456.cn-hangzhou.fc.aliyuncs.com, not "not a url"',
    );
  });
});
