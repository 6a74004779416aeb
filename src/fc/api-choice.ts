// Which API an invocation speaks (cli-contract "Which API"): the version a setting forces,
// else the names given: a service and a function are FC 2.0, a function alone is FC 3.0.
import { UsageError } from '../errors.js';
import { findApi } from './api-version.js';
import type { FcApi } from './fc-api.js';

/** The API of `<service> <function>` when nothing forces one: FC 2.0. */
export const SERVICE_API_VERSION = '2016-08-15';
/** The API of a lone `<function>` when nothing forces one: FC 3.0, which has no services. */
export const FUNCTION_API_VERSION = '2023-03-30';

/** A version a setting forces, and where it was said (`--api-version`, `FCINVOKE_API_VERSION`, a file, `apiVersion`). */
export interface ForcedApi {
  version: string;
  source: string;
}

/** The API chosen, and the names as that API reads them. */
export interface ApiChoice {
  api: FcApi;
  /** The service argument; forced to FC 3.0, the first half of the migrated `service$function`. */
  service: string | undefined;
  /** The function argument as typed (`fn`, `fn:prod`, `svc$fn`). */
  functionArg: string;
}

/**
 * The API for one or two names (`[function]` or `[service, function]`). Forced to an API
 * with services, a lone function is a UsageError saying it needs its service; `form` is how
 * the caller gives both names (`<service> <function>`, `invoke(service, functionName)`).
 */
export function chooseApi(names: readonly string[], forced?: ForcedApi, form = '<service> <function>'): ApiChoice {
  const [first, second] = names;
  if (first === undefined || names.length > 2) throw new RangeError(`chooseApi takes one or two names, not ${names.length}`);
  if (second !== undefined) return { api: findApi(forced?.version ?? SERVICE_API_VERSION), service: first, functionArg: second };
  const api = findApi(forced?.version ?? FUNCTION_API_VERSION);
  if (api.targetRules.service === 'required') {
    throw new UsageError(
      `an ${api.name} function needs its service: ${forced?.source ?? 'the API version'} says ${api.version}, so give ${form}; ` +
        `without it, ${JSON.stringify(first)} alone names an FC 3.0 function`,
      { code: 'MissingService' },
    );
  }
  return { api, service: undefined, functionArg: first };
}
