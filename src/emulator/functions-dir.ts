// Finds the FC 2.0 function a request names: DIR/<service>/<function>/index.{js,mjs,cjs} with
// optional service.json and function.json, or the built-in demo service. Read on every
// request, so edits take effect without a restart. FC 3.0 functions: fc3-functions.ts.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiErrors, type ApiErrorSpec } from './api-errors.js';
import { sanitizeForEcho } from './auth.js';
import { crc64 } from './checksum.js';
import { DEMO_FUNCTIONS, DEMO_SERVICE } from './demo-functions.js';
import { classifyFolder, findModule, isDirectory, readJsonFile } from './function-files.js';
import { isValidName, parseFunctionConfig, parseServiceConfig, resolveQualifier, type ServiceConfig } from './function-config.js';
import { parseHandlerSetting } from './handler-result.js';
import type { HttpTriggerConfig } from './http-trigger-config.js';
import { resolveDemoFunction, type Fc2Function, type Lookup } from './resolved-function.js';
import type { RouteTarget } from './routes.js';
import type { HandlerSource } from './runner-protocol.js';

export type { Fc2Function, Lookup, ResolvedFunction } from './resolved-function.js';

function configError(file: string, problem: string): ApiErrorSpec {
  return apiErrors.internal(`${file} ${problem}`);
}

async function lookupUserFunction(serviceDir: string, target: RouteTarget): Promise<Lookup<Fc2Function>> {
  const { service, functionName } = target;
  const serviceConfig = await readJsonFile<ServiceConfig>(join(serviceDir, 'service.json'), parseServiceConfig);
  if (!serviceConfig.ok) return { ok: false, error: configError(`${service}/service.json`, serviceConfig.problem) };
  const qualified = resolveQualifier(service, serviceConfig.value, target.qualifier);
  if (!qualified.ok) return qualified;
  const codeDir = join(serviceDir, functionName);
  if (!isValidName(functionName, 64) || !(await isDirectory(codeDir))) {
    return { ok: false, error: apiErrors.functionNotFound(service, sanitizeForEcho(functionName)) };
  }
  const config = await readJsonFile(join(codeDir, 'function.json'), (json) => parseFunctionConfig(json));
  if (!config.ok) return { ok: false, error: configError(`${service}/${functionName}/function.json`, config.problem) };
  const handler = parseHandlerSetting(config.value.handler) ?? { module: 'index', exportName: 'handler' };
  const path = await findModule(codeDir, handler.module);
  if (!path) {
    const error = apiErrors.functionNotFound(service, functionName);
    error.message += ` (no ${handler.module}.js, .mjs or .cjs in its directory)`;
    return { ok: false, error };
  }
  const checksum = crc64(await readFile(path));
  const source: HandlerSource = { kind: 'file', path, exportName: handler.exportName, label: config.value.handler };
  const fn = { service, functionName, qualifier: target.qualifier, version: qualified.version };
  return { ok: true, fn: { ...fn, source, codeDir, config: config.value, checksum, builtIn: false } };
}

function lookupDemoFunction(target: RouteTarget): Lookup<Fc2Function> {
  const serviceConfig = { versions: [...DEMO_SERVICE.versions], aliases: { ...DEMO_SERVICE.aliases } };
  const qualified = resolveQualifier(DEMO_SERVICE.name, serviceConfig, target.qualifier);
  if (!qualified.ok) return qualified;
  const fn = resolveDemoFunction(target.functionName, DEMO_SERVICE.name, target.qualifier, qualified.version);
  return fn ? { ok: true, fn } : { ok: false, error: apiErrors.functionNotFound(DEMO_SERVICE.name, sanitizeForEcho(target.functionName)) };
}

/** The folder of a user's FC 2.0 service, or undefined (no such folder, or an FC 3.0 function's). */
async function findServiceDir(functionsDir: string | undefined, service: string): Promise<string | undefined> {
  if (functionsDir === undefined) return undefined;
  const dir = join(functionsDir, service);
  return (await isDirectory(dir)) && (await classifyFolder(dir)) === 'fc2-service' ? dir : undefined;
}

/** Resolves service, qualifier and function in that order, or the 404 the service would send. */
export async function lookupFunction(functionsDir: string | undefined, target: RouteTarget): Promise<Lookup<Fc2Function>> {
  if (!isValidName(target.service, 128)) return { ok: false, error: apiErrors.serviceNotFound(sanitizeForEcho(target.service)) };
  const serviceDir = await findServiceDir(functionsDir, target.service);
  if (serviceDir !== undefined) return lookupUserFunction(serviceDir, target);
  if (target.service === DEMO_SERVICE.name) return lookupDemoFunction(target);
  return { ok: false, error: apiErrors.serviceNotFound(target.service) };
}

export interface FunctionListing {
  name: string;
  timeoutSeconds?: number;
  /** What it does (demo) or the handler file (user functions). */
  note: string;
  httpTrigger?: HttpTriggerConfig;
}

export interface ServiceListing {
  name: string;
  builtIn: boolean;
  versions: string[];
  aliases: Record<string, string>;
  functions: FunctionListing[];
  problems: string[];
}

function demoListing(): ServiceListing {
  return {
    name: DEMO_SERVICE.name,
    builtIn: true,
    versions: [...DEMO_SERVICE.versions],
    aliases: { ...DEMO_SERVICE.aliases },
    functions: Object.entries(DEMO_FUNCTIONS).map(([name, fn]) => ({
      name,
      timeoutSeconds: fn.timeoutSeconds,
      note: fn.description,
      ...(fn.httpTrigger === undefined ? {} : { httpTrigger: fn.httpTrigger }),
    })),
    problems: [],
  };
}

/** Every FC 2.0 service and function the emulator serves right now, for the start-up banner. */
export async function listServices(functionsDir: string | undefined): Promise<ServiceListing[]> {
  const services: ServiceListing[] = [];
  const entries = functionsDir ? await readdir(functionsDir, { withFileTypes: true }).catch(() => []) : [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!isValidName(entry.name, 128)) continue;
    const serviceDir = await findServiceDir(functionsDir, entry.name);
    if (serviceDir === undefined) continue;
    const config = await readJsonFile(join(serviceDir, 'service.json'), parseServiceConfig);
    const listing: ServiceListing = {
      name: entry.name,
      builtIn: false,
      versions: config.ok ? config.value.versions : [],
      aliases: config.ok ? config.value.aliases : {},
      functions: [],
      problems: config.ok ? [] : [`service.json ${config.problem}`],
    };
    const children = await readdir(serviceDir, { withFileTypes: true });
    for (const child of children.filter((c) => c.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      const found = await lookupUserFunction(serviceDir, { service: entry.name, functionName: child.name, qualifier: undefined });
      if (found.ok) {
        const file = found.fn.source.kind === 'file' ? found.fn.source.path.slice(serviceDir.length + 1) : '';
        const { timeoutSeconds, httpTrigger } = found.fn.config;
        listing.functions.push({ name: child.name, timeoutSeconds, note: file, ...(httpTrigger === undefined ? {} : { httpTrigger }) });
      } else if (isValidName(child.name, 64)) {
        listing.problems.push(`${child.name}: ${found.error.message}`);
      }
    }
    services.push(listing);
  }
  if (!services.some((s) => s.name === DEMO_SERVICE.name)) services.unshift(demoListing());
  return services;
}
