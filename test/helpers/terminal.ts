// Runs the built CLI at a real pseudo-terminal of a given size (util-linux `script`), as a
// person at a terminal sees it; keys can be typed into it (Ctrl-C is "\u0003").
import { spawn } from 'node:child_process';
import { afterAll } from 'vitest';
import { BIN, baseEnv } from './cli.js';

export interface TerminalOptions {
  cols: number;
  rows?: number;
  env?: Record<string, string | undefined>;
}

export interface Terminal {
  /** Everything shown so far, line breaks as `\n`. */
  screen(): string;
  /** Types text at the terminal. */
  type(text: string): void;
  /** Resolves with the screen once it matches, rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the command has ended: what the screen showed, and its exit code. */
  ended: Promise<{ screen: string; code: number | null }>;
}

const open = new Set<() => void>();
afterAll(() => {
  for (const kill of open) kill();
});

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Starts `fcinvoke args…` with stdin, stdout and stderr on one pseudo-terminal of `cols` columns. */
export function openTerminal(args: readonly string[], options: TerminalOptions): Terminal {
  const command = `stty cols ${options.cols} rows ${options.rows ?? 50}; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: baseEnv({ TERM: 'xterm-256color', ...options.env }), stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  const watchers = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8').replace(/\r/g, '');
    for (const watch of watchers) watch();
  });
  child.stdin.on('error', () => {});
  const kill = () => child.kill('SIGKILL');
  open.add(kill);
  const ended = new Promise<{ screen: string; code: number | null }>((resolve) =>
    child.on('close', (code) => {
      open.delete(kill);
      resolve({ screen: text, code });
    }),
  );
  return {
    screen: () => text,
    type: (keys) => void child.stdin.write(keys),
    ended,
    waitFor(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(text)) return;
          watchers.delete(check);
          clearTimeout(timer);
          resolve(text);
        };
        const timer = setTimeout(() => {
          watchers.delete(check);
          reject(new Error(`the terminal never showed ${pattern}; it shows:\n${text}`));
        }, timeoutMs);
        watchers.add(check);
        check();
      });
    },
  };
}

/** Runs `fcinvoke args…` to its end at a terminal of `cols` columns; resolves with what it showed. */
export async function onTerminal(args: readonly string[], options: TerminalOptions): Promise<string> {
  return (await openTerminal(args, options).ended).screen;
}
