// Turning any failure into the contract's exit code and one safe line for stderr.
import { ExitCode, FcInvokeError } from './errors.js';
import { escapeControlCharacters } from './escape.js';
import { scrubSecrets, type Secrets } from './fc/redact.js';

export interface FailureReport {
  code: number;
  /** The line to print after `fcinvoke: `, or null when nothing more should be said. */
  message: string | null;
  /** Lines to print indented below it (FcInvokeError.details), each made safe like the message; absent when none. */
  details?: string[];
}

/**
 * Exit code and message for a thrown value. Typed errors carry their own; commander has
 * already printed its usage errors; anything else is a bug, reported as such. The message
 * is one line and never contains any of `secrets`, whatever the error says.
 */
export function describeFailure(error: unknown, secrets: Secrets | readonly (string | undefined)[]): FailureReport {
  let report: FailureReport;
  if (isCommanderError(error)) {
    const fine = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
    report = { code: fine ? ExitCode.ok : ExitCode.usage, message: null };
  } else if (error instanceof FcInvokeError) {
    report = { code: error.exitCode, message: error.message };
    if (error.details.length > 0) report.details = error.details.map((line) => safeDetail(line, secrets));
  } else {
    const detail = error instanceof Error ? error.message : String(error);
    report = { code: 1, message: `unexpected failure: ${detail} (please report this with the command you ran)` };
  }
  if (report.message !== null) report.message = oneSafeLine(report.message, secrets);
  return report;
}

/** commander's own errors, told by their code: importing commander here would load it for `--version` too. */
function isCommanderError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('commander.');
}

/** A detail line made safe like a message, keeping the leading spaces that nest it. */
function safeDetail(line: string, secrets: Secrets | readonly (string | undefined)[]): string {
  const indent = /^ */.exec(line)?.[0] ?? '';
  return `${indent}${oneSafeLine(line, secrets)}`;
}

/**
 * One line, secrets (the run's, or those listed) replaced by `<redacted>`, and every control
 * character shown as an escape: a message may quote a service, a file path or a config file.
 */
export function oneSafeLine(message: string, secrets: Secrets | readonly (string | undefined)[]): string {
  const line = message.replace(/\s*\n\s*/g, ' ').trim();
  const scrubbed = Array.isArray(secrets) ? scrubSecrets(line, secrets) : (secrets as Secrets).scrub(line);
  return escapeControlCharacters(scrubbed, false);
}
