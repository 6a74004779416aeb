// Normalising and checking `run` options, purely: flags in, a validated plan out.
import { UsageError } from '../errors.js';
import type { ApiChoice } from '../fc/api-choice.js';
import type { FcApi } from '../fc/fc-api.js';
import { parseHeaderArgsWith } from '../fc/headers.js';
import { validateAsyncId, type FunctionTarget } from '../fc/names.js';
import type { SettingsFlags } from '../config/settings.js';
import { MAX_RETRIES } from '../config/values.js';
import { once, parseNumber, parseTimeout, settingsFlagsOf, type WhereOptions } from './common-options.js';

/** The batch flags of `run` as commander hands them over (checked in batch-options.ts). */
export interface RawBatchOptions {
  batch?: string;
  concurrency?: string;
  repeat?: string;
  summaryJson?: string;
  startLine?: string;
  asyncIdPrefix?: string;
  wait?: boolean;
  maxEventSize?: string;
}

/** The options commander hands to `run`, before checks. */
export interface RawRunOptions extends RawBatchOptions, WhereOptions {
  /** Every value given (program.ts collects them, so that a repeat is refused). */
  data?: string | string[];
  event?: string | string[];
  qualifier?: string;
  async?: boolean;
  asyncId?: string;
  wait?: boolean;
  logs?: boolean;
  header?: string[];
  output?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  dryRun?: boolean;
  timeout?: string;
  connectTimeout?: string;
  idleTimeout?: string;
  retries?: string;
  maxEventSize?: string;
  caFile?: string;
}

export interface RunPlan {
  /** The API chosen for the command (commands/api-choice.ts); every rule below is its. */
  api: FcApi;
  target: FunctionTarget;
  data: string | undefined;
  event: string | undefined;
  async: boolean;
  asyncId: string | undefined;
  /** --wait: poll the accepted async invocation until it ends. */
  wait: boolean;
  /** undefined = not said on the command line (settings may say). */
  logs: boolean | undefined;
  extraHeaders: Record<string, string>;
  output: string | undefined;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  dryRun: boolean;
  /** Seconds; undefined = not said on the command line. */
  timeout: number | undefined;
  /** Transport timeouts in ms; undefined = the defaults of fc/send.ts. */
  connectTimeoutMs: number | undefined;
  idleTimeoutMs: number | undefined;
  retries: number | undefined;
  /** Per event, in bytes: --max-event-size, else the API's limit for the kind of call (decided once, here). */
  eventLimit: number;
  /** What set `eventLimit` when it is not the default (for the size message's advice). */
  eventLimitSetBy: '--max-event-size' | undefined;
  caFile: string | undefined;
  settingsFlags: SettingsFlags;
}

/** Validates every run option by the chosen API's rules; throws UsageError (exit 2) naming the flag and the rule. */
export function planRun(choice: ApiChoice, options: RawRunOptions): RunPlan {
  const { api } = choice;
  const target = api.resolveTarget(choice.service, choice.functionArg, options.qualifier);
  if (options.asyncId !== undefined) validateAsyncId(options.asyncId, `async ${api.nouns.short} ID`);
  const async = Boolean(options.async || options.asyncId !== undefined || options.asyncIdPrefix !== undefined);
  if (options.wait && !async) {
    throw new UsageError('--wait goes with --async or --async-id: only an async invocation can be waited for', { code: 'ConflictingFlags' });
  }
  if (options.quiet && options.verbose) {
    throw new UsageError('--quiet and --verbose contradict each other: give one', { code: 'ConflictingFlags' });
  }
  if (options.output !== undefined && options.output.trim() === '') {
    throw new UsageError('-o/--output needs a file path', { code: 'MissingArgument' });
  }
  const timeout = parseTimeout(options.timeout);
  const seconds = (flag: string, value: string | undefined) =>
    value === undefined ? undefined : Math.round(parseNumber(flag, value, (n) => n >= 0 && n <= 86_400, 'a number of seconds from 0 (none) to 86400 (one day)') * 1000);
  const connectTimeoutMs = seconds('--connect-timeout', options.connectTimeout);
  const idleTimeoutMs = seconds('--idle-timeout', options.idleTimeout);
  const retries =
    options.retries === undefined
      ? undefined
      : parseNumber('--retries', options.retries, (n) => Number.isInteger(n) && n >= 0 && n <= MAX_RETRIES, `a whole number from 0 to ${MAX_RETRIES}`);
  const eventLimit =
    options.maxEventSize === undefined
      ? api.limits[async ? 'async' : 'sync']
      : parseNumber('--max-event-size', options.maxEventSize, (n) => Number.isInteger(n) && n > 0, 'a whole number of bytes above 0');
  return {
    api,
    target,
    data: once('-d/--data', options.data),
    event: once('-e/--event', options.event),
    async,
    asyncId: options.asyncId,
    wait: Boolean(options.wait),
    logs: options.logs === false ? false : undefined,
    extraHeaders: parseHeaderArgsWith(api.headerRules, options.header ?? []),
    output: options.output,
    json: Boolean(options.json),
    quiet: Boolean(options.quiet),
    verbose: Boolean(options.verbose),
    dryRun: Boolean(options.dryRun),
    timeout,
    connectTimeoutMs,
    idleTimeoutMs,
    retries,
    eventLimit,
    eventLimitSetBy: options.maxEventSize === undefined ? undefined : '--max-event-size',
    caFile: options.caFile,
    settingsFlags: settingsFlagsOf(options),
  };
}
