// Async invocation (202 + run in the background) and the stateful async invocation APIs:
// Get, List, Stop (fc2-protocol §3, §7). Every function is treated as having stateful
// async invocation enabled; nothing is retried.
import { randomUUID } from 'node:crypto';
import { apiErrors } from './api-errors.js';
import { ASYNC_ID_PATTERN, isTerminal, parseListQuery, renderInvocation, type AsyncInvocation } from './async-store.js';
import { sanitizeForEcho } from './auth.js';
import { lookupFunction, type Fc2Function } from './functions-dir.js';
import { runInvocation } from './invocation.js';
import { collectPrefix } from './result-body.js';
import type { Route } from './routes.js';
import type { HttpRequestMeta } from './runner-protocol.js';
import { fail, type Exchange, type RequestDeps } from './exchange.js';

/** Bytes of a result kept as `returnPayload`; the rest is dropped. */
const RETURN_PAYLOAD_LIMIT = 128 * 1024;

function sendJson(exchange: Exchange, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  exchange.label = 'OK';
  exchange.res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  exchange.res.end(body);
}

async function runInBackground(deps: RequestDeps, invocation: AsyncInvocation, fn: Fc2Function, event: Buffer, http?: HttpRequestMeta): Promise<void> {
  const { store } = deps;
  if (isTerminal(invocation.status)) return;
  store.record(invocation, 'Dequeued', '');
  store.transition(invocation, 'Running', '');
  try {
    const result = await runInvocation(deps, { requestId: invocation.requestId, fn, event, signal: invocation.controller.signal, http });
    const bytes = await collectPrefix(result.body, RETURN_PAYLOAD_LIMIT);
    invocation.durationMs = result.durationMs;
    invocation.instanceId = result.instanceId;
    if (result.outcome === 'stopped') {
      store.transition(invocation, 'Stopped', '');
    } else if (result.errorType) {
      invocation.invocationErrorMessage = bytes.toString('utf8');
      store.transition(invocation, 'Failed', result.errorType);
    } else {
      invocation.returnPayload = bytes.toString('utf8');
      store.transition(invocation, 'Succeeded', '');
    }
  } catch (error) {
    invocation.invocationErrorMessage = (error as Error)?.message ?? String(error);
    store.transition(invocation, 'Failed', 'InternalServerError');
  }
  deps.log(
    `${deps.now().toISOString()} async ${fn.service}/${fn.functionName} ${invocation.invocationId} ${invocation.status} ${invocation.durationMs ?? 0}ms ${invocation.requestId}`,
  );
}

/**
 * `X-Fc-Invocation-Type: Async`: record, answer 202, run in the background. With `http`, an
 * HTTP-trigger request: the function's HTTP handler gets the request, `event` being its body.
 */
export function handleAsyncInvoke(deps: RequestDeps, exchange: Exchange, fn: Fc2Function, event: Buffer, http?: HttpRequestMeta): void {
  const given = exchange.headers['x-fc-stateful-async-invocation-id'];
  // Generated IDs are UUIDs, as FC's are: often digit-first, so outside the rule for chosen IDs.
  const invocationId = given === undefined || given === '' ? randomUUID() : given;
  if (invocationId === given && !ASYNC_ID_PATTERN.test(invocationId)) {
    return fail(
      exchange,
      apiErrors.invalidArgument(`invalid stateful async invocation ID '${sanitizeForEcho(invocationId)}': start with a letter or "_", then letters, digits, "_" or "-", at most 128 characters`),
    );
  }
  if (deps.store.has(invocationId)) return fail(exchange, apiErrors.invocationExists(invocationId));
  const invocation = deps.store.add({
    invocationId,
    requestId: exchange.requestId,
    serviceName: fn.service,
    functionName: fn.functionName,
    qualifier: fn.qualifier ?? 'LATEST',
    invocationPayload: event.toString('utf8'),
  });
  exchange.label = 'Accepted';
  exchange.res.writeHead(202, { 'X-Fc-Stateful-Async-Invocation-Id': invocationId, 'Content-Length': '0' });
  exchange.res.end();
  void runInBackground(deps, invocation, fn, event, http);
}

/** GET one, GET the list, PUT to stop. */
export async function handleAsyncRoute(deps: RequestDeps, exchange: Exchange, route: Exclude<Route, { kind: 'invoke' }>): Promise<void> {
  exchange.req.resume();
  const found = await lookupFunction(deps.functionsDir, route.target);
  if (!found.ok) return fail(exchange, found.error);
  const { service, functionName } = found.fn;
  if (route.kind === 'async-list') {
    const query = parseListQuery(new URL(exchange.req.url ?? '/', 'http://emulator').searchParams);
    if (typeof query === 'string') return fail(exchange, apiErrors.invalidArgument(query));
    const page = deps.store.list(service, functionName, query);
    return sendJson(exchange, 200, {
      invocations: page.invocations.map((i) => renderInvocation(i, query.includePayload)),
      ...(page.nextToken === undefined ? {} : { nextToken: page.nextToken }),
    });
  }
  const invocation = deps.store.get(route.invocationId);
  if (!invocation || invocation.serviceName !== service || invocation.functionName !== functionName) {
    return fail(exchange, apiErrors.invocationNotFound(sanitizeForEcho(route.invocationId)));
  }
  if (route.kind === 'async-get') return sendJson(exchange, 200, renderInvocation(invocation));
  if (isTerminal(invocation.status)) {
    return fail(exchange, apiErrors.invalidArgument(`invocation '${invocation.invocationId}' has already finished (${invocation.status})`));
  }
  deps.store.transition(invocation, 'Stopped', 'stopped by StopStatefulAsyncInvocation');
  invocation.controller.abort();
  exchange.label = 'OK';
  exchange.res.writeHead(200, { 'Content-Length': '0' });
  exchange.res.end();
}
