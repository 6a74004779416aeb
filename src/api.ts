// The programmatic API (`import { invoke, http, createClient } from 'fcinvoke'`): the CLI's
// signing, retry rule and response decoding, for FC 3.0 (`invoke(functionName)`) and FC 2.0
// (`invoke(service, functionName)`), returning results and throwing the CLI's typed errors
// instead of printing and exiting.
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { headerValueProblem } from './credentials.js';
import { ConfigError, UsageError } from './errors.js';
import { chooseApi } from './fc/api-choice.js';
import { findApi } from './fc/api-version.js';
import { readBody } from './fc/body.js';
import { buildBaseUrl } from './fc/endpoint.js';
import { parseHeaderArgsWith } from './fc/headers.js';
import { callTriggerForLibrary, type LibraryTriggerParts } from './fc/http-trigger/library.js';
import { invokeFunction, settleFailure, type InvocationCall, type InvocationClient } from './fc/invocation.js';
import { hashedEvent, prepareEvent } from './fc/library-event.js';
import { validateAsyncId } from './fc/names.js';
import { Secrets } from './fc/redact.js';
import type { InvocationMeta } from './fc/response.js';
import { DEFAULT_RETRY_POLICY } from './fc/retry.js';
import { createDispatcher } from './fc/send.js';
import { SignatureMemo } from './fc/signature-memo.js';
import { fileEventSource } from './io/event-source.js';
import { VERSION } from './version.js';

export { ApiError, ConfigError, ExitCode, FcInvokeError, InterruptedError, NetworkError, UsageError } from './errors.js';
export { VERSION } from './version.js';

/** Where and as whom to invoke. The endpoint is `endpoint`, or built from `accountId` and `region`. */
export interface ClientOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** For an STS key. */
  securityToken?: string | undefined;
  /** Alibaba Cloud account ID: with `region`, it names the endpoint; sent as `x-fc-account-id`. */
  accountId?: string | undefined;
  /** Region ID, e.g. `cn-hangzhou`. */
  region?: string | undefined;
  /** A full endpoint URL, replacing `https://{accountId}.{region}.fc.aliyuncs.com`. */
  endpoint?: string | undefined;
  /** Use the VPC endpoint `{region}-internal`. */
  internal?: boolean | undefined;
  /** Client-side limit for each whole invocation, in ms; none by default (a function may run for hours). */
  timeoutMs?: number | undefined;
  /** Extra attempts for failures that provably did not run the function (default 2). */
  retries?: number | undefined;
  /** Where `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` are read from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /**
   * Force one API for `invoke`. By default the call decides: `invoke(functionName)` is FC 3.0
   * (2023-03-30), `invoke(service, functionName)` FC 2.0 (2016-08-15). Forced to 2023-03-30,
   * `invoke(service, functionName)` invokes the migrated `service$function`; forced to
   * 2016-08-15, `invoke(functionName)` is a UsageError (an FC 2.0 function needs its service).
   * For `http`, see HttpOptions.apiVersion.
   */
  apiVersion?: '2016-08-15' | '2023-03-30' | undefined;
}

/**
 * An event of known length read from a stream. With `open`, each attempt gets a fresh stream
 * (so throttled calls can be retried); a bare `stream` is sent once and never retried.
 *
 * FC 3.0 signs the body's SHA-256, which must be known before the request leaves: `sha256`
 * gives it (lower-case hex of exactly the bytes `open()` gives; `fileEvent` has one),
 * otherwise a first `open()` is read to hash it. A bare `stream` is read into memory to be
 * hashed (at most the 32 MiB limit), and is then sent, and retried, from there.
 */
export type StreamEvent = { size: number; open: () => Readable; sha256?: (() => Promise<string>) | undefined } | { size: number; stream: Readable };

/** The event: text (sent as UTF-8), bytes, or a stream of known length. */
export type InvokeEvent = string | Uint8Array | StreamEvent;

