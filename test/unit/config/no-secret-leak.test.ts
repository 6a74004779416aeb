// No output of settings resolution shows a secret, a token, or more than the last 4
// characters of a key ID: the `config` text and JSON, --sources, warnings and every error
// message, including errors about malformed files whose bad spot is next to a secret.
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeSettings } from '../../../src/config/describe.js';
import { requireCredentials, requireEndpointSettings, resolveSettings } from '../../../src/config/resolve.js';
import type { SettingsInput } from '../../../src/config/settings.js';
import { collectSources } from '../../../src/config/sources.js';
import { cryptoJsEncrypt, makeSandbox, type Sandbox } from './helpers.js';

let box: Sandbox;
afterEach(() => box?.cleanup());

/** Letters that never form hex, digits or common words by chance. */
function randomPart(): string {
  const letters = 'ghjkmnpqrtvwxz';
  return Array.from({ length: 16 }, () => letters[randomInt(letters.length)]).join('');
}

const secrets: string[] = [];
const ids: string[] = [];
function secret(kind: string): string {
  const value = `fake-${kind}-${randomPart()}`;
  secrets.push(value);
  return value;
}
function id(kind: string): string {
  const value = `fake-${kind}-${randomPart()}`;
  ids.push(value);
  return value;
}

/** Fails if the text holds any 5 characters of a secret's random part, or of an ID's random part (the masked tail is 4). */
function expectNoLeak(text: string): void {
  for (const value of [...secrets, ...ids]) {
    const part = value.slice(-16);
    for (let i = 0; i + 5 <= part.length; i++) {
      if (text.includes(part.slice(i, i + 5))) throw new Error(`leaked part of ${value} in:\n${text}`);
    }
  }
}

function writeStores(sandbox: Sandbox): void {
  sandbox.write(
    '.aliyun/config.json',
    JSON.stringify({
      current: 'default',
      profiles: [
        { name: 'default', mode: 'AK', access_key_id: id('aliyun-id'), access_key_secret: secret('aliyun-secret'), region_id: 'cn-hangzhou' },
        { name: 'work', mode: 'StsToken', access_key_id: id('sts-id'), access_key_secret: secret('sts-secret'), sts_token: secret('sts-token') },
        { name: 'role', mode: 'RamRoleArn', access_key_id: id('role-id'), access_key_secret: secret('role-secret') },
        { name: 'half', mode: 'AK', access_key_secret: secret('half-secret') },
      ],
    }),
  );
  sandbox.write('.alibabacloud/credentials', `[default]\ntype = access_key\naccess_key_id = ${id('ini-id')}\naccess_key_secret = ${secret('ini-secret')}\n`);
  sandbox.write(
    '.s/access.yaml',
    [
      'default:',
      `  AccountID: ${cryptoJsEncrypt('1234567890123456')}`,
      `  AccessKeyID: ${cryptoJsEncrypt(id('s-id'))}`,
      `  AccessKeySecret: ${cryptoJsEncrypt(secret('s-secret'))}`,
      `  SecurityToken: ${cryptoJsEncrypt(secret('s-token'))}`,
      'plain:',
      `  AccessKeyID: ${id('s-plain-id')}`,
      `  AccessKeySecret: ${secret('s-plain-secret')}`,
    ].join('\n'),
  );
  sandbox.write('.fcli/config.yaml', `endpoint: https://1234567890123456.cn-shenzhen.fc.aliyuncs.com\naccess_key_id: ${id('fcli-id')}\naccess_key_secret: ${secret('fcli-secret')}\nsecurity_token: ${secret('fcli-token')}\n`);
}

async function outputsOf(input: SettingsInput): Promise<string[]> {
  const outputs: string[] = [];
  const sources = await collectSources(input);
  try {
    const settings = await resolveSettings({ ...input, lookup: 'all' });
    const { text, json } = describeSettings(settings, { sources });
    outputs.push(text, JSON.stringify(json), ...settings.warnings);
    for (const check of [() => requireCredentials(settings), () => requireEndpointSettings(settings)]) {
      try {
        check();
      } catch (error) {
        outputs.push((error as Error).message);
      }
    }
  } catch (error) {
    outputs.push((error as Error).message, describeSettings({ warnings: [] }, { sources }).text);
  }
  return outputs;
}

