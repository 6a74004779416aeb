// The one decision about who is watching, made once at the process boundary (cli.ts) from
// what the three standard streams are and the environment: colour per stream, the spinner,
// the live batch line, and the line break that keeps a result apart from what follows.
import { plainStyle, type Style } from './style.js';

/** What an open standard stream is. `closed`: the descriptor is not open at all. */
export type StreamKind = 'terminal' | 'pipe' | 'file' | 'device' | 'closed' | 'unknown';

/** One standard stream as cli.ts found it (fstat), before any decision. */
export interface StreamFacts {
  kind: StreamKind;
  /** `dev:ino` of the open file, to tell when two streams are one; null when unknown. */
  id: string | null;
  /** A regular file that holds bytes (for stdin). */
  nonEmpty?: boolean;
}

export interface TerminalFacts {
  stdin: StreamFacts;
  stdout: StreamFacts;
  stderr: StreamFacts;
  env: Readonly<Record<string, string | undefined>>;
  /** The current width of stdout's and stderr's terminals (0 when they report none). */
  columns: { stdout: () => number; stderr: () => number };
}

/** What fcinvoke may do on one output stream. */
export interface StreamView {
  tty: boolean;
  color: boolean;
  /** The terminal's width now (it can be resized); null when not a terminal or it reports none. */
  columns(): number | null;
}

export interface Terminal {
  stdin: StreamFacts;
  stdout: StreamView;
  stderr: StreamView;
  /** stdout and stderr are the same open file: one terminal, or `2>&1` into a pipe or a file. */
  shared: boolean;
  /** Animated output on stderr: the spinner of a call (which also needs stdout a terminal) and the batch's live line. */
  spinner: boolean;
  liveProgress: boolean;
  /** A line break goes to stderr after a result that did not end with one (docs/output.md "Line breaks"). */
  breakAfterResult(quiet: boolean): boolean;
  /** The colours for a stream: chalk's, at the level this decision gave, loaded on first use. */
  style(stream: 'stdout' | 'stderr'): Promise<Style>;
}

/** no-color.org: set and not empty. */
function noColor(env: TerminalFacts['env']): boolean {
  return env.NO_COLOR !== undefined && env.NO_COLOR !== '';
}

/** Set, and neither empty, `0` nor `false`. */
function flagSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Colour on a stream: never with NO_COLOR or FORCE_COLOR=0; always with another FORCE_COLOR
 * (as chalk reads it); else only on a terminal that is not TERM=dumb.
 */
export function colorWanted(stream: StreamFacts, env: TerminalFacts['env']): boolean {
  if (noColor(env)) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return stream.kind === 'terminal' && env.TERM !== 'dumb';
}

/** A destination the other stream cannot be mixed into: a file or device of its own (`> out.txt`, `2>/dev/null`). */
function apart(stream: StreamFacts): boolean {
  return stream.kind === 'file' || stream.kind === 'device' || stream.kind === 'closed';
}

/** Decides everything at once; pure, so every combination is a unit test. */
export function decideTerminal(facts: TerminalFacts): Terminal {
  const { env } = facts;
  const tty = { stdout: facts.stdout.kind === 'terminal', stderr: facts.stderr.kind === 'terminal' };
  const shared = facts.stdout.id !== null && facts.stdout.id === facts.stderr.id;
  // A terminal that reports no width (some pseudo-terminals) makes a redrawn line misbehave.
  const animated = tty.stderr && facts.columns.stderr() > 0 && !flagSet(env.CI) && env.TERM !== 'dumb' && !noColor(env);
  const view = (name: 'stdout' | 'stderr'): StreamView => ({
    tty: tty[name],
    color: colorWanted(facts[name], env),
    columns: () => {
      const width = tty[name] ? facts.columns[name]() : 0;
      return width > 0 ? width : null;
    },
  });
  const stdout = view('stdout');
  const stderr = view('stderr');
  const styles = new Map<'stdout' | 'stderr', Promise<Style>>();
  return {
    stdin: facts.stdin,
    stdout,
    stderr,
    shared,
    spinner: animated && tty.stdout,
    liveProgress: animated,
    breakAfterResult(quiet) {
      // --quiet keeps stderr silent, but for the prompt that would follow the result on the same terminal.
      if (quiet) return shared && tty.stdout;
      return shared || (!apart(facts.stdout) && !apart(facts.stderr));
    },
    style(name) {
      let style = styles.get(name);
      if (!style) {
        style = (name === 'stdout' ? stdout : stderr).color ? loadStyle() : Promise.resolve(plainStyle);
        styles.set(name, style);
      }
      return style;
    },
  };
}

/** chalk at level 1: fcinvoke uses the 16 basic colours only, and the level is decided above, not by chalk. */
async function loadStyle(): Promise<Style> {
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

/** No terminal anywhere and no colour: for tests and for callers that print for programs. */
export const plainTerminal: Terminal = decideTerminal({
  stdin: { kind: 'closed', id: null },
  stdout: { kind: 'pipe', id: null },
  stderr: { kind: 'pipe', id: null },
  env: {},
  columns: { stdout: () => 0, stderr: () => 0 },
});
