// The one terminal decision: colour per stream, the spinner, the live line and the line
// break after a result, for each kind of destination and environment.
import { describe, expect, it } from 'vitest';
import { decideTerminal, type StreamFacts, type TerminalFacts } from '../../../src/ui/terminal.js';

const tty: StreamFacts = { kind: 'terminal', id: '5:3' };
const otherTty: StreamFacts = { kind: 'terminal', id: '5:4' };
const pipe: StreamFacts = { kind: 'pipe', id: '12:100' };
const otherPipe: StreamFacts = { kind: 'pipe', id: '12:101' };
const file: StreamFacts = { kind: 'file', id: '8:2000' };
const devNull: StreamFacts = { kind: 'device', id: '5:1' };

function decide(stdout: StreamFacts, stderr: StreamFacts, env: Record<string, string> = {}, columns = 80) {
  const facts: TerminalFacts = { stdin: tty, stdout, stderr, env, columns: { stdout: () => columns, stderr: () => columns } };
  return decideTerminal(facts);
}

describe('colour', () => {
  it('per stream: only where the stream is a terminal', () => {
    const t = decide(pipe, tty);
    expect([t.stdout.color, t.stderr.color]).toEqual([false, true]);
    const u = decide(tty, file);
    expect([u.stdout.color, u.stderr.color]).toEqual([true, false]);
  });

  it('never with NO_COLOR (set and not empty) or FORCE_COLOR=0, nor on TERM=dumb; always with another FORCE_COLOR', () => {
    expect(decide(tty, tty, { NO_COLOR: '1' }).stderr.color).toBe(false);
    expect(decide(tty, tty, { NO_COLOR: '' }).stderr.color).toBe(true);
    expect(decide(tty, tty, { FORCE_COLOR: '0' }).stderr.color).toBe(false);
    expect(decide(tty, tty, { TERM: 'dumb' }).stderr.color).toBe(false);
    expect(decide(pipe, pipe, { FORCE_COLOR: '1' }).stdout.color).toBe(true);
    expect(decide(pipe, pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout.color).toBe(false);
  });

  it('with CI on a terminal: colour yes, animation no', () => {
    const t = decide(tty, tty, { CI: 'true' });
    expect(t.stderr.color).toBe(true);
    expect([t.spinner, t.liveProgress]).toEqual([false, false]);
  });

  it('gives plain styles where colour is off', async () => {
    const t = decide(pipe, tty);
    expect((await t.style('stdout')).red('x')).toBe('x');
    expect((await t.style('stderr')).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});

describe('animation', () => {
  it('the spinner needs both streams terminals; the live line only stderr', () => {
    expect([decide(tty, tty).spinner, decide(tty, tty).liveProgress]).toEqual([true, true]);
    expect([decide(file, tty).spinner, decide(file, tty).liveProgress]).toEqual([false, true]);
    expect([decide(tty, file).spinner, decide(tty, file).liveProgress]).toEqual([false, false]);
  });

  it('none with NO_COLOR, CI, TERM=dumb, or a terminal that reports no width', () => {
    const envs: Record<string, string>[] = [{ NO_COLOR: '1' }, { CI: '1' }, { TERM: 'dumb' }];
    for (const env of envs) expect(decide(tty, tty, env).liveProgress, JSON.stringify(env)).toBe(false);
    expect(decide(tty, tty, { CI: 'false' }).spinner).toBe(true);
    expect(decide(tty, tty, {}, 0).spinner).toBe(false);
  });

  it('reads the width when asked (a terminal can be resized); null off a terminal', () => {
    let width = 80;
    const t = decideTerminal({ stdin: tty, stdout: pipe, stderr: tty, env: {}, columns: { stdout: () => 0, stderr: () => width } });
    expect(t.stderr.columns()).toBe(80);
    width = 40;
    expect(t.stderr.columns()).toBe(40);
    expect(t.stdout.columns()).toBeNull();
  });
});

describe('the line break after a result that does not end with one', () => {
  it('when both streams are one file: a terminal, 2>&1 into a pipe or a file', () => {
    for (const same of [tty, pipe, file]) expect(decide(same, same).breakAfterResult(false), same.kind).toBe(true);
  });

  it('when they may meet: | tee to a terminal, two pipes a CI runner merges', () => {
    expect(decide(pipe, tty).breakAfterResult(false)).toBe(true);
    expect(decide(pipe, otherPipe).breakAfterResult(false)).toBe(true);
    expect(decide(tty, otherTty).breakAfterResult(false)).toBe(true);
  });

  it('not when either is a file or device of its own: > out.txt, 2> err.log, 2>/dev/null', () => {
    expect(decide(file, tty).breakAfterResult(false)).toBe(false);
    expect(decide(tty, file).breakAfterResult(false)).toBe(false);
    expect(decide(pipe, devNull).breakAfterResult(false)).toBe(false);
  });

  it('with --quiet, only for the prompt: stdout and stderr the same terminal', () => {
    expect(decide(tty, tty).breakAfterResult(true)).toBe(true);
    expect(decide(pipe, pipe).breakAfterResult(true)).toBe(false);
    expect(decide(pipe, tty).breakAfterResult(true)).toBe(false);
  });
});
