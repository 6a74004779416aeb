// service.json and function.json of a functions dir, and qualifier resolution; pure.
import { apiErrors, type ApiErrorSpec } from './api-errors.js';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from './defaults.js';
import { parseHandlerSetting } from './handler-result.js';
import { parseHttpTriggerConfig, type HttpTriggerConfig } from './http-trigger-config.js';

/** `service.json`: published versions and aliases (alias → version). */
export interface ServiceConfig {
  versions: string[];
  aliases: Record<string, string>;
}

/** `function.json`, with FC's field names (CreateFunction): all optional. */
export interface FunctionConfig {
  timeoutSeconds: number;
  memoryMb: number;
  /** `<module>.<export>`, default `index.handler`. */
  handler: string;
  environmentVariables: Record<string, string>;
  /** The function's HTTP trigger (`"httpTrigger"`), when it has one. */
  httpTrigger?: HttpTriggerConfig;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

/** FC's service and function name rule (same as src/fc/names.ts), used before touching the disk. */
export function isValidName(name: string, max: number): boolean {
  return name.length >= 1 && name.length <= max && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name);
}

export function parseServiceConfig(json: unknown): Parsed<ServiceConfig> {
  if (json === undefined) return { ok: true, value: { versions: [], aliases: {} } };
  if (!isObject(json)) return { ok: false, problem: 'must be a JSON object' };
  const versions = json['versions'] ?? [];
  const aliases = json['aliases'] ?? {};
  if (!Array.isArray(versions) || !versions.every((v) => isScalar(v) && /^\d+$/.test(String(v)))) {
    return { ok: false, problem: '"versions" must be a list of version numbers such as ["1", "2"]' };
  }
  if (!isObject(aliases) || !Object.values(aliases).every(isScalar)) {
    return { ok: false, problem: '"aliases" must map alias names to versions, e.g. {"prod": "1"}' };
  }
  return {
    ok: true,
    value: {
      versions: versions.map(String),
      aliases: Object.fromEntries(Object.entries(aliases).map(([k, v]) => [k, String(v)])),
    },
  };
}

export function parseFunctionConfig(json: unknown, defaultTimeout = DEFAULT_TIMEOUT_SECONDS): Parsed<FunctionConfig> {
  const value: FunctionConfig = {
    timeoutSeconds: defaultTimeout,
    memoryMb: DEFAULT_MEMORY_MB,
    handler: 'index.handler',
    environmentVariables: {},
  };
  if (json === undefined) return { ok: true, value };
  if (!isObject(json)) return { ok: false, problem: 'must be a JSON object' };
  const { timeout, memorySize, handler, environmentVariables, httpTrigger } = json;
  if (timeout !== undefined) {
    if (typeof timeout !== 'number' || !(timeout > 0) || timeout > 86_400) {
      return { ok: false, problem: '"timeout" must be a number of seconds between 1 and 86400' };
    }
    value.timeoutSeconds = timeout;
  }
  if (memorySize !== undefined) {
    if (typeof memorySize !== 'number' || !(memorySize > 0)) return { ok: false, problem: '"memorySize" must be a number of MB' };
    value.memoryMb = memorySize;
  }
  if (handler !== undefined) {
    if (typeof handler !== 'string' || !parseHandlerSetting(handler)) {
      return { ok: false, problem: '"handler" must look like "index.handler" (<file without extension>.<export>)' };
    }
    value.handler = handler;
  }
  if (environmentVariables !== undefined) {
    if (!isObject(environmentVariables) || !Object.values(environmentVariables).every(isScalar)) {
      return { ok: false, problem: '"environmentVariables" must map names to strings' };
    }
    value.environmentVariables = Object.fromEntries(Object.entries(environmentVariables).map(([k, v]) => [k, String(v)]));
  }
  const trigger = parseHttpTriggerConfig(httpTrigger);
  if (!trigger.ok) return trigger;
  if (trigger.value) value.httpTrigger = trigger.value;
  return { ok: true, value };
}

/**
 * The version a qualifier selects: none or `LATEST` → `LATEST`; digits → a published
 * version (else 404 VersionNotFound); anything else → an alias (else 404 AliasNotFound).
 */
export function resolveQualifier(
  service: string,
  config: ServiceConfig,
  qualifier: string | undefined,
): { ok: true; version: string } | { ok: false; error: ApiErrorSpec } {
  if (qualifier === undefined || qualifier === 'LATEST') return { ok: true, version: 'LATEST' };
  if (/^\d+$/.test(qualifier)) {
    return config.versions.includes(qualifier)
      ? { ok: true, version: qualifier }
      : { ok: false, error: apiErrors.versionNotFound(service, qualifier) };
  }
  const version = Object.hasOwn(config.aliases, qualifier) ? config.aliases[qualifier] : undefined;
  return version === undefined ? { ok: false, error: apiErrors.aliasNotFound(service, qualifier) } : { ok: true, version };
}