export interface InvokeOptions {
  /** Empty when absent. */
  event?: InvokeEvent | undefined;
  /** Version or alias; may also be given as `function:qualifier` (FC 3.0) or `service.qualifier` (FC 2.0), and the two must agree. */
  qualifier?: string | undefined;
  /** Asynchronous invocation: the service answers 2xx (FC 2.0: 202) once it has queued the event. */
  async?: boolean | undefined;
  /** The async invocation's ID, FC 3.0's async task ID (`x-fc-async-task-id`) or FC 2.0's stateful async invocation ID; implies `async`. */
  asyncId?: string | undefined;
  /** Ask for the last 4 KB of the log (synchronous calls; default true). */
  logs?: boolean | undefined;
  /** Extra `x-fc-*` request headers, signed with the rest. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
  /** Aborting rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Raises the event size limit (default 32 MiB sync, 128 KiB async) for accounts whose quota was raised. */
  maxEventSize?: number | undefined;
}

/**
 * What the service answered. A function error is a result (`functionError` set), not an
 * exception. Fields the service did not send are null (FC 3.0 does not promise
 * `durationMs` and `maxMemoryMB`); `asyncInvocationId` is FC 3.0's async task ID or FC 2.0's
 * stateful async invocation ID.
 */
export type InvokeResult = Omit<InvocationMeta, 'log'> & {
  /** 200 for a synchronous call; for an accepted asynchronous one 202 (FC 2.0) or any 2xx (FC 3.0). */
  status: number;
  /** The decoded log tail, or null when none was asked for or sent. */
  logs: string | null;
  /** The result body, byte-exact. */
  body: Buffer;
  /** Attempts made (more than 1 after retried throttling or refused connections). */
  attempts: number;
  /** The API the invocation used: `2016-08-15` (FC 2.0) or `2023-03-30` (FC 3.0). */
  apiVersion: string;
};

/**
 * A call to an HTTP-trigger (web) function, as `fcinvoke http` takes it (docs/http.md).
 * The target is a URL (`https://….fcapp.run/…`, `https://{account}.{region}.fc.aliyuncs.com/2016-08-15/proxy/…`,
 * a custom domain, any base such as the emulator's) or `service[.qualifier]/function[/path]`,
 * the FC 2.0 `/proxy/` URL on the client's endpoint.
 */
export interface HttpOptions {
  /** GET, POST, PUT, DELETE, HEAD, PATCH or OPTIONS; default GET, POST with a body. */
  method?: string | undefined;
  /** Any request headers, but the body's framing, `X-Fc-Invocation-Type`/`X-Fc-Log-Type` (see `async`, `logs`) and, when signed, the signature's. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Query parameters added to the target's, in order; a list repeats the key. */
  query?: Readonly<Record<string, string | readonly string[]>> | undefined;
  /** The request body, sent byte-exact (Content-Type `application/octet-stream` unless `headers` says otherwise). */
  body?: InvokeEvent | undefined;
  /** `function` (default): signed; `anonymous`: no credentials sent at all (none needed). */
  auth?: 'function' | 'anonymous' | undefined;
  /** The signature: default `fc` for `/proxy/` URLs and the short form, `acs3` for `*.fcapp.run` unless `apiVersion` is 2016-08-15. */
  sign?: 'fc' | 'acs3' | undefined;
  /** The API of a trigger domain or custom domain, for the default `sign`. */
  apiVersion?: '2016-08-15' | '2023-03-30' | undefined;
  /** `X-Fc-Invocation-Type: Async`: FC answers 202 once it has queued the call. */
  async?: boolean | undefined;
  /** Ask for the last 4 KB of the log (synchronous calls; default true). */
  logs?: boolean | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
  /** Aborting rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Raises the body size limit (default 32 MiB sync, 128 KiB async). */
  maxBodySize?: number | undefined;
}

/**
 * The function's answer: its status, headers and body, whatever the status. FC's own refusals
 * (`X-Fc-Error-Type: FcCommonError`: signature, no trigger, throttled) are thrown as ApiError.
 */
