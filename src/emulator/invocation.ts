// One invocation end to end on an instance: context, FC log framing, and FC's error bodies
// for timeouts and crashes.
import { bufferBody, type ResultBody } from './result-body.js';
import { formatLogRecord, invokeEndLine, invokeStartLine, LogTail } from './fc-log.js';
import type { ResolvedFunction } from './resolved-function.js';
import type { InstanceOutcome } from './instance.js';
import type { InstancePool } from './pool.js';
import type { HttpAnswerHead, HttpRequestMeta, InvocationContext } from './runner-protocol.js';

export type FunctionErrorType = 'HandledInvocationError' | 'UnhandledInvocationError';

export interface InvocationDeps {
  pool: InstancePool;
  runnerPath: string;
  accountId: string;
  region: string;
  /** Variables every instance gets before FC's own and the function's (PATH, HOME, ...). */
  baseEnv: Record<string, string>;
  /** Sees each record a function logs, as it logs it (EmulatorOptions.functionLog). */
  functionLog?: ((record: string) => void) | undefined;
}

export interface InvocationRequest {
  requestId: string;
  fn: ResolvedFunction;
  event: Buffer;
  signal?: AbortSignal | undefined;
  /** Runs the function's HTTP handler with this request, `event` being its body (FC 2.0 HTTP triggers). */
  http?: HttpRequestMeta | undefined;
}

export interface InvocationResult {
  outcome: InstanceOutcome;
  errorType: FunctionErrorType | null;
  durationMs: number;
  maxMemoryMb: string;
  instanceId: string;
  body: ResultBody;
  /** The FC log of this invocation (its tail; see LogTail). */
  log: LogTail;
  /** An HTTP handler's status and headers, when it answered. */
  http?: HttpAnswerHead | undefined;
}

/** MB with at most two decimals, as FC writes X-Fc-Max-Memory-Usage (e.g. `9.2`). */
export function formatMemoryMb(kilobytes: number): string {
  return String(Math.round((kilobytes / 1024) * 100) / 100);
}

export function errorTypeOf(outcome: InstanceOutcome): FunctionErrorType | null {
  if (outcome === 'success') return null;
  return outcome === 'handled' ? 'HandledInvocationError' : 'UnhandledInvocationError';
}

/** The message FC returns when it could not get an error out of the function. */
export function systemErrorMessage(outcome: 'timeout' | 'exited' | 'stopped', timeoutSeconds: number, durationMs: number, memoryMb: string): string {
  if (outcome === 'timeout') return `Function timed out after ${timeoutSeconds} seconds`;
  if (outcome === 'stopped') return 'the invocation was stopped';
  return `Process exited unexpectedly before completing request (duration: ${durationMs}ms, maxMemoryUsage: ${memoryMb}MB)`;
}

function buildContext(deps: InvocationDeps, request: InvocationRequest): InvocationContext {
  const { fn } = request;
  return {
    requestId: request.requestId,
    // FC passes the service role's STS credentials; the emulator has none to give.
    credentials: { accessKeyId: '', accessKeySecret: '', securityToken: '' },
    function: { name: fn.functionName, handler: fn.config.handler, memory: fn.config.memoryMb, timeout: fn.config.timeoutSeconds, initializer: '' },
    // FC 3.0 functions have no service: their context keeps the rest of it (FC 3.0 Node.js "Context").
    service: {
      ...(fn.service === undefined ? {} : { name: fn.service }),
      logProject: '',
      logStore: '',
      qualifier: fn.qualifier ?? 'LATEST',
      versionId: fn.version === 'LATEST' ? '' : fn.version,
    },
    region: deps.region,
    accountId: deps.accountId,
    retryCount: 0,
  };
}

function instanceEnv(deps: InvocationDeps, fn: ResolvedFunction): Record<string, string> {
  return {
    ...deps.baseEnv,
    FC_FUNCTION_NAME: fn.functionName,
    ...(fn.service === undefined ? {} : { FC_SERVICE_NAME: fn.service }),
    FC_QUALIFIER: fn.qualifier ?? 'LATEST',
    FC_FUNC_CODE_PATH: fn.codeDir,
    FC_FUNCTION_HANDLER: fn.config.handler,
    FC_FUNCTION_MEMORY_SIZE: String(fn.config.memoryMb),
    FC_ACCOUNT_ID: deps.accountId,
    FC_REGION: deps.region,
    FC_RUNTIME: 'nodejs20',
    ...fn.config.environmentVariables,
  };
}

/** Acquires an instance, runs the handler, and gives the instance back once the body is through. */
export async function runInvocation(deps: InvocationDeps, request: InvocationRequest): Promise<InvocationResult> {
  const { fn, requestId } = request;
  const log = new LogTail(undefined, deps.functionLog);
  log.appendFrame(invokeStartLine(requestId));
  const env = instanceEnv(deps, fn);
  // FC 3.0 names never contain '/', so they cannot meet an FC 2.0 `service/function` key.
  const key = fn.service === undefined ? fn.functionName : `${fn.service}/${fn.functionName}`;
  const generation = JSON.stringify([fn.checksum, fn.source, fn.config, fn.codeDir]);
  const instance = await deps.pool.acquire({ key, generation, runnerPath: deps.runnerPath, source: fn.source, cwd: fn.codeDir, env });
  let result;
  try {
    result = await instance.invoke({
      requestId,
      event: request.event,
      context: buildContext(deps, request),
      timeoutSeconds: fn.config.timeoutSeconds,
      log,
      signal: request.signal,
      http: request.http,
    });
  } catch (error) {
    deps.pool.release(key, instance);
    throw error;
  }
  void result.body.done.then(() => deps.pool.release(key, instance));
  const maxMemoryMb = formatMemoryMb(result.maxRssKb);
  let body = result.body;
  if (result.outcome === 'timeout' || result.outcome === 'exited' || result.outcome === 'stopped') {
    const message = systemErrorMessage(result.outcome, fn.config.timeoutSeconds, result.durationMs, maxMemoryMb);
    log.append(formatLogRecord(new Date(), requestId, 'ERROR', message));
    body = bufferBody(Buffer.from(JSON.stringify({ errorMessage: message }), 'utf8'));
  }
  log.appendFrame(invokeEndLine(requestId));
  return {
    outcome: result.outcome,
    errorType: errorTypeOf(result.outcome),
    durationMs: result.durationMs,
    maxMemoryMb,
    instanceId: result.instanceId,
    body,
    log,
    http: result.http,
  };
}
