// The request pipeline: HTTP-trigger requests go to trigger-handler.ts, FC 3.0 paths to
// fc3-request-handler.ts; FC 2.0 ones are routed, authenticated, size-checked, looked up,
// invoked, answered here. One access-log line per request; every response carries
// X-Fc-Request-Id (in the shape of its API) and Date.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiErrors, type ApiErrorSpec } from './api-errors.js';
import { handleAsyncInvoke, handleAsyncRoute } from './async-api.js';
import { sanitizeForEcho, verifyRequest } from './auth.js';
import { MAX_ASYNC_PAYLOAD_BYTES, MAX_SYNC_PAYLOAD_BYTES } from './defaults.js';
import { fail, type Exchange, type RequestDeps } from './exchange.js';
import { lookupFunction } from './functions-dir.js';
import { handleFc3Request } from './fc3-request-handler.js';
import { generateFc3RequestId } from './fc3-request-id.js';
import { isFc3Path } from './fc3-routes.js';
import { flattenHeaders, readRequestBody } from './http-io.js';
import { parseInvocationType } from './invocation-headers.js';
import { matchRoute, pathOf, type RouteTarget } from './routes.js';
import { respondWithInvocation } from './sync-invoke.js';
import { triggerErrors } from './trigger-errors.js';
import { handleTriggerRequest } from './trigger-handler.js';
import { apiOfTrigger, hostnameOf, matchTriggerRoute } from './trigger-routes.js';

function decodedPath(path: string): string | undefined {
  try {
    const decoded = decodeURIComponent(path);
    return decoded === path ? undefined : decoded;
  } catch {
    return undefined;
  }
}

function accessLog(deps: RequestDeps, exchange: Exchange, path: string, started: number): void {
  const { req, res } = exchange;
  const ms = Math.round(performance.now() - started);
  const status = res.writableFinished ? String(res.statusCode) : 'aborted';
  deps.log(`${deps.now().toISOString()} ${req.method ?? '-'} ${sanitizeForEcho(path, 200)} ${status} ${exchange.label} ${ms}ms ${exchange.requestId}`);
}

/**
 * Content-Length decides the size before any byte is read: chunked bodies are refused
 * (the service needs a length; fc2-protocol §2.4) and an oversized one is drained unread.
 */
export function checkDeclaredLength(headers: Record<string, string>, limit: number): { ok: true; length: number } | { ok: false; error: ApiErrorSpec } {
  const declared = headers['content-length'];
  if (declared === undefined) {
    if (headers['transfer-encoding'] !== undefined) return { ok: false, error: apiErrors.contentLengthRequired() };
    return { ok: true, length: 0 };
  }
  const length = Number(declared);
  if (!/^\d+$/.test(declared) || !Number.isSafeInteger(length)) return { ok: false, error: apiErrors.invalidArgument('Content-Length is not a number') };
  if (length > limit) return { ok: false, error: apiErrors.entityTooLarge(limit) };
  return { ok: true, length };
}

async function handleInvoke(deps: RequestDeps, exchange: Exchange, target: RouteTarget): Promise<void> {
  const { headers } = exchange;
  const type = parseInvocationType(headers['x-fc-invocation-type']);
  if (!type) return fail(exchange, apiErrors.invalidArgument("X-Fc-Invocation-Type must be 'Sync' or 'Async'"));
  const size = checkDeclaredLength(headers, type === 'Async' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES);
  if (!size.ok) return fail(exchange, size.error);
  const found = await lookupFunction(deps.functionsDir, target);
  if (!found.ok) return fail(exchange, found.error);
  if (found.fn.config.httpTrigger) return fail(exchange, triggerErrors.invokeWithTrigger());
  const event = await readRequestBody(exchange.req, size.length);
  if (type === 'Async') return handleAsyncInvoke(deps, exchange, found.fn, event);
  return respondWithInvocation(deps, exchange, found.fn, event);
}

async function handle(deps: RequestDeps, exchange: Exchange, method: string, path: string): Promise<void> {
  const route = matchRoute(method, path);
  if (!route.ok) return fail(exchange, route.error);
  const decoded = decodedPath(path);
  const auth = verifyRequest({
    method,
    paths: decoded === undefined ? [path] : [path, decoded],
    headers: exchange.headers,
    keys: deps.keys,
    accountId: deps.accountId,
    now: deps.now(),
  });
  if (!auth.ok) return fail(exchange, auth.error);
  if (route.route.kind === 'invoke') return handleInvoke(deps, exchange, route.route.target);
  return handleAsyncRoute(deps, exchange, route.route);
}

/** The node:http request listener. */
export function createRequestHandler(deps: RequestDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const path = pathOf(req.url ?? '/');
    const trigger = matchTriggerRoute(req.headers.host, path);
    const api = trigger ? apiOfTrigger(trigger) : isFc3Path(path) ? '2023-03-30' : '2016-08-15';
    const exchange: Exchange = {
      req,
      res,
      api,
      requestId: api === '2023-03-30' ? generateFc3RequestId(deps.now()) : randomUUID(),
      headers: flattenHeaders(req.headers),
      label: '-',
      trigger: trigger !== undefined,
    };
    res.setHeader('X-Fc-Request-Id', exchange.requestId);
    res.setHeader('Date', deps.now().toUTCString());
    // A trigger domain sent as the Host header belongs in the log line: the path alone would not tell the function.
    const logged = trigger?.kind === 'domain' && trigger.via === 'host' ? `${hostnameOf(req.headers.host ?? '')}${path}` : path;
    res.once('close', () => accessLog(deps, exchange, logged, started));
    const method = (req.method ?? 'GET').toUpperCase();
    const answered = trigger
      ? handleTriggerRequest(deps, exchange, method, trigger)
      : (api === '2023-03-30' ? handleFc3Request : handle)(deps, exchange, method, path);
    answered.catch((error: unknown) => {
      if (res.headersSent || req.destroyed) {
        res.destroy();
        return;
      }
      fail(exchange, apiErrors.internal((error as Error)?.message ?? String(error)));
    });
  };
}
