// What became of each event, and the batch's exit code: the contract's code of the worst
// class that occurred, in the order documented in docs/batch.md.
import { ExitCode } from '../errors.js';

/** The class of one finished event. */
export type OutcomeClass = 'ok' | 'function' | 'input' | 'api' | 'transport';

/**
 * Worst first: a transport failure leaves it unknown whether the function ran (5); an API
 * error is a refusal by the service (4); an input error means the line was never sent (2);
 * a function error is the function's own answer (1).
 */
export const CLASS_ORDER: readonly OutcomeClass[] = ['transport', 'api', 'input', 'function', 'ok'];

export const CLASS_EXIT_CODE: Readonly<Record<OutcomeClass, number>> = {
  ok: ExitCode.ok,
  function: ExitCode.functionFailed,
  input: ExitCode.usage,
  api: ExitCode.api,
  transport: ExitCode.network,
};

/** The exit code of the worst class with a non-zero count; 0 when every event succeeded. */
export function worstExitCode(counts: Readonly<Partial<Record<OutcomeClass, number>>>): number {
  for (const kind of CLASS_ORDER) {
    if ((counts[kind] ?? 0) > 0) return CLASS_EXIT_CODE[kind];
  }
  return ExitCode.ok;
}
