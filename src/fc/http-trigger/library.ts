// The library's HTTP-trigger call (`http()`, `client.http()`): its options planned and checked
// as the command line's are, signed when asked, and the answer read whole (result.ts).
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { Credentials } from '../../credentials.js';
import { ConfigError } from '../../errors.js';
import type { Secrets } from '../redact.js';
import { DEFAULT_RETRY_POLICY } from '../retry.js';
import type { TriggerClient } from './call.js';
import { planTrigger, resolveTriggerSpec, TRIGGER_BODY_LIMITS } from './plan.js';
import { callerSecretsOf } from './redact.js';
import { readTriggerResult, type TriggerResult } from './result.js';
import { accountOfHost } from './target.js';

/** What a call needs of its client. */
export interface LibraryTriggerParts {
  dispatcher: Dispatcher;
  credentials: Credentials | undefined;
  accountId: string | undefined;
  /** The endpoint, asked for by the short form only (so a full URL needs none). */
  baseUrl: () => string;
  secrets: Secrets;
  retries: number | undefined;
  timeoutMs: number | undefined;
  userAgent: string;
}

/** The library's options but the body (see `HttpOptions` in api.ts). */
export interface LibraryTriggerOptions {
  method?: string | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
  query?: Readonly<Record<string, string | readonly string[]>> | undefined;
  body?: unknown;
  auth?: string | undefined;
  sign?: string | undefined;
  apiVersion?: string | undefined;
  async?: boolean | undefined;
  logs?: boolean | undefined;
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** A body of known size, opened afresh per attempt when `reopenable`. */
export interface LibraryBody {
  size: number;
  open: () => Readable | Buffer | null;
  reopenable: boolean;
}

function queryArgs(query: LibraryTriggerOptions['query']): [string, string][] {
  return Object.entries(query ?? {}).flatMap(([key, value]) => (typeof value === 'string' ? [value] : value).map((item): [string, string] => [key, item]));
}

/** Plans, signs and sends one call; `prepareBody` gets FC's body limit for the kind of call. */
export async function callTriggerForLibrary(
  parts: LibraryTriggerParts,
  target: string,
  call: LibraryTriggerOptions,
  prepareBody: (limit: number) => LibraryBody,
): Promise<TriggerResult> {
  const plan = planTrigger({
    target,
    method: call.method,
    hasBody: call.body !== undefined,
    headers: Object.entries(call.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    queries: queryArgs(call.query),
    auth: call.auth,
    sign: call.sign,
    async: Boolean(call.async),
  });
  const baseUrl = plan.target.form === 'short' ? parts.baseUrl() : undefined;
  const resolved = resolveTriggerSpec(plan, { baseUrl, apiVersion: call.apiVersion, logs: call.logs ?? true });
  for (const value of callerSecretsOf(plan.headers)) parts.secrets.add(value);
  const { credentials } = parts;
  if (resolved.auth === 'function' && !credentials) {
    throw new ConfigError('no credentials to sign with: give accessKeyId and accessKeySecret, or auth: "anonymous" for an anonymous trigger', { code: 'MissingCredentials' });
  }
  const body = prepareBody(TRIGGER_BODY_LIMITS[plan.async ? 'async' : 'sync']);
  const spec = { ...resolved, contentLength: body.size };
  const signer = resolved.auth === 'function' && credentials ? { credentials, accountId: accountOfHost(new URL(spec.url).hostname) ?? parts.accountId } : null;
  const timeoutMs = call.timeoutMs ?? parts.timeoutMs;
  const timeoutSignal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [call.signal, timeoutSignal].filter((s): s is AbortSignal => s !== undefined);
  const trigger = {
    spec,
    openBody: body.open,
    policy: { ...DEFAULT_RETRY_POLICY, retries: body.reopenable ? (parts.retries ?? DEFAULT_RETRY_POLICY.retries) : 0 },
    signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    deadline: timeoutSignal ? { expired: () => timeoutSignal.aborted, label: `${timeoutMs} ms (timeoutMs)` } : undefined,
  };
  const client: TriggerClient = { dispatcher: parts.dispatcher, signer, userAgent: parts.userAgent, secrets: parts.secrets };
  return readTriggerResult(client, trigger, call.signal);
}
