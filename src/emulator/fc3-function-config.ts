// function.json of an FC 3.0 function folder, and its qualifiers; pure. FC 3.0 keeps versions
// and aliases per function, so they sit in function.json beside FC 2.0's function fields.
import { FC3_API_VERSION } from '../fc/v2023/headers.js';
import type { ApiErrorSpec } from './api-errors.js';
import { fc3Errors } from './fc3-errors.js';
import { parseFunctionConfig, parseServiceConfig, resolveQualifier, type FunctionConfig, type Parsed, type ServiceConfig } from './function-config.js';

/** An FC 3.0 function's settings: FC 2.0's function fields plus its own versions and aliases. */
export interface Fc3FunctionConfig {
  config: FunctionConfig;
  qualifiers: ServiceConfig;
}

/**
 * `{"apiVersion": "2023-03-30", "timeout", "memorySize", "handler", "environmentVariables",
 * "versions", "aliases"}`, all optional; other fields are ignored. An `apiVersion` other than
 * 2023-03-30 is refused: the file belongs to an FC 2.0 function, which lives one folder deeper.
 */
export function parseFc3FunctionConfig(json: unknown, defaultTimeout?: number): Parsed<Fc3FunctionConfig> {
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const apiVersion = (json as Record<string, unknown>)['apiVersion'];
    if (apiVersion !== undefined && apiVersion !== FC3_API_VERSION) {
      return {
        ok: false,
        problem: `"apiVersion" must be "${FC3_API_VERSION}" in a function folder directly under the functions folder (FC 2.0 functions go in <service>/<function>/)`,
      };
    }
  }
  const config = parseFunctionConfig(json, defaultTimeout);
  if (!config.ok) return config;
  const qualifiers = parseServiceConfig(json);
  if (!qualifiers.ok) return qualifiers;
  return { ok: true, value: { config: config.value, qualifiers: qualifiers.value } };
}

/**
 * The version a qualifier selects, as for FC 2.0 (resolveQualifier), with FC 3.0's wording:
 * 404 AliasNotFound or VersionNotFound of the function.
 */
export function resolveFc3Qualifier(
  functionName: string,
  qualifiers: ServiceConfig,
  qualifier: string | undefined,
): { ok: true; version: string } | { ok: false; error: ApiErrorSpec } {
  const resolved = resolveQualifier(functionName, qualifiers, qualifier);
  if (resolved.ok || qualifier === undefined) return resolved;
  const error = resolved.error.code === 'VersionNotFound' ? fc3Errors.versionNotFound(functionName, qualifier) : fc3Errors.aliasNotFound(functionName, qualifier);
  return { ok: false, error };
}
