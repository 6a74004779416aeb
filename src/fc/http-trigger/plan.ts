// Planning an HTTP-trigger call, shared by the command line and the library: what the caller
// gave, checked (planTrigger), then the request it means once the settings are known
// (resolveTriggerSpec): the URL, its query, the kind of address and the signature. Pure.
import { UsageError } from '../../errors.js';
import type { HttpMethod } from '../fc-api.js';
import { parseHttpHeaderArgs, type TriggerAuth } from './headers.js';
import { appendQuery, encodeQueryArg, type QueryArg } from './query.js';
import type { TriggerRequestSpec } from './request.js';
import type { SignScheme } from './sign.js';
import { buildProxyUrl, describeAddress, parseHttpTarget, type AddressKind, type ParsedTarget } from './target.js';

/** The methods FC's triggers take (http-triggers.md §1.6). */
export const TRIGGER_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'PATCH', 'OPTIONS'];
export const TRIGGER_AUTHS: readonly TriggerAuth[] = ['function', 'anonymous'];
export const SIGN_SCHEMES: readonly SignScheme[] = ['fc', 'acs3'];

export interface TriggerPlanInput {
  target: string;
  /** -X; default GET, POST when there is a body (curl's rule). */
  method?: string | undefined;
  hasBody: boolean;
  /** `Name: value` each. */
  headers: readonly string[];
  /** `name=value` (or a bare `name`) each, or a name and value apart. */
  queries: readonly QueryArg[];
  auth?: string | undefined;
  sign?: string | undefined;
  async: boolean;
}

export interface TriggerPlan {
  target: ParsedTarget;
  method: HttpMethod;
  headers: Record<string, string>;
  /** The --query pieces, encoded, to append to the target's query. */
  queryPieces: string[];
  auth: TriggerAuth;
  /** undefined: chosen by the address once the API version setting is known. */
  sign: SignScheme | undefined;
  async: boolean;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((item) => item === value);
  if (!found) throw new UsageError(`invalid ${flag} ${JSON.stringify(value)}: use ${allowed.join(', ')}`, { code: 'InvalidOption' });
  return found;
}

/** Checks everything the caller gave; throws UsageError (exit 2) naming the flag and the rule. */
export function planTrigger(input: TriggerPlanInput): TriggerPlan {
  const target = parseHttpTarget(input.target);
  const method = oneOf('-X/--request', (input.method ?? (input.hasBody ? 'POST' : 'GET')).toUpperCase(), TRIGGER_METHODS);
  const auth = oneOf('--auth', input.auth ?? 'function', TRIGGER_AUTHS);
  const sign = input.sign === undefined ? undefined : oneOf('--sign', input.sign, SIGN_SCHEMES);
  if (sign && auth === 'anonymous') {
    throw new UsageError('--sign chooses the signature, and --auth anonymous sends none: give one of them', { code: 'ConflictingFlags' });
  }
  return {
    target,
    method,
    headers: parseHttpHeaderArgs(input.headers, auth),
    queryPieces: input.queries.map(encodeQueryArg),
    auth,
    sign,
    async: input.async,
  };
}

/**
 * The default signature of an address (cli-contract `http`): FC 2.0's for `/proxy/` URLs;
 * ACS3 for trigger domains unless the API version is FC 2.0's; for custom domains the API
 * version's, FC 2.0 when none is set (fcinvoke's default API).
 */
export function defaultScheme(kind: AddressKind, apiVersion: string | undefined): SignScheme {
  if (kind === 'proxy') return 'fc';
  if (kind === 'trigger-domain') return apiVersion === '2016-08-15' ? 'fc' : 'acs3';
  return apiVersion === '2023-03-30' ? 'acs3' : 'fc';
}

/** What the settings add to a plan. */
export interface TriggerSettings {
  /** The configured endpoint; needed by the short form only. */
  baseUrl?: string | undefined;
  /** The configured qualifier, for a short form that names none. */
  qualifier?: string | undefined;
  apiVersion?: string | undefined;
  logs: boolean;
}

/** A request as the plan and the settings make it, before its body's size is known. */
export type ResolvedTrigger = Omit<TriggerRequestSpec, 'contentLength'>;

/** True when the plan needs the configured endpoint (the short form). */
export function needsEndpoint(plan: TriggerPlan): boolean {
  return plan.target.form === 'short';
}

/** The request the plan means, with the settings. */
export function resolveTriggerSpec(plan: TriggerPlan, settings: TriggerSettings): ResolvedTrigger {
  let url: URL;
  if (plan.target.form === 'short') {
    if (settings.apiVersion === '2023-03-30') {
      throw new UsageError('service/function is the FC 2.0 /proxy/ URL, and the API version is 2023-03-30: give the FC 3.0 trigger URL (https://….fcapp.run/…)', {
        code: 'ConflictingFlags',
      });
    }
    if (settings.baseUrl === undefined) throw new TypeError('the short form needs the endpoint');
    url = buildProxyUrl(plan.target, settings.baseUrl, settings.qualifier);
  } else {
    url = new URL(plan.target.url.href);
  }
  url.search = appendQuery(url.search.slice(1), plan.queryPieces);
  const address = describeAddress(url, plan.headers.host);
  return {
    method: plan.method,
    url: url.href,
    address,
    auth: plan.auth,
    scheme: plan.sign ?? defaultScheme(address.kind, settings.apiVersion),
    headers: plan.headers,
    async: plan.async,
    logs: settings.logs,
  };
}

/** Largest request body FC takes (http-triggers.md §1.8): 32 MiB synchronous, 128 KiB asynchronous. */
export const TRIGGER_BODY_LIMITS = { sync: 32 * 1024 * 1024, async: 128 * 1024 } as const;