describe('no secret appears in any output', () => {
  it('for every profile, with keys in the environment too, and for every error', async () => {
    box = makeSandbox();
    writeStores(box);
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_ID: id('env-id'),
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret('env-secret'),
      ALIBABA_CLOUD_SECURITY_TOKEN: secret('env-token'),
    };
    const base = { flags: {}, cwd: box.repo, home: box.home };
    const outputs: string[] = [];
    for (const profile of [undefined, 'work', 'role', 'half', 'plain', 'missing']) {
      outputs.push(...(await outputsOf({ ...base, env: {}, flags: { profile } })));
      outputs.push(...(await outputsOf({ ...base, env, flags: { profile } })));
    }
    outputs.push(...(await outputsOf({ ...base, env: { ALIBABA_CLOUD_ACCESS_KEY_ID: env.ALIBABA_CLOUD_ACCESS_KEY_ID } })));
    outputs.push(...(await outputsOf({ ...base, env: { ALIBABA_CLOUD_SECURITY_TOKEN: env.ALIBABA_CLOUD_SECURITY_TOKEN } })));
    expect(outputs.join('\n')).toContain('********');
    expect(outputs.some((text) => /uses mode "RamRoleArn"/.test(text))).toBe(true);
    for (const text of outputs) expectNoLeak(text);
  });

  it('for malformed and hostile files whose error is right at a secret', async () => {
    const cases: Array<[string, (s: Sandbox) => void]> = [
      ['JSON, unquoted secret', (s) => s.write('.aliyun/config.json', `{"profiles": [{"name": "default", "access_key_secret": ${secret('bare')}}]}`)],
      ['JSON, secret before a syntax error', (s) => s.write('.aliyun/config.json', `{"profiles": [{"name": "d", "access_key_secret": "${secret('q')}" "x": 1}]}`)],
      ['JSON, wrong type next to a secret', (s) => s.write('.aliyun/config.json', `{"profiles": [{"name": "d", "mode": "AK", "access_key_id": ["${id('list-id')}"], "access_key_secret": "${secret('t')}"}]}`)],
      ['YAML, unterminated secret', (s) => s.write('.fcli/config.yaml', `access_key_id: ${id('y-id')}\naccess_key_secret: "${secret('y')}\n`)],
      ['YAML, bad indentation at a secret', (s) => s.write('.s/access.yaml', `default:\n  AccessKeyID: ${id('s-bad-id')}\n    AccessKeySecret: ${secret('s-bad')}\n`)],
      ['YAML, undecryptable secret', (s) => s.write('.s/access.yaml', `default:\n  AccessKeyID: ${id('s-ok-id')}\n  AccessKeySecret: ${cryptoJsEncrypt(secret('s-enc')).slice(0, -4)}AA==\n`)],
      ['INI, secret without a key', (s) => s.write('.alibabacloud/credentials', `[default]\ntype = access_key\n${secret('ini-line')}\n`)],
      ['project file with a secret', (s) => s.write(join(s.repo, '.fcinvokerc.json'), `{"accessKeySecret": "${secret('project')}"}`)],
      ['project file with a secret under another name', (s) => s.write(join(s.repo, '.fcinvokerc.yml'), `nested:\n  sts-token: ${secret('project-token')}\n`)],
      // Real secrets are mixed-case letters and digits: not a region ID, so refused, and too long to be echoed.
      ['project file, secret in a bad value', (s) => s.write(join(s.repo, '.fcinvokerc.json'), `{"region": "${secret('inregion').replace(/-/g, 'Q')}"}`)],
      ['project file, secret as the account ID', (s) => s.write(join(s.repo, '.fcinvokerc.json'), `{"accountId": "${secret('inaccount').replace(/-/g, 'Q')}"}`)],
      ['store, secret as the account ID', (s) => s.write('.s/access.yaml', `default:\n  AccountID: ${secret('s-account').replace(/-/g, 'Q')}\n`)],
      ['store, secret in a bad value', (s) => s.write('.aliyun/config.json', `{"profiles": [{"name": "default", "region_id": "${secret('inregion').replace(/-/g, 'Q')}"}]}`)],
    ];
    for (const [name, write] of cases) {
      box = makeSandbox();
      write(box);
      const outputs = await outputsOf({ flags: {}, env: {}, cwd: box.repo, home: box.home });
      expect(outputs.length, name).toBeGreaterThan(0);
      for (const text of outputs) expectNoLeak(text);
      box.cleanup();
    }
  });
});
