// Authentication of an HTTP-trigger request with `function` auth, as FC checks it: an FC 2.0
// function's with the FC 2.0 signature over the path and its sorted raw queries
// (http-triggers.md §1.3 on `/proxy/` paths, §1.4 on trigger domains), an FC 3.0 function's
// with the HTTP-trigger variant of ACS3 (§3). Pure: clock, keys and nonces are arguments.
import { parseQueryString } from '../fc/v2023/query.js';
import { verifyAcs3Request } from './acs3-auth.js';
import type { NonceCache } from './acs3-nonce-cache.js';
import type { ApiErrorSpec } from './api-errors.js';
import { verifyRequest, type EmulatorKey } from './auth.js';
import { buildTriggerResources, parseQueryEntries } from './trigger-query.js';

export interface TriggerAuthInput {
  /** `fc` for an FC 2.0 function, `acs3` for an FC 3.0 one. */
  scheme: 'fc' | 'acs3';
  method: string;
  /** The request path as received, percent-encoded, without the query. */
  path: string;
  /** The query string without its `?`. */
  search: string;
  /** Request headers, names lower-case. */
  headers: Readonly<Record<string, string>>;
  keys: readonly EmulatorKey[];
  accountId: string;
  now: Date;
  nonces: NonceCache;
}

function pathForms(path: string): string[] {
  try {
    const decoded = decodeURIComponent(path);
    return decoded === path ? [path] : [path, decoded];
  } catch {
    return [path];
  }
}

/**
 * The FC 2.0 checks of auth.ts (Date, Authorization, key, signature, STS token, account) over
 * the path as received and decoded, with either spelling of a key without a value; or the ACS3
 * trigger checks of acs3-auth.ts (no body hash, host unsigned, a nonce only when signed).
 */
export function verifyTriggerRequest(input: TriggerAuthInput): { ok: true } | { ok: false; error: ApiErrorSpec } {
  const { method, path, search, headers, keys, now } = input;
  const result =
    input.scheme === 'fc'
      ? verifyRequest({ method, paths: [], resources: buildTriggerResources(pathForms(path), parseQueryEntries(search)), headers, keys, accountId: input.accountId, now })
      : verifyAcs3Request({ method, pathname: path, query: parseQueryString(search), headers, bodySha256: '', keys, now, nonces: input.nonces, variant: 'trigger' });
  return result.ok ? { ok: true } : { ok: false, error: result.error };
}