export interface HttpResult {
  /** Status below 400 (202 for `async`) and no `functionError`: what `fcinvoke http` exits 0 for. */
  ok: boolean;
  /** The API the request was addressed as: 2016-08-15 (FC 2.0 signature) or 2023-03-30 (ACS3). */
  apiVersion: string;
  url: string;
  method: string;
  status: number;
  /** Lower-case names; a repeated header (Set-Cookie) as a list. */
  headers: Record<string, string | string[]>;
  requestId: string | null;
  /** `X-Fc-Error-Type` of a crashed or failed function (`UnhandledInvocationError`, `HandledInvocationError`). */
  functionError: string | null;
  /** The decoded log tail, when FC sent one. */
  logs: string | null;
  durationMs: number | null;
  instanceId: string | null;
  /** The async invocation (FC 2.0) or task (FC 3.0) ID of an accepted async call. */
  asyncInvocationId: string | null;
  /** The body, byte-exact. */
  body: Buffer;
  /** Attempts made (more than 1 after FC refused for load or a connection never opened). */
  attempts: number;
}

export interface Client {
  /** Invokes the FC 3.0 function `functionName` (or `function:qualifier`, or a migrated `service$function`); throws UsageError, ApiError or NetworkError. */
  invoke(functionName: string, options?: InvokeOptions): Promise<InvokeResult>;
  /** Invokes the FC 2.0 function `service` (or `service.qualifier`) / `functionName`; throws UsageError, ApiError or NetworkError. */
  invoke(service: string, functionName: string, options?: InvokeOptions): Promise<InvokeResult>;
  /** Calls an HTTP trigger (see HttpOptions); throws UsageError, ApiError (FC refused) or NetworkError. */
  http(target: string, options?: HttpOptions): Promise<HttpResult>;
  /** Closes idle connections; the client cannot be used afterwards. */
  close(): Promise<void>;
}

function checkCount(name: string, value: number | undefined, rule: (n: number) => boolean, expected: string): void {
  if (value !== undefined && (typeof value !== 'number' || !rule(value))) {
    throw new UsageError(`invalid ${name} ${String(value)}: expected ${expected}`, { code: 'InvalidOption' });
  }
}

