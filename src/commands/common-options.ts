// Option checks every command shares: numbers with a rule, the whole-command timeout, and
// the where/as-whom flags (and the API version).
import type { SettingsFlags } from '../config/settings.js';
import { MAX_TIMEOUT_SECONDS } from '../config/values.js';
import { UsageError } from '../errors.js';

/** Parses a numeric flag; throws UsageError naming the flag and what was expected. */
export function parseNumber(flag: string, value: string, rule: (n: number) => boolean, expected: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !rule(n)) {
    throw new UsageError(`invalid ${flag} ${JSON.stringify(value)}: expected ${expected}`, { code: 'InvalidOption' });
  }
  return n;
}

/** `--timeout` in seconds (above 0, at most two days), or undefined when not given. */
export function parseTimeout(value: string | undefined): number | undefined {
  return value === undefined
    ? undefined
    : parseNumber('--timeout', value, (n) => n > 0 && n <= MAX_TIMEOUT_SECONDS, `a number of seconds above 0, at most ${MAX_TIMEOUT_SECONDS} (two days)`);
}

/** The flags that choose where and as whom, as commander hands them over (program.ts addWhereOptions). */
export interface WhereOptions {
  region?: string;
  accountId?: string;
  endpoint?: string;
  internal?: boolean;
  profile?: string;
  apiVersion?: string;
}

/** Picks the settings flags out of a command's options. */
export function settingsFlagsOf(options: WhereOptions): SettingsFlags {
  return {
    region: options.region,
    accountId: options.accountId,
    endpoint: options.endpoint,
    internal: options.internal,
    profile: options.profile,
    apiVersion: options.apiVersion,
  };
}

/** The one value of an event flag; given twice, the last must not win silently. */
export function once(flag: string, value: string | string[] | undefined): string | undefined {
  if (!Array.isArray(value)) return value;
  if (value.length > 1) throw new UsageError(`give the event once: ${flag} was given ${value.length} times`, { code: 'ConflictingFlags' });
  return value[0];
}
