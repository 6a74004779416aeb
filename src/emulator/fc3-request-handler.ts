// The FC 3.0 request pipeline: route, API headers, body within its limit, ACS3 authentication
// over the body received, function lookup, then the invocation or the async task API.
import { FC3_API_VERSION } from '../fc/v2023/headers.js';
import { parseQueryString } from '../fc/v2023/query.js';
import { sha256Hex } from '../fc/v2023/sign.js';
import { sanitizeForEcho } from './acs3-errors.js';
import { verifyAcs3Request } from './acs3-auth.js';
import type { ApiErrorSpec } from './api-errors.js';
import { fail, type Exchange, type RequestDeps } from './exchange.js';
import { FC3_MAX_API_BODY_BYTES, FC3_MAX_ASYNC_PAYLOAD_BYTES, FC3_MAX_SYNC_PAYLOAD_BYTES } from './fc3-defaults.js';
import { fc3Errors } from './fc3-errors.js';
import { lookupFc3Function } from './fc3-functions.js';
import { matchFc3Route, type Fc3Route } from './fc3-routes.js';
import { acceptAsyncTask, handleTaskRoute } from './fc3-tasks-api.js';
import { triggerErrors } from './trigger-errors.js';
import { readBodyWithin } from './http-io.js';
import { parseInvocationType } from './invocation-headers.js';
import { respondWithInvocation } from './sync-invoke.js';

/**
 * `x-acs-action` and `x-acs-version` are required V3 common headers (doc-v3sig): they must
 * name the API the path and method select, and API version 2023-03-30.
 */
export function checkApiHeaders(headers: Readonly<Record<string, string>>, route: Fc3Route): ApiErrorSpec | undefined {
  const action = headers['x-acs-action'];
  if (action === undefined || action === '') return fc3Errors.missingHeader('x-acs-action');
  if (action !== route.action) {
    return fc3Errors.invalidArgument(`x-acs-action '${sanitizeForEcho(action, 64)}' does not match the API of this path, ${route.action}`);
  }
  const version = headers['x-acs-version'];
  if (version === undefined || version === '') return fc3Errors.missingHeader('x-acs-version');
  if (version !== FC3_API_VERSION) {
    return fc3Errors.invalidArgument(`x-acs-version '${sanitizeForEcho(version, 64)}' is not ${FC3_API_VERSION}, the API version of this path`);
  }
  return undefined;
}

function queryOf(url: string): Record<string, string> {
  const q = url.indexOf('?');
  return q === -1 ? {} : parseQueryString(url.slice(q + 1));
}

/** Answers one request under /2023-03-30. */
export async function handleFc3Request(deps: RequestDeps, exchange: Exchange, method: string, path: string): Promise<void> {
  const matched = matchFc3Route(method, path);
  if (!matched.ok) return fail(exchange, matched.error);
  const { route } = matched;
  const { headers } = exchange;
  const headerError = checkApiHeaders(headers, route);
  if (headerError) return fail(exchange, headerError);

  const type = route.action === 'InvokeFunction' ? parseInvocationType(headers['x-fc-invocation-type']) : 'Sync';
  if (!type) return fail(exchange, fc3Errors.invalidArgument("x-fc-invocation-type must be 'Sync' or 'Async'"));
  const limit = route.action !== 'InvokeFunction' ? FC3_MAX_API_BODY_BYTES : type === 'Async' ? FC3_MAX_ASYNC_PAYLOAD_BYTES : FC3_MAX_SYNC_PAYLOAD_BYTES;
  // The signature covers the body's hash, so the body is read (within its limit) before anything runs.
  const body = await readBodyWithin(exchange.req, limit);
  if (body === 'too-large') return fail(exchange, fc3Errors.entityTooLarge(limit));

  const query = queryOf(exchange.req.url ?? '');
  const auth = verifyAcs3Request({
    method,
    pathname: path,
    query,
    headers,
    bodySha256: sha256Hex(body),
    keys: deps.keys,
    now: deps.now(),
    nonces: deps.nonces,
  });
  if (!auth.ok) return fail(exchange, auth.error);

  const qualifier = Object.hasOwn(query, 'qualifier') && query['qualifier'] !== '' ? query['qualifier'] : undefined;
  const found = await lookupFc3Function(deps.functionsDir, { name: route.functionName, qualifier });
  if (!found.ok) return fail(exchange, found.error);
  if (route.action !== 'InvokeFunction') return handleTaskRoute(deps, exchange, route, query);
  // An FC 2.0 function with an HTTP trigger has an HTTP handler, which InvokeFunction cannot call (http-triggers.md §1.10).
  if (found.fn.service !== undefined && found.fn.config.httpTrigger) return fail(exchange, triggerErrors.invokeWithTrigger());
  if (type === 'Async') return acceptAsyncTask(deps, exchange, route.functionName, found.fn, body);
  return respondWithInvocation(deps, exchange, found.fn, body);
}