/** A client holding one connection pool; reuse it for many invocations and `close()` it at the end. */
export function createClient(options: ClientOptions): Client {
  if (!options || !options.accessKeyId || !options.accessKeySecret) {
    throw new ConfigError('no credentials: give accessKeyId and accessKeySecret (and securityToken for an STS key)', { code: 'MissingCredentials' });
  }
  checkCount('timeoutMs', options.timeoutMs, (n) => n > 0, 'a number of milliseconds above 0');
  checkCount('retries', options.retries, (n) => Number.isInteger(n) && n >= 0 && n <= 20, 'a whole number from 0 to 20');
  if (options.apiVersion !== undefined) findApi(options.apiVersion);
  const forced = options.apiVersion === undefined ? undefined : { version: options.apiVersion, source: 'apiVersion' };
  const baseUrl = buildBaseUrl({ endpoint: options.endpoint, accountId: options.accountId, region: options.region, internal: options.internal });
  const credentials = { accessKeyId: options.accessKeyId, accessKeySecret: options.accessKeySecret, securityToken: options.securityToken || undefined };
  for (const [name, value] of [['accessKeyId', credentials.accessKeyId], ['securityToken', credentials.securityToken]] as const) {
    const problem = value === undefined ? null : headerValueProblem(value);
    if (problem) throw new ConfigError(`${name} holds ${problem}, which cannot be sent in an HTTP header`, { code: 'InvalidCredentials' });
  }
  const secrets = new Secrets();
  secrets.add(credentials.accessKeySecret);
  secrets.add(credentials.securityToken);
  const client: Omit<InvocationClient, 'api'> = {
    connection: { baseUrl, credentials, accountId: options.accountId, userAgent: `fcinvoke/${VERSION} node/${process.versions.node} (api)`, signatures: new SignatureMemo() },
    dispatcher: createDispatcher({}, options.env ?? process.env),
    secrets,
  };
  let closed = false;

  async function invokeNames(names: string[], call: InvokeOptions = {}): Promise<InvokeResult> {
    if (closed) throw new UsageError('this client was closed: create another', { code: 'ClientClosed' });
    const choice = chooseApi(names, forced, 'invoke(service, functionName)');
    const { api } = choice;
    const target = api.resolveTarget(choice.service, choice.functionArg, call.qualifier);
    if (call.asyncId !== undefined) validateAsyncId(call.asyncId, `async ${api.nouns.short} ID`);
    const isAsync = Boolean(call.async || call.asyncId !== undefined);
    checkCount('maxEventSize', call.maxEventSize, (n) => Number.isInteger(n) && n > 0, 'a whole number of bytes above 0');
    checkCount('timeoutMs', call.timeoutMs, (n) => n > 0, 'a number of milliseconds above 0');
    const extraHeaders = parseHeaderArgsWith(api.headerRules, Object.entries(call.headers ?? {}).map(([name, value]) => `${name}: ${value}`));
    const prepared = prepareEvent(call.event, call.maxEventSize ?? api.limits[isAsync ? 'async' : 'sync']);
    const event = api.signsBody ? await hashedEvent(call.event, prepared) : prepared;
    const timeoutMs = call.timeoutMs ?? options.timeoutMs;
    const timeoutSignal = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
    const signals = [call.signal, timeoutSignal].filter((s): s is AbortSignal => s !== undefined);
    const spec: InvocationCall = {
      target,
      async: isAsync,
      asyncId: call.asyncId,
      logs: call.logs ?? true,
      extraHeaders,
      contentLength: event.size,
      bodySha256: event.sha256,
      openBody: event.open,
      policy: { ...DEFAULT_RETRY_POLICY, retries: event.reopenable ? (options.retries ?? DEFAULT_RETRY_POLICY.retries) : 0 },
      signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
      deadline: timeoutSignal ? { expired: () => timeoutSignal.aborted, label: `${timeoutMs} ms (timeoutMs)` } : undefined,
      retryHint: 'asyncId',
    };
    const interrupted = () => call.signal?.aborted === true;
    const outcome = await invokeFunction({ ...client, api }, spec).catch((error: unknown) => {
      throw interrupted() ? call.signal?.reason : error;
    });
    if (interrupted()) throw call.signal?.reason;
    if (outcome.kind !== 'answered') throw outcome.error;
    let body: Buffer;
    try {
      body = await readBody(outcome.body);
    } catch (error) {
      if (interrupted()) throw call.signal?.reason;
      throw settleFailure(error, spec, { requestId: outcome.meta.requestId, url: outcome.request.url, attempts: outcome.attempts }).error;
    }
    const { log, ...fields } = outcome.meta;
    return { status: outcome.status, ...fields, logs: log.text, body, attempts: outcome.attempts, apiVersion: api.version };
  }

  /** `invoke(functionName, options?)` or `invoke(service, functionName, options?)`. */
  function invoke(first: string, second?: string | InvokeOptions, third?: InvokeOptions): Promise<InvokeResult> {
    return typeof second === 'string' ? invokeNames([first, second], third) : invokeNames([first], second);
  }

  const triggerParts: LibraryTriggerParts = {
    dispatcher: client.dispatcher,
    credentials,
    accountId: options.accountId,
    baseUrl: () => baseUrl,
    secrets,
    retries: options.retries,
    timeoutMs: options.timeoutMs,
    userAgent: client.connection.userAgent,
  };

  async function http(target: string, call: HttpOptions = {}): Promise<HttpResult> {
    if (closed) throw new UsageError('this client was closed: create another', { code: 'ClientClosed' });
    return callTrigger(triggerParts, target, call);
  }

  return {
    invoke,
    http,
    async close() {
      if (closed) return;
      closed = true;
      await client.dispatcher.close().catch(() => {});
    },
  };
}

