// `fcinvoke completion`: the printed bash script is sourced in a real bash and asked for
// completions the way readline asks (COMP_WORDS/COMP_CWORD); profile names come from the
// built CLI reading a fixture HOME. zsh and fish scripts are checked where those shells exist.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../helpers/cli.js';

const temporary: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

/** A HOME with the three stores that have profile names; `dev` is in two of them. */
function fixtureHome(): string {
  const home = tempDir('fcinvoke-completion-home-');
  mkdirSync(join(home, '.aliyun'));
  writeFileSync(
    join(home, '.aliyun', 'config.json'),
    JSON.stringify({
      current: 'dev',
      profiles: [
        { name: 'dev', mode: 'AK', access_key_id: 'fake-id-dev', access_key_secret: 'fake-secret-dev', region_id: 'cn-hangzhou' },
        { name: 'ops', mode: 'AK', access_key_id: 'fake-id-ops', access_key_secret: 'fake-secret-ops', region_id: 'cn-shanghai' },
      ],
    }),
  );
  mkdirSync(join(home, '.alibabacloud'));
  writeFileSync(
    join(home, '.alibabacloud', 'credentials'),
    '[ci]\ntype = access_key\naccess_key_id = fake-id-ci\naccess_key_secret = fake-secret-ci\n\n[dev]\ntype = access_key\naccess_key_id = fake-id-dev2\naccess_key_secret = fake-secret-dev2\n',
  );
  mkdirSync(join(home, '.s'));
  writeFileSync(
    join(home, '.s', 'access.yaml'),
    'personal:\n  AccountID: "1111111111111111"\n  AccessKeyID: fake-id-personal\n  AccessKeySecret: fake-secret-personal\n',
  );
  return home;
}

const PROFILES = ['dev', 'ops', 'ci', 'personal'];

let home: string;
let scriptFile: string;
let workDir: string;

