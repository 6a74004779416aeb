// Every fenced `sh runnable` block of README.md and docs/*.md, run as a user would paste it:
// in a fresh scratch folder, against a fresh emulator, with the emulator's settings in the
// environment and `fcinvoke` on the PATH. A block's exit code is 0 unless it declares
// another (```sh runnable exit=N). Every other `sh` block is listed below, with why it
// cannot run here, so a new example has to be one or the other.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { emulatorEnv, withEmulator } from '../helpers/emulator.js';
import { runShell } from '../helpers/shell.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../fixtures/docs/', import.meta.url));

/** A fenced block of a Markdown file: where it starts, its info string's words, its text. */
export interface DocBlock {
  file: string;
  line: number;
  lang: string;
  runnable: boolean;
  /** The exit code the block declares with `exit=N`; 0 when it declares none. */
  exit: number;
  body: string;
}

/** Pure: the fenced code blocks of a Markdown text (``` fences; the first word of the info string is the language). */
export function extractBlocks(file: string, markdown: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const words = (open[2] ?? '').trim().split(/\s+/).filter(Boolean);
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    const exit = words.map((word) => /^exit=(\d+)$/.exec(word)?.[1]).find((code) => code !== undefined);
    blocks.push({ file, line: start + 1, lang: open[1] ?? '', runnable: words.includes('runnable'), exit: Number(exit ?? 0), body: `${body.join('\n')}\n` });
  }
  return blocks;
}

const DOCUMENTS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const BLOCKS = DOCUMENTS.flatMap((file) => extractBlocks(file, readFileSync(join(ROOT, file), 'utf8'))).filter((block) => block.lang === 'sh');

/** The `sh` blocks that stay unmarked, by file and first line, and why none of them can run against the emulator. */
const NOT_RUNNABLE: Record<string, string> = {
  'README.md: npm ci && npm run demo': 'installs and builds the clone itself, which is what this suite runs on',
  'README.md: export ALIBABA_CLOUD_ACCESS_KEY_ID=your-access-key-id': "sets a real account's credentials: the real cloud",
  'README.md: fcinvoke http my-service/my-web-function/health': 'web functions of a real account: the real cloud',
  'docs/http.md: fcinvoke emulator': 'starts an emulator that runs until Ctrl-C; the suite starts its own',
  'docs/benchmarks.md: # Start-up': "a maintainer's measurement: hyperfine, GNU time and the repository's bench/ scripts",
};

/** The block's file and first line, without a comment after the command. */
function keyOf(block: DocBlock): string {
  const first = block.body.split('\n')[0] ?? '';
  return `${block.file}: ${first.replace(/^(.*?\S)\s+#.*$/, '$1')}`;
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A folder like a user's, for one block: the files the examples read, `examples/` as a clone has it, `npx fcinvoke` resolvable. */
function scratchFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-docs-'));
  scratch.push(dir);
  cpSync(join(FIXTURES, 'scratch'), dir, { recursive: true });
  symlinkSync(join(ROOT, 'examples'), join(dir, 'examples'));
  mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(BIN, join(dir, 'node_modules', '.bin', 'fcinvoke'));
  mkdirSync(join(dir, 'home'));
  mkdirSync(join(dir, 'tmp'));
  return dir;
}

/** Stops a background emulator a failed block left running (a block that ends well stops its own). */
const CLEANUP = `trap '[ -n "\${FCINVOKE_EMULATOR_PID:-}" ] && kill "$FCINVOKE_EMULATOR_PID" 2>/dev/null' EXIT\n`;

describe('the marker', () => {
  it('is the word runnable in the info string, with an optional exit=N', () => {
    const blocks = extractBlocks('x.md', 'text\n```sh runnable\na\nb\n```\n```sh runnable exit=4\nc\n```\n```sh\nd\n```\n```console\n$ e\n```\n');
    expect(blocks.map(({ lang, runnable, exit, body, line }) => ({ lang, runnable, exit, body, line }))).toEqual([
      { lang: 'sh', runnable: true, exit: 0, body: 'a\nb\n', line: 2 },
      { lang: 'sh', runnable: true, exit: 4, body: 'c\n', line: 6 },
      { lang: 'sh', runnable: false, exit: 0, body: 'd\n', line: 9 },
      { lang: 'console', runnable: false, exit: 0, body: '$ e\n', line: 12 },
    ]);
  });
});

describe('the docs', () => {
  it('mark every sh block runnable, or list it here with the reason it cannot run', () => {
    const unmarked = BLOCKS.filter((block) => !block.runnable).map(keyOf);
    expect(unmarked.sort()).toEqual(Object.keys(NOT_RUNNABLE).sort());
    expect(BLOCKS.filter((block) => block.runnable).length).toBeGreaterThanOrEqual(10);
  });

  it('run npx fcinvoke in the clone without a registry', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fcinvoke-npx-home-'));
    scratch.push(home);
    const r = await runShell('npx fcinvoke --version', { cwd: ROOT, env: { npm_config_offline: 'true', npm_config_registry: 'http://127.0.0.1:9/', HOME: home } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  for (const block of BLOCKS.filter((b) => b.runnable)) {
    it(`${block.file}:${block.line} runs (exit ${block.exit})`, async () => {
      await withEmulator(
        async (emulator) => {
          const cwd = scratchFolder();
          const r = await runShell(`set -e\n${CLEANUP}${block.body}`, {
            cwd,
            timeoutMs: 60_000,
            env: {
              ...emulatorEnv(emulator),
              HOME: join(cwd, 'home'),
              TMPDIR: join(cwd, 'tmp'),
              // npx finds the local bin; it must never ask a registry.
              npm_config_offline: 'true',
              npm_config_registry: 'http://127.0.0.1:9/',
              npm_config_update_notifier: 'false',
            },
          });
          const shown = `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
          expect(r.code, shown).toBe(block.exit);
          expect(r.stderr, shown).not.toMatch(/unexpected failure|command not found/);
        },
        { functionsDir: join(FIXTURES, 'functions') },
      );
    }, 90_000);
  }
});
