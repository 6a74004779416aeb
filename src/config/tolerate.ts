// Report mode (`fcinvoke config`): a step that fails with a ConfigError is recorded against
// its place and skipped, so that one bad source cannot hide what the others hold.
import { ConfigError } from '../errors.js';
import type { SettingsProblem } from './settings.js';

function record(problems: SettingsProblem[], place: string, error: unknown): undefined {
  if (!(error instanceof ConfigError)) throw error;
  problems.push({ place, code: error.code, message: error.message });
  return undefined;
}

/** `step()`; in report mode (`problems` given), undefined after recording a ConfigError. */
export function tolerate<T>(problems: SettingsProblem[] | undefined, place: string, step: () => T): T | undefined {
  if (!problems) return step();
  try {
    return step();
  } catch (error) {
    return record(problems, place, error);
  }
}

/** The same for a step that is awaited. */
export async function tolerateAsync<T>(problems: SettingsProblem[] | undefined, place: string, step: () => Promise<T>): Promise<T | undefined> {
  if (!problems) return step();
  try {
    return await step();
  } catch (error) {
    return record(problems, place, error);
  }
}
