// Help at real terminals of 40, 80 and 120 columns (and in a pipe): nothing wider than the
// terminal, so the terminal never cuts a word; the same words as at any width; examples,
// the environment and each command's own exit codes.
/* eslint-disable no-control-regex -- the assertions look for terminal escape sequences */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { emulatorEnv, withEmulator } from '../helpers/emulator.js';
import { onTerminal } from '../helpers/terminal.js';

const SCREENS: string[][] = [[], ['run'], ['status'], ['stop'], ['list'], ['config'], ['emulator'], ['completion']];
const WIDTHS = [40, 80, 120];

/** The words of a help text, without the ` \` that carries an example on and the `#` that starts each line of its comment. */
function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '' && word !== '\\' && word !== '#');
}

async function helpAt(screen: string[], cols: number, env: Record<string, string | undefined> = {}): Promise<string> {
  return onTerminal([...screen, '--help'], { cols, env });
}

describe('help at a terminal', () => {
  for (const screen of SCREENS) {
    const name = ['fcinvoke', ...screen, '--help'].join(' ');
    it(`${name}: no line wider than 40, 80 or 120 columns, and the same words at each width`, async () => {
      const inPipe = (await runCli([...screen, '--help'])).out;
      for (const cols of WIDTHS) {
        const text = await helpAt(screen, cols);
        const tooWide = text.split('\n').filter((line) => line.length > cols);
        expect(tooWide, `${name} at ${cols} columns`).toEqual([]);
        expect(wordsOf(text), `${name} at ${cols} columns`).toEqual(wordsOf(inPipe));
      }
    });
  }

  it('is the same with NO_COLOR and in CI, and has no escape sequences', async () => {
    const plain = await helpAt([], 80);
    for (const env of [{ NO_COLOR: '1' }, { CI: 'true' }, { NO_COLOR: '1', CI: 'true' }]) {
      const text = await helpAt([], 40, env);
      expect(text).not.toMatch(/\u001b/);
      expect(wordsOf(text), JSON.stringify(env)).toEqual(wordsOf(plain));
    }
  });

  it('lays out for 80 columns in a pipe', async () => {
    const { out } = await runCli(['run', '--help']);
    expect(Math.max(...out.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
    expect(out).toMatch(/^ {2}--retries <n> {16}extra attempts/m);
  });
});

describe('what help says', () => {
  it('root: examples to start offline, every variable fcinvoke reads, where to read on', async () => {
    const { out } = await runCli(['--help']);
    expect(out).toContain('  $ eval "$(fcinvoke emulator --background)"\n  # the result on stdout');
    expect(out).toContain('  $ eval "$(fcinvoke emulator --stop)"\n');
    for (const variable of [
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
      'ALIBABA_CLOUD_SECURITY_TOKEN',
      'ALIBABA_CLOUD_REGION_ID',
      'ALIBABA_CLOUD_ACCOUNT_ID',
      'ALIBABA_CLOUD_PROFILE',
      'ALIBABA_CLOUD_CREDENTIALS_FILE',
      'FCINVOKE_ENDPOINT',
      'FCINVOKE_API_VERSION',
      'FCINVOKE_EMULATOR_PID',
      'HTTPS_PROXY, HTTP_PROXY',
      'NO_PROXY',
      'NODE_EXTRA_CA_CERTS',
      'NO_COLOR',
      'CI',
    ]) {
      expect(out).toMatch(new RegExp(`^ {2}${variable} +\\S`, 'm'));
    }
    expect(out).toMatch(/Exit codes: each command's --help lists those it can give/);
  });

  /** The codes a command's help lists, in order. */
  async function codesOf(command: string): Promise<string[]> {
    const { out } = await runCli([command, '--help']);
    const section = out.slice(out.indexOf('\nExit codes:\n'));
    return [...section.matchAll(/^ {2}(\d[\d/]*) /gm)].map((m) => m[1] ?? '');
  }

  it.each([
    ['run', ['0', '1', '2', '3', '4', '5', '6', '129/130/143']],
    ['status', ['0', '1', '2', '3', '4', '5', '6', '129/130/143']],
    ['stop', ['0', '2', '3', '4', '5', '129/130/143']],
    ['list', ['0', '2', '3', '4', '5', '6', '129/130/143']],
    ['config', ['0', '2', '3', '6']],
    ['emulator', ['0', '2', '6', '129/130/143']],
    ['http', ['0', '1', '2', '3', '4', '5', '6', '129/130/143']],
    ['completion', ['0', '2', '6']],
  ])('%s lists only the exit codes it can give', async (command, codes) => {
    expect(await codesOf(command)).toEqual(codes);
  });

  it('every command that calls the API counts a final 1xx/3xx under exit 4, as the contract does', async () => {
    for (const command of ['run', 'status', 'stop', 'list']) {
      const { out } = await runCli([command, '--help']);
      const unwrapped = out.slice(out.indexOf('\nExit codes:\n')).replace(/\n {3,}/g, ' ');
      expect(unwrapped, command).toMatch(/^ {2}4 +.*; also any final 1xx\/3xx answer \(FC never redirects: a proxy or a wrong endpoint answered\)$/m);
    }
  });

  it('stop and list give no exit code for --wait, which they do not have', async () => {
    for (const command of ['stop', 'list']) {
      const { out } = await runCli([command, '--help']);
      expect(out.slice(out.indexOf('\nExit codes:\n'))).not.toContain('--wait');
      expect(out).not.toMatch(/^ {2}--wait/m);
    }
  });

  it('names the variable behind each where-and-as-whom flag, and the defaults that matter', async () => {
    const { out } = await runCli(['run', '--help']);
    expect(out.replace(/\s+/g, ' ')).toContain('(env ALIBABA_CLOUD_REGION_ID)');
    expect(out.replace(/\s+/g, ' ')).toContain('(env FCINVOKE_ENDPOINT)');
    expect(out.replace(/\s+/g, ' ')).toContain('client-side limit for the whole invocation (default: none)');
    expect(out).not.toContain('(default: [])');
  });
});

describe('values the completion scripts offer', () => {
  it('are still taken in any case by list --status and --sort', async () => {
    await withEmulator(async (emulator) => {
      const r = await runCli(['list', 'demo', 'sleep', '--status', 'failed', '--sort', 'ASC'], { env: emulatorEnv(emulator) });
      expect(r.stderr).toBe('no stateful async invocations match\n');
      expect(r.code).toBe(0);
      const bad = await runCli(['list', 'demo', 'sleep', '--status', 'Done'], { env: emulatorEnv(emulator) });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^fcinvoke: invalid --status "Done": expected one of Enqueued, /);
    });
  });
});
