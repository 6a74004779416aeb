import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findProjectConfig, findCredentialKey } from '../../../src/config/project-file.js';
import { nodeFileSystem } from '../../../src/config/files.js';
import { resolveSettings } from '../../../src/config/resolve.js';
import { ConfigError } from '../../../src/errors.js';
import { fsError, makeSandbox, memoryFiles, type Sandbox } from './helpers.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

async function find(cwd: string) {
  return findProjectConfig(nodeFileSystem, cwd, box.home);
}

async function failure(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('finding the project config', () => {
  it('finds .fcinvokerc.json in the working directory and says where', async () => {
    box = makeSandbox();
    box.write(join(box.repo, '.fcinvokerc.json'), '{"region": "cn-hangzhou", "timeout": 30}');
    const found = await find(box.repo);
    expect(found.source).toBe('~/code/repo/.fcinvokerc.json');
    expect(found.config).toEqual({ region: 'cn-hangzhou', timeout: 30 });
  });

  it('searches upward from a sub-folder and stops at the repository root', async () => {
    box = makeSandbox();
    box.write('code/.fcinvokerc.json', '{"region": "cn-outside"}');
    const deep = join(box.repo, 'a', 'b');
    mkdirSync(deep, { recursive: true });
    expect((await find(deep)).source).toBeUndefined();
    expect((await find(deep)).stoppedAt).toBe('repository root');
    expect((await find(deep)).directories).toEqual([deep, join(box.repo, 'a'), box.repo]);
    box.write(join(box.repo, '.fcinvokerc.yml'), 'region: cn-inside\n');
    expect((await find(deep)).config).toEqual({ region: 'cn-inside' });
  });

  it('stops at the home directory (included) outside a repository', async () => {
    box = makeSandbox();
    const dir = join(box.home, 'notes', 'x');
    mkdirSync(dir, { recursive: true });
    box.write(join(box.home, '..', '.fcinvokerc.json'), '{"region": "cn-above-home"}');
    expect((await find(dir)).stoppedAt).toBe('home directory');
    box.write('.fcinvokerc', 'region: cn-home\n');
    expect((await find(dir)).source).toBe('~/.fcinvokerc');
  });

  it('reads the "fcinvoke" key of package.json first, and skips a package.json without it', async () => {
    box = makeSandbox();
    box.write(join(box.repo, 'package.json'), '{"name": "x"}');
    box.write(join(box.repo, 'fcinvoke.config.json'), '{"qualifier": "prod"}');
    expect((await find(box.repo)).source).toBe('~/code/repo/fcinvoke.config.json');
    box.write(join(box.repo, 'package.json'), '{"name": "x", "fcinvoke": {"qualifier": "LATEST", "logs": false}}');
    const found = await find(box.repo);
    expect(found.source).toBe('~/code/repo/package.json ("fcinvoke" key)');
    expect(found.config).toEqual({ qualifier: 'LATEST', logs: false });
    expect(found.warnings).toEqual([
      '~/code/repo/package.json ("fcinvoke" key) is used; also found and ignored: ~/code/repo/fcinvoke.config.json',
    ]);
  });

  it.each([
    ['.fcinvokerc', 'qualifier: "3"\nretries: 0\n', { qualifier: '3', retries: 0 }],
    ['.fcinvokerc', '{"qualifier": 3}', { qualifier: '3' }],
    ['.fcinvokerc.yaml', 'accountId: "1234567890123456"\nprofile: work\n', { accountId: '1234567890123456', profile: 'work' }],
    ['.fcinvokerc.yml', 'endpoint: http://localhost:9000\n', { endpoint: 'http://localhost:9000' }],
    ['fcinvoke.config.json', '{"logs": true, "timeout": 0.5}', { logs: true, timeout: 0.5 }],
  ])('reads %s', async (name, text, config) => {
    box = makeSandbox();
    box.write(join(box.repo, name), text);
    expect((await find(box.repo)).config).toEqual(config);
  });

  it('ignores empty and comment-only files, as cosmiconfig does', async () => {
    box = makeSandbox();
    box.write(join(box.repo, '.fcinvokerc'), '   \n');
    box.write(join(box.repo, '.fcinvokerc.yaml'), '# nothing yet\n');
    box.write(join(box.home, 'code', '.fcinvokerc.json'), '{"region": "cn-x"}');
    expect((await find(box.repo)).source).toBeUndefined();
  });

  it('never runs code: .js/.ts/.cjs/.mjs configs and cosmiconfig meta configs are not loaded', async () => {
    box = makeSandbox();
    const marker = join(box.home, 'executed');
    const payload = `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {};`;
    for (const name of ['.fcinvokerc.js', '.fcinvokerc.cjs', '.fcinvokerc.mjs', '.fcinvokerc.ts', 'fcinvoke.config.js', '.config/fcinvokerc.js', '.config/config.js', '.config.js']) {
      box.write(join(box.repo, name), payload);
    }
    box.write(join(box.repo, 'package.json'), '{"cosmiconfig": {"searchPlaces": [".fcinvokerc.js"]}}');
    const previous = process.cwd();
    process.chdir(box.repo); // cosmiconfig's meta-config search looks in process.cwd()
    try {
      const settings = await resolveSettings({ flags: {}, env: {}, cwd: box.repo, home: box.home, lookup: 'all' });
      expect(settings.qualifier).toBeUndefined();
    } finally {
      process.chdir(previous);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(marker)).toBe(false);
  });
});

describe('validating the project config', () => {
  it.each([
    ['{"accessKeySecret": "fake-secret-in-repo"}', 'accessKeySecret'],
    ['{"securityToken": "fake-token-in-repo"}', 'securityToken'],
    ['{"access_key_secret": "fake-secret-in-repo"}', 'access_key_secret'],
    ['{"credentials": {"AccessKeySecret": "fake-secret-in-repo"}}', 'credentials.AccessKeySecret'],
    ['{"accessKeyId": "fake-id-in-repo"}', 'accessKeyId'],
  ])('refuses credentials: %s', async (text, key) => {
    box = makeSandbox();
    box.write(join(box.repo, '.fcinvokerc.json'), text);
    const error = await failure(find(box.repo));
    expect(error.exitCode).toBe(3);
    expect(error.code).toBe('SecretInProjectConfig');
    expect(error.message).toContain(`~/code/repo/.fcinvokerc.json has "${key}"`);
    expect(error.message).toMatch(/committed/);
    expect(error.message).toMatch(/ALIBABA_CLOUD_ACCESS_KEY_ID.*~\/\.aliyun\/config\.json/);
    expect(error.message).not.toContain('in-repo');
  });

  it.each([
    ['{"timeout": "30s"}', '"timeout" must be a number of seconds greater than 0 and at most 172800 (two days), not "30s"'],
    ['{"timeout": 0}', '"timeout" must be a number of seconds greater than 0 and at most 172800 (two days), not 0'],
    ['{"timeout": 172801}', '"timeout" must be a number of seconds greater than 0 and at most 172800 (two days), not 172801'],
    ['{"retries": -1}', '"retries" must be a whole number from 0 to 20, not -1'],
    ['{"retries": 1.5}', '"retries" must be a whole number from 0 to 20, not 1.5'],
    ['{"retries": 21}', '"retries" must be a whole number from 0 to 20, not 21'],
    ['{"qualifier": 1.5}', '"qualifier" must be a non-empty string, not 1.5'],
    ['{"logs": "yes"}', '"logs" must be true or false, not "yes"'],
    ['{"region": ["cn-hangzhou"]}', '"region" must be a non-empty string, not a list'],
    ['{"region": "evil.example/#"}', '"region" must be a region ID such as cn-hangzhou'],
    ['{"accountId": 12345678901234567}', '"accountId" must be a string; quote it'],
    ['{"endpoint": "ftp://x"}', '"endpoint" is not usable: the scheme must be http or https, not "ftp"'],
    ['{"endpoint": "fc.aliyuncs.com"}', '"endpoint" must be a full URL such as https://'],
    ['{"qualifier": "a/b"}', '"qualifier": invalid qualifier "a/b": use LATEST, a version number or an alias name'],
    ['{"profile": ""}', '"profile" must be a non-empty string'],
    ['["region"]', 'must be a mapping of settings'],
  ])('refuses wrong types: %s', async (text, message) => {
    box = makeSandbox();
    box.write(join(box.repo, '.fcinvokerc.json'), text);
    const error = await failure(find(box.repo));
    expect(error.code).toBe('InvalidConfig');
    expect(error.message).toContain('~/code/repo/.fcinvokerc.json: ');
    expect(error.message).toContain(message);
  });

  it('warns about unknown keys and endpoints outside aliyuncs.com', async () => {
    box = makeSandbox();
    box.write(join(box.repo, '.fcinvokerc.json'), '{"regoin": "cn-hangzhou", "$schema": "x", "endpoint": "https://fc.example.com"}');
    const found = await find(box.repo);
    expect(found.warnings).toEqual([
      '~/code/repo/.fcinvokerc.json: ignored unknown "regoin" (known: region, accountId, endpoint, profile, qualifier, timeout, retries, logs, apiVersion)',
      '~/code/repo/.fcinvokerc.json sets the endpoint to "https://fc.example.com", outside aliyuncs.com: requests signed with your keys go there',
    ]);
  });

  it('reports malformed files with the path and line', async () => {
    box = makeSandbox();
    box.write(join(box.repo, '.fcinvokerc.json'), '{\n  "region": "cn-hangzhou",\n}\n');
    expect((await failure(find(box.repo))).message).toBe(
      '~/code/repo/.fcinvokerc.json, line 3, column 1: invalid JSON: Expected double-quoted property name',
    );
    box.write(join(box.repo, '.fcinvokerc.json'), '');
    box.write(join(box.repo, '.fcinvokerc.yaml'), 'region: cn-hangzhou\n  timeout: 3\n');
    expect((await failure(find(box.repo))).message).toMatch(/^~\/code\/repo\/\.fcinvokerc\.yaml, line 2, column \d+: invalid YAML: /);
  });

  it('reports a malformed package.json on the way up', async () => {
    box = makeSandbox();
    box.write(join(box.repo, 'package.json'), '{"name": "x",}');
    expect((await failure(find(box.repo))).message).toMatch(/^~\/code\/repo\/package\.json, line 1, column 14: invalid JSON/);
  });

  it('finds credentials at any depth without hanging on shared (aliased) nodes', () => {
    const shared: Record<string, unknown> = { leaf: 1 };
    let node: Record<string, unknown> = shared;
    for (let i = 0; i < 40; i++) node = { a: node, b: node };
    expect(findCredentialKey(node)).toBeUndefined();
    let deep: Record<string, unknown> = { sts_token: 'x' };
    for (let i = 0; i < 100_000; i++) deep = { n: deep };
    expect(findCredentialKey(deep)).toMatch(/\.sts_token$/);
  });
});

describe('unreadable project files are reported, not skipped', () => {
  // Tests run as root, where chmod 000 does not stop reading: permissions are simulated
  // with an injected file reader, and a directory stands in for a file on the real disk.
  it('reports a permission error from the file reader', async () => {
    const files = memoryFiles({ '/r/.git/HEAD': '', '/r/.fcinvokerc.json': fsError('EACCES'), '/r/.fcinvokerc': 'region: cn-x' });
    const error = await failure(findProjectConfig(files, '/r', '/home/u'));
    expect(error.code).toBe('UnreadableConfig');
    expect(error.message).toBe('cannot read /r/.fcinvokerc.json: permission denied; fix it or move it out of the way');
  });

  it('reports a directory where a config file should be', async () => {
    box = makeSandbox();
    mkdirSync(join(box.repo, '.fcinvokerc.json'));
    expect((await failure(find(box.repo))).message).toBe(
      'cannot read ~/code/repo/.fcinvokerc.json: it is a directory, not a file; fix it or move it out of the way',
    );
  });

  it('refuses files over 1 MiB', async () => {
    box = makeSandbox();
    writeFileSync(join(box.repo, '.fcinvokerc.json'), `{"region": "cn-x", "pad": "${'x'.repeat(1024 * 1024)}"}`);
    expect((await failure(find(box.repo))).message).toMatch(/larger than 1048576 bytes/);
  });
});
