// A result on stdout and what follows it: held back from a terminal when it is binary (with
// a note on how to get it), and followed by a line break on stderr when it did not end with
// one and the two streams can meet (docs/output.md).
import { stdoutSink, type OutputSink } from '../io/output-sink.js';
import { formatBytes } from '../io/event-size.js';
import { guardTerminal } from '../ui/binary-guard.js';
import { renderNote } from '../ui/render.js';
import type { Style } from '../ui/style.js';
import { writeText, type CommandContext } from './context.js';

/** stdout as a result's sink; on a terminal, one that holds back a binary result. */
export function resultSink(ctx: CommandContext): OutputSink {
  const sink = stdoutSink(ctx.stdout);
  return ctx.terminal.stdout.tty ? guardTerminal(sink) : sink;
}

/** After the result went to `sink`: the note when it was held back from the terminal (shown even with --quiet: it is why nothing showed). */
export async function noteWithheld(ctx: CommandContext, sink: OutputSink | null, style: Style, json = 'see it as base64 with --json'): Promise<void> {
  const bytes = (sink as { withheld?: () => number | null } | null)?.withheld?.() ?? null;
  if (bytes === null) return;
  await writeText(
    ctx.stderr,
    renderNote(`the result is binary (${formatBytes(bytes)}), so it is not shown on the terminal: save it with -o FILE, or ${json}; | cat shows it anyway`, style),
  );
}

/**
 * After a result on stdout that did not end with a line break: one on stderr, so that
 * whatever comes next there (the summary, an error, the prompt) starts a line of its own
 * wherever the two streams meet (ui/terminal.ts breakAfterResult). stdout stays byte-exact.
 */
export async function endResultLine(ctx: CommandContext, sink: Pick<OutputSink, 'path' | 'lastByte'> | null, quiet: boolean): Promise<void> {
  const last = sink && sink.path === null ? sink.lastByte() : null;
  if (last !== null && last !== 0x0a && ctx.terminal.breakAfterResult(quiet)) await writeText(ctx.stderr, '\n');
}
