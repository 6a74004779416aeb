// The HTTP-trigger request pipeline: target size, the function and its trigger, the method,
// the signature (`function` auth), invocation type, body within its limit, then the invocation:
// an FC 2.0 function's HTTP handler, or an FC 3.0 function with the HTTP event. Refusals carry
// `X-Fc-Error-Type: FcCommonError` (the exchange is marked as a trigger's).
import { apiErrors } from './api-errors.js';
import { handleAsyncInvoke } from './async-api.js';
import { MAX_ASYNC_PAYLOAD_BYTES, MAX_SYNC_PAYLOAD_BYTES } from './defaults.js';
import { fail, type Exchange, type RequestDeps } from './exchange.js';
import { buildFc3HttpEvent } from './fc3-http-event.js';
import { lookupFc3Function } from './fc3-functions.js';
import { acceptAsyncTask } from './fc3-tasks-api.js';
import { lookupFunction } from './functions-dir.js';
import { readBodyWithin } from './http-io.js';
import { parseInvocationType } from './invocation-headers.js';
import type { Fc2Function, Lookup, ResolvedFunction } from './resolved-function.js';
import { triggerErrors } from './trigger-errors.js';
import { verifyTriggerRequest } from './trigger-auth.js';
import { respondWithHttpEvent, respondWithHttpHandler } from './trigger-invoke.js';
import { buildHandlerRequest } from './trigger-request.js';
import type { TriggerRoute } from './trigger-routes.js';

/** Path and query of a trigger request at most (http-triggers.md §1.8): 4 KB. */
export const MAX_TRIGGER_TARGET_BYTES = 4096;

function isFc2Function(fn: ResolvedFunction): fn is Fc2Function {
  return fn.service !== undefined;
}

/** `service/function` or the FC 3.0 name, for messages. */
function nameOf(fn: ResolvedFunction): string {
  return fn.service === undefined ? fn.functionName : `${fn.service}/${fn.functionName}`;
}

async function lookupTriggerFunction(deps: RequestDeps, route: TriggerRoute): Promise<Lookup> {
  if (route.kind === 'proxy') return lookupFunction(deps.functionsDir, route);
  if (route.region !== undefined && route.region !== deps.region && route.region !== `${deps.region}-vpc`) {
    return { ok: false, error: triggerErrors.otherRegion(route.region, `${deps.region} (and ${deps.region}-vpc)`) };
  }
  return lookupFc3Function(deps.functionsDir, { name: route.prefix, qualifier: undefined });
}

function splitTarget(target: string): { path: string; search: string } {
  const q = target.indexOf('?');
  return q === -1 ? { path: target, search: '' } : { path: target.slice(0, q), search: target.slice(q + 1) };
}

/** Answers one request to an HTTP trigger. */
export async function handleTriggerRequest(deps: RequestDeps, exchange: Exchange, method: string, route: TriggerRoute): Promise<void> {
  const { req, headers } = exchange;
  const target = req.url ?? '/';
  if (Buffer.byteLength(target) > MAX_TRIGGER_TARGET_BYTES) return fail(exchange, triggerErrors.targetTooLong(MAX_TRIGGER_TARGET_BYTES));
  const found = await lookupTriggerFunction(deps, route);
  if (!found.ok) return fail(exchange, found.error);
  const { fn } = found;
  const trigger = fn.config.httpTrigger;
  if (!trigger) return fail(exchange, triggerErrors.noTrigger(nameOf(fn)));
  if (!(trigger.methods as readonly string[]).includes(method)) return fail(exchange, triggerErrors.methodNotAllowed(method, nameOf(fn), trigger.methods));

  const { path, search } = splitTarget(target);
  if (trigger.authType === 'function') {
    const auth = verifyTriggerRequest({
      scheme: isFc2Function(fn) ? 'fc' : 'acs3',
      method,
      path,
      search,
      headers,
      keys: deps.keys,
      accountId: deps.accountId,
      now: deps.now(),
      nonces: deps.nonces,
    });
    if (!auth.ok) return fail(exchange, auth.error);
  }
  const type = parseInvocationType(headers['x-fc-invocation-type']);
  if (!type) return fail(exchange, apiErrors.invalidArgument("X-Fc-Invocation-Type must be 'Sync' or 'Async'"));
  const limit = type === 'Async' ? MAX_ASYNC_PAYLOAD_BYTES : MAX_SYNC_PAYLOAD_BYTES;
  const body = await readBodyWithin(req, limit);
  if (body === 'too-large') return fail(exchange, triggerErrors.payloadTooLarge(limit));

  if (isFc2Function(fn)) {
    const http = buildHandlerRequest({ method, route, target, headers, remoteAddress: req.socket.remoteAddress });
    if (type === 'Async') return handleAsyncInvoke(deps, exchange, fn, body, http);
    return respondWithHttpHandler(deps, exchange, fn, body, http);
  }
  const prefix = route.kind === 'domain' ? route.prefix : fn.functionName;
  const region = route.kind === 'domain' && route.region !== undefined ? route.region : deps.region;
  const event = buildFc3HttpEvent({
    method,
    rawPath: route.rawPath,
    search,
    rawHeaders: req.rawHeaders,
    body,
    accountId: deps.accountId,
    domainName: `${prefix}.${region}.fcapp.run`,
    domainPrefix: prefix,
    sourceIp: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
    protocol: `HTTP/${req.httpVersion}`,
    requestId: exchange.requestId,
    now: deps.now(),
  });
  const eventBytes = Buffer.from(JSON.stringify(event), 'utf8');
  if (type === 'Async') return acceptAsyncTask(deps, exchange, fn.functionName, fn, eventBytes);
  return respondWithHttpEvent(deps, exchange, fn, eventBytes);
}
