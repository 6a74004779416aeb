// Normalising and checking the options of `status`, `stop` and `list`, purely: flags in,
// a validated plan out (times relative to an injected clock).
import type { SettingsFlags } from '../config/settings.js';
import { UsageError } from '../errors.js';
import { KNOWN_STATUSES } from '../fc/async-invocation.js';
import type { ApiChoice } from '../fc/api-choice.js';
import type { FcApi, ListFilter } from '../fc/fc-api.js';
import { validateInvocationId, type FunctionTarget } from '../fc/names.js';
import { parseNumber, parseTimeout, settingsFlagsOf, type WhereOptions } from './common-options.js';

/** Options every async invocation command takes, as commander hands them over. */
export interface RawAsyncOptions extends WhereOptions {
  qualifier?: string;
  json?: boolean;
  quiet?: boolean;
  wait?: boolean;
  timeout?: string;
  caFile?: string;
}

export interface RawListOptions extends RawAsyncOptions {
  status?: string;
  prefix?: string;
  since?: string;
  until?: string;
  sort?: string;
  limit?: string;
  includePayload?: boolean;
}

export interface AsyncPlan {
  /** The API chosen for the command (commands/api-choice.ts). */
  api: FcApi;
  target: FunctionTarget;
  json: boolean;
  quiet: boolean;
  /** Seconds; undefined = not said on the command line (settings may say). */
  timeout: number | undefined;
  caFile: string | undefined;
  settingsFlags: SettingsFlags;
}

export interface StatusPlan extends AsyncPlan {
  invocationId: string;
  wait: boolean;
}

export type StopPlan = AsyncPlan & { invocationId: string };

export interface ListPlan extends AsyncPlan {
  filter: ListFilter;
  limit: number;
}

/** `list --limit` when not given. */
export const DEFAULT_LIST_LIMIT = 50;
const MAX_LIST_LIMIT = 100_000;

function planBase(choice: ApiChoice, options: RawAsyncOptions): AsyncPlan {
  return {
    api: choice.api,
    target: choice.api.resolveTarget(choice.service, choice.functionArg, options.qualifier),
    json: Boolean(options.json),
    quiet: Boolean(options.quiet),
    timeout: parseTimeout(options.timeout),
    caFile: options.caFile,
    settingsFlags: settingsFlagsOf(options),
  };
}

export function planStatus(choice: ApiChoice, invocationId: string, options: RawAsyncOptions): StatusPlan {
  const base = planBase(choice, options);
  validateInvocationId(invocationId, `${choice.api.nouns.short} ID`);
  return { ...base, invocationId, wait: Boolean(options.wait) };
}

export function planStop(choice: ApiChoice, invocationId: string, options: RawAsyncOptions): StopPlan {
  const base = planBase(choice, options);
  validateInvocationId(invocationId, `${choice.api.nouns.short} ID`);
  return { ...base, invocationId };
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `--since`/`--until` into epoch ms: a duration before `now` (`90s`, `15m`, `1h`, `2d`, `1w`),
 * an ISO 8601 date or date-time (local time unless it has `Z` or an offset), or epoch ms.
 */
export function parseTimeArg(flag: string, value: string, now: number): number {
  const text = value.trim();
  const relative = RELATIVE.exec(text);
  if (relative) return Math.round(now - Number(relative[1]) * (UNIT_MS[relative[2] ?? ''] ?? 0));
  if (/^\d{12,}$/.test(text)) return Number(text);
  // Date.parse reads a bare date as UTC midnight but a date-time as local; make both local.
  const parsed = DATE_ONLY.test(text) ? Date.parse(`${text}T00:00`) : DATE_TIME.test(text) ? Date.parse(text.replace(' ', 'T')) : NaN;
  if (Number.isNaN(parsed)) {
    throw new UsageError(
      `invalid ${flag} ${JSON.stringify(value)}: give a duration back from now (30s, 15m, 1h, 2d, 1w), an ISO date or date-time (2024-05-01, 2024-05-01T08:00Z) or epoch milliseconds`,
      { code: 'InvalidOption' },
    );
  }
  return parsed;
}

/** `--status`, matched case-insensitively against the documented statuses. */
export function parseStatusFilter(value: string): string {
  const found = KNOWN_STATUSES.find((s) => s.toLowerCase() === value.trim().toLowerCase());
  if (!found) {
    throw new UsageError(`invalid --status ${JSON.stringify(value)}: expected one of ${KNOWN_STATUSES.join(', ')}`, { code: 'InvalidOption' });
  }
  return found;
}

export function planList(choice: ApiChoice, options: RawListOptions, now: Date): ListPlan {
  const base = planBase(choice, options);
  const sort = options.sort?.trim().toLowerCase();
  if (sort !== undefined && sort !== 'asc' && sort !== 'desc') {
    throw new UsageError(`invalid --sort ${JSON.stringify(options.sort)}: expected asc or desc`, { code: 'InvalidOption' });
  }
  if (options.prefix !== undefined && !/^[A-Za-z0-9_-]{1,128}$/.test(options.prefix)) {
    throw new UsageError(`invalid --prefix ${JSON.stringify(options.prefix)}: ${choice.api.nouns.short} IDs hold only letters, digits, "_" and "-"`, { code: 'InvalidOption' });
  }
  const since = options.since === undefined ? undefined : parseTimeArg('--since', options.since, now.getTime());
  const until = options.until === undefined ? undefined : parseTimeArg('--until', options.until, now.getTime());
  if (since !== undefined && until !== undefined && since >= until) {
    throw new UsageError(`--since (${new Date(since).toISOString()}) must be before --until (${new Date(until).toISOString()})`, { code: 'InvalidOption' });
  }
  const limit =
    options.limit === undefined
      ? DEFAULT_LIST_LIMIT
      : parseNumber('--limit', options.limit, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_LIST_LIMIT, `a whole number from 1 to ${MAX_LIST_LIMIT}`);
  return {
    ...base,
    filter: {
      status: options.status === undefined ? undefined : parseStatusFilter(options.status),
      invocationIdPrefix: options.prefix,
      startedTimeBegin: since,
      startedTimeEnd: until,
      sortOrderByTime: sort,
      includePayload: options.includePayload ? true : undefined,
    },
    limit,
  };
}