/** One invocation of the FC 3.0 function `functionName`, with a client of its own, closed afterwards. */
export async function invoke(functionName: string, options: ClientOptions & InvokeOptions): Promise<InvokeResult>;
/** One invocation of the FC 2.0 function `service` / `functionName`, with a client of its own, closed afterwards. */
export async function invoke(service: string, functionName: string, options: ClientOptions & InvokeOptions): Promise<InvokeResult>;
export async function invoke(first: string, second: string | (ClientOptions & InvokeOptions), third?: ClientOptions & InvokeOptions): Promise<InvokeResult> {
  const options = typeof second === 'string' ? third : second;
  if (!options || typeof options !== 'object') {
    throw new ConfigError('no options: give at least accessKeyId and accessKeySecret, and where to invoke', { code: 'MissingCredentials' });
  }
  const client = createClient(options);
  try {
    return typeof second === 'string' ? await client.invoke(first, second, options) : await client.invoke(first, options);
  } finally {
    await client.close();
  }
}

/** One HTTP-trigger call of the library: options checked, the body prepared, the answer read whole. */
function callTrigger(parts: LibraryTriggerParts, target: string, call: HttpOptions): Promise<HttpResult> {
  checkCount('maxBodySize', call.maxBodySize, (n) => Number.isInteger(n) && n > 0, 'a whole number of bytes above 0');
  checkCount('timeoutMs', call.timeoutMs, (n) => n > 0, 'a number of milliseconds above 0');
  return callTriggerForLibrary(parts, target, call, (limit) => prepareEvent(call.body, call.maxBodySize ?? limit));
}

/** Where and as whom for one `http()` call: the credentials only when it is signed, the endpoint only for the short form. */
export type HttpCallOptions = Omit<ClientOptions, 'accessKeyId' | 'accessKeySecret'> & {
  /** Required, with `accessKeySecret`, unless `auth` is `anonymous`. */
  accessKeyId?: string | undefined;
  accessKeySecret?: string | undefined;
} & HttpOptions;

/** One HTTP-trigger call with a connection pool of its own, closed afterwards. */
export async function http(target: string, options: HttpCallOptions = {}): Promise<HttpResult> {
  checkCount('retries', options.retries, (n) => Number.isInteger(n) && n >= 0 && n <= 20, 'a whole number from 0 to 20');
  if (Boolean(options.accessKeyId) !== Boolean(options.accessKeySecret)) {
    throw new ConfigError('only half of an AccessKey pair: give accessKeyId and accessKeySecret, or neither with auth: "anonymous"', { code: 'IncompleteCredentials' });
  }
  const { accessKeyId, accessKeySecret } = options;
  const credentials = accessKeyId && accessKeySecret ? { accessKeyId, accessKeySecret, securityToken: options.securityToken || undefined } : undefined;
  const secrets = new Secrets();
  secrets.add(credentials?.accessKeySecret);
  secrets.add(credentials?.securityToken);
  const dispatcher = createDispatcher({}, options.env ?? process.env);
  const parts: LibraryTriggerParts = {
    dispatcher,
    credentials,
    accountId: options.accountId,
    baseUrl: () => buildBaseUrl({ endpoint: options.endpoint, accountId: options.accountId, region: options.region, internal: options.internal }),
    secrets,
    retries: options.retries,
    timeoutMs: undefined,
    userAgent: `fcinvoke/${VERSION} node/${process.versions.node} (api)`,
  };
  try {
    return await callTrigger(parts, target, options);
  } finally {
    await dispatcher.close().catch(() => {});
  }
}

/** An event streamed from a regular file, checked now and re-opened for each attempt (hashed for FC 3.0 in a first pass; each attempt must read the same bytes). */
export async function fileEvent(path: string): Promise<StreamEvent> {
  const info = await stat(path).catch(() => undefined);
  if (info && !info.isFile() && !info.isDirectory()) {
    throw new UsageError(`event path ${path} is not a regular file: pass {size, stream} for pipes and devices`, { code: 'EventFileUnreadable' });
  }
  // Missing, unreadable and directory paths get fileEventSource's messages.
  const source = await fileEventSource(path, Number.MAX_SAFE_INTEGER);
  // A file whose size the file system cannot vouch for (procfs) was read whole: a Buffer.
  const open = (): Readable => {
    const body = source.open();
    return Buffer.isBuffer(body) ? Readable.from([body]) : body;
  };
  return { size: source.size, open, sha256: () => source.sha256() };
}
