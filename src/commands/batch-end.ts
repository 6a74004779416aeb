// The end of a batch: how it ended (the exit code, the resume line, what was cut off or
// lost), and the report: the summary on stderr and --summary-json.
import { batchOutputClosedError, InterruptedError, OutputError, OutputWriteError } from '../errors.js';
import { renderReport } from '../ui/report-json.js';
import type { OutputSink } from '../io/output-sink.js';
import type { Style } from '../ui/style.js';
import type { OutputLoss } from '../batch/ndjson-writer.js';
import type { RunBatchResult } from '../batch/run-batch.js';
import { buildSummary, renderBatchSummary, resumeHint, type BatchSummary, type SummaryInput } from '../batch/summary.js';
import type { BatchTally } from '../batch/tally.js';
import { writeText, type CommandContext } from './context.js';

/** How a batch ended, for its summary and its exit. */
export interface BatchEnd {
  interrupted: SummaryInput['interrupted'];
  /** The batch was cut short because stdout closed or failed (exit 6): thrown after the report. */
  outputError: OutputError | null;
}

/**
 * How the batch ended. Cut short by a signal: the signal's code. Cut short because stdout
 * closed or failed: exit 6, resuming at the first line whose result did not get out
 * (everything before it is in the output; what finished from there on is lost and would
 * run again). Otherwise the worst class.
 */
export function endOf(result: RunBatchResult, loss: OutputLoss | null, ctx: CommandContext, tally: BatchTally): BatchEnd {
  const signal = ctx.signal.reason instanceof InterruptedError ? ctx.signal.reason.exitCode : null;
  const resumeLine = loss?.firstLost ?? result.resumeLine;
  const cutShort = result.stopped || (loss !== null && resumeLine !== null);
  if (!cutShort) return { interrupted: null, outputError: null };
  const lostOutput = loss !== null && loss.firstLost !== null;
  const finishedAfter = lostOutput ? loss.lost : result.finishedAfter;
  const outputError =
    loss && signal === null ? batchOutputClosedError(resumeLine, { failure: loss.end.kind === 'failed' ? loss.end.error : undefined, lost: lostOutput ? loss.lost : 0 }) : null;
  const exitCode = signal ?? (outputError ? outputError.exitCode : worst(tally));
  return { interrupted: { resumeLine, finishedAfter, cutOff: result.cutOff, outputLost: lostOutput, exitCode }, outputError };
}

function worst(tally: BatchTally): number {
  return buildSummary({ tally, wallMs: 0, interrupted: null }).exitCode;
}

/** Where the report goes. */
export interface ReportTarget {
  ctx: CommandContext;
  style: Style;
  quiet: boolean;
}

/** The summary on stderr (the resume line even with --quiet), then --summary-json. */
export async function report(run: ReportTarget, summary: BatchSummary, summarySink: OutputSink | null): Promise<void> {
  const { ctx, style } = run;
  // The resume line matters even with --quiet: it is how the user carries on.
  if (!run.quiet) await writeText(ctx.stderr, renderBatchSummary(summary, style));
  else if (summary.interrupted && summary.resumeLine !== null) {
    await writeText(ctx.stderr, `interrupted: ${resumeHint(summary)}\n`);
  }
  if (summarySink) {
    try {
      await summarySink.write(Buffer.from(`${renderReport(summary, ctx.secrets.scrub, 2)}\n`));
      await summarySink.commit();
    } catch (error) {
      // The events ran: a summary that cannot be written is output lost (exit 6), never a short file.
      if (!(error instanceof OutputWriteError)) throw error;
      const noun = summary.count === 1 ? 'event' : 'events';
      throw new OutputError(`${error.message}; the batch ran (${summary.count} ${noun} finished) but its --summary-json was lost`, {
        code: 'OutputLost',
        path: error.path,
        cause: error,
      });
    }
  }
}
