// The request pipeline: route, authenticate, size-check, look up, invoke, respond; plus
// one access-log line per request. Every response carries X-Fc-Request-Id and Date.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiErrors, type ApiErrorSpec } from './api-errors.js';
import { handleAsyncInvoke, handleAsyncRoute } from './async-api.js';
import { printable, verifyRequest } from './auth.js';
import { MAX_ASYNC_PAYLOAD_BYTES, MAX_SYNC_PAYLOAD_BYTES } from './defaults.js';
import { fail, type Exchange, type RequestDeps } from './exchange.js';
import { lookupFunction } from './functions-dir.js';
import { flattenHeaders, readRequestBody, writeResultBody } from './http-io.js';
import { buildInvocationHeaders, parseInvocationType, wantsLogTail } from './invocation-headers.js';
import { runInvocation } from './invocation.js';
import { matchRoute, pathOf, type RouteTarget } from './routes.js';

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
  deps.log(`${deps.now().toISOString()} ${req.method ?? '-'} ${printable(path, 200)} ${status} ${exchange.label} ${ms}ms ${exchange.requestId}`);
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
  const { req, res, headers, requestId } = exchange;
  const type = parseInvocationType(headers['x-fc-invocation-type']);
  if (!type) return fail(exchange, apiErrors.invalidArgument("X-Fc-Invocation-Type must be 'Sync' or 'Async'"));
  const size = checkDeclaredLength(headers, type === 'Async' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES);
  if (!size.ok) return fail(exchange, size.error);
  const found = await lookupFunction(deps.functionsDir, target);
  if (!found.ok) return fail(exchange, found.error);
  const event = await readRequestBody(req, size.length);
  if (type === 'Async') return handleAsyncInvoke(deps, exchange, found.fn, event);

  const result = await runInvocation(deps, { requestId, fn: found.fn, event });
  exchange.label = result.errorType ?? 'OK';
  res.writeHead(
    200,
    buildInvocationHeaders({
      errorType: result.errorType,
      durationMs: result.durationMs,
      maxMemoryMb: result.maxMemoryMb,
      instanceId: result.instanceId,
      codeChecksum: found.fn.checksum,
      serviceVersion: found.fn.version,
      bodyLength: result.body.length,
      tailLog: wantsLogTail(headers['x-fc-log-type']) ? result.log.bytes() : undefined,
    }),
  );
  await writeResultBody(res, result.body);
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
    const exchange: Exchange = { req, res, requestId: randomUUID(), headers: flattenHeaders(req.headers), label: '-' };
    const path = pathOf(req.url ?? '/');
    res.setHeader('X-Fc-Request-Id', exchange.requestId);
    res.setHeader('Date', deps.now().toUTCString());
    res.once('close', () => accessLog(deps, exchange, path, started));
    handle(deps, exchange, (req.method ?? 'GET').toUpperCase(), path).catch((error: unknown) => {
      if (res.headersSent || req.destroyed) {
        res.destroy();
        return;
      }
      fail(exchange, apiErrors.internal((error as Error)?.message ?? String(error)));
    });
  };
}
