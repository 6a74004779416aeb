// Profile names for completion: every store with profiles, in precedence and file order,
// each name once, and a broken store costs only its own names.
import { describe, expect, it } from 'vitest';
import { listProfileNames } from '../../../src/completion/profiles.js';
import type { ConfigFileSystem } from '../../../src/config/settings.js';

function memoryFiles(files: Record<string, string | Error>): ConfigFileSystem {
  return {
    async readFile(path) {
      const content = files[path];
      if (content instanceof Error) throw content;
      return content;
    },
    async exists(path) {
      return path in files;
    },
  };
}

const ctx = { home: '/home/u', cwd: '/work', env: {} };
const aliyun = JSON.stringify({
  current: 'b',
  profiles: [
    { name: 'b', mode: 'AK', access_key_id: 'fake-id', access_key_secret: 'fake-secret' },
    { name: 'a', mode: 'AK', access_key_id: 'fake-id', access_key_secret: 'fake-secret' },
  ],
});
const ini = '[c]\ntype = access_key\naccess_key_id = x\naccess_key_secret = y\n[a]\ntype = access_key\naccess_key_id = x\naccess_key_secret = y\n';
const yaml = 'd:\n  AccessKeyID: x\n  AccessKeySecret: y\n';

describe('listProfileNames', () => {
  it('lists aliyun CLI profiles, credentials-file sections and Serverless Devs aliases', async () => {
    const files = memoryFiles({
      '/home/u/.aliyun/config.json': aliyun,
      '/home/u/.alibabacloud/credentials': ini,
      '/home/u/.s/access.yaml': yaml,
    });
    expect(await listProfileNames(ctx, files)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('follows ALIBABA_CLOUD_CREDENTIALS_FILE', async () => {
    const files = memoryFiles({ '/elsewhere/creds': ini });
    expect(await listProfileNames({ ...ctx, env: { ALIBABA_CLOUD_CREDENTIALS_FILE: '/elsewhere/creds' } }, files)).toEqual(['c', 'a']);
  });

  it('skips a store it cannot read or parse, and has no names without stores', async () => {
    const files = memoryFiles({
      '/home/u/.aliyun/config.json': '{ broken',
      '/home/u/.alibabacloud/credentials': Object.assign(new Error('permission denied'), { code: 'EACCES' }),
      '/home/u/.s/access.yaml': yaml,
    });
    expect(await listProfileNames(ctx, files)).toEqual(['d']);
    expect(await listProfileNames(ctx, memoryFiles({}))).toEqual([]);
  });
});
