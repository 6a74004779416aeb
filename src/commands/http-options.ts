// Normalising and checking `http` options, purely: flags in, a validated plan out.
import { UsageError } from '../errors.js';
import { planTrigger, TRIGGER_BODY_LIMITS, type TriggerPlan } from '../fc/http-trigger/plan.js';
import type { SettingsFlags } from '../config/settings.js';
import { once, parseNumber, parseTimeout, settingsFlagsOf, type WhereOptions } from './common-options.js';

/** The options commander hands to `http`, before checks. */
export interface RawHttpOptions extends WhereOptions {
  request?: string;
  header?: string[];
  data?: string | string[];
  event?: string | string[];
  query?: string[];
  include?: boolean;
  output?: string;
  json?: boolean;
  async?: boolean;
  logs?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  dryRun?: boolean;
  auth?: string;
  sign?: string;
  timeout?: string;
  connectTimeout?: string;
  idleTimeout?: string;
  retries?: string;
  maxEventSize?: string;
  caFile?: string;
}

export interface HttpPlan {
  trigger: TriggerPlan;
  data: string | undefined;
  event: string | undefined;
  /** -i: the status line and response headers on stderr. */
  include: boolean;
  /** undefined = not said on the command line (settings may say). */
  logs: boolean | undefined;
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
  /** Largest body, bytes: --max-event-size, else FC's limit for the kind of call. */
  bodyLimit: number;
  caFile: string | undefined;
  settingsFlags: SettingsFlags;
}

/** Validates every `http` option; throws UsageError (exit 2) naming the flag and the rule. */
export function planHttp(target: string, options: RawHttpOptions): HttpPlan {
  const async = Boolean(options.async);
  const data = once('-d/--data', options.data);
  const event = once('-e/--event', options.event);
  const trigger = planTrigger({
    target,
    method: options.request,
    hasBody: data !== undefined || event !== undefined,
    headers: options.header ?? [],
    queries: options.query ?? [],
    auth: options.auth,
    sign: options.sign,
    async,
  });
  if (options.quiet && (options.verbose || options.include)) {
    throw new UsageError(`--quiet and ${options.verbose ? '--verbose' : '--include'} contradict each other: give one`, { code: 'ConflictingFlags' });
  }
  if (options.output !== undefined && options.output.trim() === '') {
    throw new UsageError('-o/--output needs a file path', { code: 'MissingArgument' });
  }
  const seconds = (flag: string, value: string | undefined) =>
    value === undefined ? undefined : Math.round(parseNumber(flag, value, (n) => n >= 0 && n <= 86_400, 'a number of seconds, 0 for none') * 1000);
  const retries =
    options.retries === undefined
      ? undefined
      : parseNumber('--retries', options.retries, (n) => Number.isInteger(n) && n >= 0 && n <= 20, 'a whole number from 0 to 20');
  const bodyLimit =
    options.maxEventSize === undefined
      ? TRIGGER_BODY_LIMITS[async ? 'async' : 'sync']
      : parseNumber('--max-event-size', options.maxEventSize, (n) => Number.isInteger(n) && n > 0, 'a whole number of bytes above 0');
  return {
    trigger,
    data,
    event,
    include: Boolean(options.include),
    logs: options.logs === false ? false : undefined,
    output: options.output,
    json: Boolean(options.json),
    quiet: Boolean(options.quiet),
    verbose: Boolean(options.verbose),
    dryRun: Boolean(options.dryRun),
    timeout: parseTimeout(options.timeout),
    connectTimeoutMs: seconds('--connect-timeout', options.connectTimeout),
    idleTimeoutMs: seconds('--idle-timeout', options.idleTimeout),
    retries,
    bodyLimit,
    caFile: options.caFile,
    settingsFlags: settingsFlagsOf(options),
  };
}
