// `fcinvoke config` always reports: a malformed, unreadable or unusable source is shown with
// its error; `--sources` exits 0; without it, config exits 3 exactly when `run` with the
// same flags, environment and folder would stop on its settings.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { emulatorEnv, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
const homes: string[] = [];
afterAll(async () => {
  await emulator.close();
  for (const dir of homes) rmSync(dir, { recursive: true, force: true });
});

/** A HOME with these files, and a repository in it to work in. */
function home(files: Record<string, string>): { HOME: string; cwd: string } {
  const root = mkdtempSync(join(tmpdir(), 'fcinvoke-config-e2e-'));
  homes.push(root);
  const cwd = join(root, 'repo');
  mkdirSync(join(cwd, '.git'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { HOME: root, cwd };
}

const NO_KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined };

describe('fcinvoke config', () => {
  it('shows a malformed store that run does not read, and exits 0 like run', async () => {
    const { HOME, cwd } = home({ '.aliyun/config.json': '{bad' });
    const env = { ...emulatorEnv(emulator), HOME };
    for (const args of [['config'], ['config', '--sources']]) {
      const r = await runCli(args, { env, cwd });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.out).toMatch(/^accessKeyId {6}\*\*\*\*y-id/);
      expect(r.out).toContain("\nProblems (each of these sources was skipped):\n  ~/.aliyun/config.json, line 1, column 2: invalid JSON: Expected property name or '}'");
      expect(r.out).toMatch(/\nready: an invocation would go to http:\/\/127\.0\.0\.1:\d+, with the keys from ALIBABA_CLOUD_ACCESS_KEY_ID\/ALIBABA_CLOUD_ACCESS_KEY_SECRET\n$/);
    }
    expect((await runCli(['config', '--sources'], { env, cwd })).out).toContain('  ~/.aliyun/config.json: error; ~/.aliyun/config.json, line 1');
    const run = await runCli(['run', 'demo', 'hello', '--quiet'], { env, cwd });
    expect([run.code, run.out]).toEqual([0, 'hello world']);
  });

  it.each([
    ['the store run needs is malformed', { '.aliyun/config.json': '{bad' }, [], /^~\/\.aliyun\/config\.json, line 1, column 2: invalid JSON/],
    ['an unusable profile mode', { '.aliyun/config.json': JSON.stringify({ profiles: [{ name: 'role', mode: 'RamRoleArn', access_key_id: 'fake-id-role', access_key_secret: 'fake-s' }] }) }, ['--profile', 'role'], /profile "role" uses mode "RamRoleArn"/],
    ['an unknown profile', { '.aliyun/config.json': JSON.stringify({ profiles: [{ name: 'work', mode: 'AK', access_key_id: 'fake-id-work', access_key_secret: 'fake-s' }] }) }, ['--profile', 'wrok'], /^profile "wrok" \(--profile\) exists in no credential store/],
    ['a truncated project file', { 'repo/.fcinvokerc.json': '{"region": ' }, [], /^~\/repo\/\.fcinvokerc\.json, line \d+, column \d+: invalid JSON/],
    ['an account ID that lost digits', { 'repo/.fcinvokerc.json': '{"accountId": 12345678901234567}' }, [], /"accountId" must be a string/],
    ['no credentials anywhere', {}, [], /^no credentials found$/],
  ])('%s: the report all the same; exit 3 with run\'s error, 0 with --sources', async (_name, files, flags, message) => {
    const { HOME, cwd } = home(files);
    const env = { ...emulatorEnv(emulator), ...NO_KEYS, HOME };
    const run = await runCli(['run', 'demo', 'hello', ...flags], { env, cwd });
    expect(run.code).toBe(3);
    const runLine = run.stderr.split('\n')[0] ?? '';
    expect(runLine.replace(/^fcinvoke: /, '')).toMatch(message);

    const config = await runCli(['config', ...flags], { env, cwd });
    expect(config.code).toBe(3);
    expect(config.out).toMatch(/^accessKeyId {6}/);
    expect(config.out).toContain('\nnot ready: an invocation would stop here (exit 3): ');
    expect(config.stderr.split('\n').find((line) => line.startsWith('fcinvoke: '))).toBe(runLine);

    const sources = await runCli(['config', '--sources', ...flags], { env, cwd });
    expect(sources.code).toBe(0);
    expect(sources.out).toContain('\nSources, highest precedence first:\n');
    expect(sources.stderr).not.toMatch(/^fcinvoke: /m);

    const json = await runCli(['config', '--json', '--sources', ...flags], { env, cwd });
    const document = JSON.parse(json.out) as { ready: boolean; error: { message: string }; problems: unknown[] };
    expect(json.code).toBe(0);
    expect(document.ready).toBe(false);
    expect(document.error.message).toMatch(message);
  });
});