beforeAll(async () => {
  home = fixtureHome();
  const result = await runCli(['completion', 'bash']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  scriptFile = join(home, 'fcinvoke.bash');
  writeFileSync(scriptFile, result.stdout);
  workDir = tempDir('fcinvoke-completion-cwd-');
  writeFileSync(join(workDir, 'event.json'), '{}');
  writeFileSync(join(workDir, 'events.ndjson'), '{}\n');
  writeFileSync(join(workDir, 'other.txt'), '');
});

/** The candidates bash's completion function offers for `line` (the last word is the one being completed). */
function complete(words: readonly string[]): string[] {
  const program = [
    // `fcinvoke` as the user would have it on PATH: the built CLI.
    'fcinvoke() { "$FCINVOKE_NODE" "$FCINVOKE_BIN" "$@"; }',
    'source "$FCINVOKE_SCRIPT"',
    'COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}',
    '_fcinvoke_completion',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = spawnSync('bash', ['--norc', '--noprofile', '-c', program, 'bash', ...words], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', FCINVOKE_NODE: process.execPath, FCINVOKE_BIN: BIN, FCINVOKE_SCRIPT: scriptFile },
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe('bash', () => {
  it('registers the completion function for fcinvoke', () => {
    const result = spawnSync('bash', ['--norc', '--noprofile', '-c', `source "${scriptFile}" && complete -p fcinvoke`], { encoding: 'utf8' });
    expect(result.stdout.trim()).toBe('complete -F _fcinvoke_completion fcinvoke');
  });

  it('completes the commands after `fcinvoke `, and not the hidden helper', () => {
    const commands = complete(['fcinvoke', '']);
    expect(commands).toEqual(expect.arrayContaining(['run', 'invoke', 'completion']));
    expect(commands.some((c) => c.startsWith('__') || c.startsWith('-'))).toBe(false);
    expect(complete(['fcinvoke', 'r'])).toEqual(['run']);
    expect(complete(['fcinvoke', 'comp'])).toEqual(['completion']);
  });

  it('completes the global flags', () => {
    expect(complete(['fcinvoke', '-'])).toEqual(expect.arrayContaining(['--version', '-V', '--help']));
  });

  it('completes the run flags after `fcinvoke run svc fn --`', () => {
    const flags = complete(['fcinvoke', 'run', 'svc', 'fn', '--']);
    expect(flags).toEqual(expect.arrayContaining(['--data', '--event', '--qualifier', '--async', '--async-id', '--no-logs', '--header', '--output', '--json', '--quiet', '--verbose', '--dry-run', '--timeout', '--retries', '--max-event-size', '--region', '--account-id', '--endpoint', '--internal', '--profile', '--help']));
    expect(flags.every((flag) => flag.startsWith('--'))).toBe(true);
    expect(complete(['fcinvoke', 'invoke', 'svc', 'fn', '--dr'])).toEqual(['--dry-run']);
    expect(complete(['fcinvoke', 'run', 'svc', 'fn', '--pro'])).toEqual(['--profile']);
  });

  it('completes the http command, its flags and the values of --auth and --sign', () => {
    expect(complete(['fcinvoke', 'ht'])).toEqual(['http']);
    const flags = complete(['fcinvoke', 'http', 'demo/web', '--']);
    expect(flags).toEqual(expect.arrayContaining(['--request', '--header', '--data', '--event', '--query', '--include', '--output', '--json', '--async', '--no-logs', '--auth', '--sign', '--api-version', '--dry-run', '--retries', '--endpoint', '--profile']));
    expect(complete(['fcinvoke', 'http', 'demo/web', '--auth', ''])).toEqual(['function', 'anonymous']);
    expect(complete(['fcinvoke', 'http', 'demo/web', '--sign', 'a'])).toEqual(['acs3']);
    expect(complete(['fcinvoke', 'http', 'demo/web', '-d', 'ev']).sort()).toEqual(['event.json', 'events.ndjson']);
  });

  it('completes profile names from the credential stores after --profile', () => {
    expect(complete(['fcinvoke', 'run', 'svc', 'fn', '--profile', ''])).toEqual(PROFILES);
    expect(complete(['fcinvoke', 'run', 'svc', 'fn', '--profile', 'o'])).toEqual(['ops']);
    // bash splits `--profile=` at the `=` (COMP_WORDBREAKS).
    expect(complete(['fcinvoke', 'run', '--profile', '=', ''])).toEqual(PROFILES);
    expect(complete(['fcinvoke', 'run', '--profile', '=', 'p'])).toEqual(['personal']);
  });

  it('completes file names for -d and -o, and nothing for a free value', () => {
    expect(complete(['fcinvoke', 'run', 'svc', 'fn', '-d', 'ev']).sort()).toEqual(['event.json', 'events.ndjson']);
    expect(complete(['fcinvoke', 'run', 'svc', 'fn', '--output', 'oth'])).toEqual(['other.txt']);
    expect(complete(['fcinvoke', 'run', 'svc', 'fn', '-e', '--'])).toEqual([]);
    expect(complete(['fcinvoke', 'run', 'svc', 'fn', '--region', ''])).toEqual([]);
  });

  it('skips option values when finding the command and its arguments', () => {
    // `-d event.json` is an option and its value, so the next word is still an argument (no candidates).
    expect(complete(['fcinvoke', 'run', '-d', 'event.json', ''])).toEqual([]);
    expect(complete(['fcinvoke', 'run', '--profile=dev', '--js'])).toEqual(['--json']);
  });

  it('completes the shells after `fcinvoke completion `', () => {
    expect(complete(['fcinvoke', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
    expect(complete(['fcinvoke', 'completion', 'bash', ''])).toEqual([]);
  });
});

describe('__complete-profiles', () => {
  it('lists each name once, in store order', async () => {
    const result = await runCli(['__complete-profiles'], { env: { HOME: home } });
    expect(result.code).toBe(0);
    expect(result.out).toBe(PROFILES.map((name) => `${name}\n`).join(''));
  });

  it('prints nothing and succeeds with no stores, and skips a broken one', async () => {
    const empty = tempDir('fcinvoke-completion-empty-');
    const none = await runCli(['__complete-profiles'], { env: { HOME: empty } });
    expect(none).toMatchObject({ code: 0, out: '', stderr: '' });
    mkdirSync(join(empty, '.aliyun'));
    writeFileSync(join(empty, '.aliyun', 'config.json'), '{ not json');
    mkdirSync(join(empty, '.alibabacloud'));
    writeFileSync(join(empty, '.alibabacloud', 'credentials'), '[only]\ntype = access_key\naccess_key_id = a\naccess_key_secret = b\n');
    const broken = await runCli(['__complete-profiles'], { env: { HOME: empty } });
    expect(broken).toMatchObject({ code: 0, out: 'only\n', stderr: '' });
  });
});

describe('other shells and errors', () => {
  it('refuses an unknown shell with exit 2, naming the choices', async () => {
    const result = await runCli(['completion', 'powershell']);
    expect(result.code).toBe(2);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(/bash, zsh, fish/);
  });

  it.runIf(has('zsh'))('prints a zsh script that zsh parses and that completes the run flags', async () => {
    const result = await runCli(['completion', 'zsh']);
    expect(result.code).toBe(0);
    const file = join(home, '_fcinvoke');
    writeFileSync(file, result.stdout);
    const parsed = spawnSync('zsh', ['-n', file], { encoding: 'utf8' });
    expect(parsed.stderr).toBe('');
    expect(parsed.status).toBe(0);
    const loaded = spawnSync('zsh', ['-f', '-c', `autoload -Uz compinit && compinit -u -D && source ${file} && print -r -- $_comps[fcinvoke]`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home },
    });
    expect(loaded.stdout.trim()).toBe('_fcinvoke');
    expect(result.out).toContain("'(-d --data)--data=[event from a file");
    expect(result.out).toContain(':profile:_fcinvoke_profiles');
  });

  it.runIf(has('fish'))('prints a fish script that fish uses to complete commands, flags and profiles', async () => {
    const result = await runCli(['completion', 'fish']);
    expect(result.code).toBe(0);
    const file = join(home, 'fcinvoke.fish');
    writeFileSync(file, result.stdout);
    const ask = (line: string) => {
      const script = `function fcinvoke; "$FCINVOKE_NODE" "$FCINVOKE_BIN" $argv; end; source ${file}; complete -C '${line}'`;
      const out = spawnSync('fish', ['--no-config', '-c', script], {
        encoding: 'utf8',
        cwd: workDir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, FCINVOKE_NODE: process.execPath, FCINVOKE_BIN: BIN },
      });
      expect(out.stderr).toBe('');
      return out.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    };
    expect(ask('fcinvoke ')).toEqual(expect.arrayContaining(['run', 'completion']));
    expect(ask('fcinvoke run svc fn --dr')).toEqual(['--dry-run']);
    expect(ask('fcinvoke run svc fn --profile ')).toEqual(expect.arrayContaining(PROFILES));
    expect(ask('fcinvoke completion ')).toEqual(['bash', 'fish', 'zsh']);
  });
});
