// Finds the function an FC 3.0 request names: a function folder DIR/<function>/ of the user's,
// a built-in demo function, or an FC 2.0 function as `service$function`. Read on every request.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiErrorSpec } from './api-errors.js';
import { crc64 } from './checksum.js';
import { DEMO_FUNCTIONS, DEMO_SERVICE } from './demo-functions.js';
import { fc3Errors } from './fc3-errors.js';
import { parseFc3FunctionConfig, resolveFc3Qualifier } from './fc3-function-config.js';
import { isValidFc3Name, parseFc3Name } from './fc3-names.js';
import { classifyFolder, findModule, isDirectory, readJsonFile } from './function-files.js';
import { lookupFunction } from './functions-dir.js';
import { parseHandlerSetting } from './handler-result.js';
import type { HttpTriggerConfig } from './http-trigger-config.js';
import { resolveDemoFunction, type Lookup } from './resolved-function.js';

/** The function of an FC 3.0 request: its name as in the path, decoded, and `?qualifier=`. */
export interface Fc3Target {
  name: string;
  qualifier: string | undefined;
}

const DEMO_QUALIFIERS = { versions: [...DEMO_SERVICE.versions], aliases: { ...DEMO_SERVICE.aliases } };

/** An FC 2.0 lookup error in FC 3.0's words: no service, no function, or the qualifier. */
function translateFc2Error(name: string, qualifier: string | undefined, error: ApiErrorSpec): ApiErrorSpec {
  if (error.code === 'ServiceNotFound' || error.code === 'FunctionNotFound') return fc3Errors.functionNotFound(name);
  if (error.code === 'AliasNotFound') return fc3Errors.aliasNotFound(name, qualifier ?? '');
  if (error.code === 'VersionNotFound') return fc3Errors.versionNotFound(name, qualifier ?? '');
  return error;
}

async function findFunctionDir(functionsDir: string | undefined, name: string): Promise<string | undefined> {
  if (functionsDir === undefined) return undefined;
  const dir = join(functionsDir, name);
  return (await isDirectory(dir)) && (await classifyFolder(dir)) === 'fc3-function' ? dir : undefined;
}

async function lookupUserFc3Function(dir: string, target: Fc3Target): Promise<Lookup> {
  const { name, qualifier } = target;
  const parsed = await readJsonFile(join(dir, 'function.json'), (json) => parseFc3FunctionConfig(json));
  if (!parsed.ok) return { ok: false, error: fc3Errors.internal(`${name}/function.json ${parsed.problem}`) };
  const qualified = resolveFc3Qualifier(name, parsed.value.qualifiers, qualifier);
  if (!qualified.ok) return qualified;
  const { config } = parsed.value;
  const handler = parseHandlerSetting(config.handler) ?? { module: 'index', exportName: 'handler' };
  const path = await findModule(dir, handler.module);
  if (!path) {
    const error = fc3Errors.functionNotFound(name);
    error.message += ` (no ${handler.module}.js, .mjs or .cjs in its folder)`;
    return { ok: false, error };
  }
  const checksum = crc64(await readFile(path));
  return {
    ok: true,
    fn: {
      service: undefined,
      functionName: name,
      qualifier,
      version: qualified.version,
      source: { kind: 'file', path, exportName: handler.exportName, label: config.handler },
      codeDir: dir,
      config,
      checksum,
      builtIn: false,
    },
  };
}

function lookupDemoFc3Function(target: Fc3Target): Lookup {
  const qualified = resolveFc3Qualifier(target.name, DEMO_QUALIFIERS, target.qualifier);
  if (!qualified.ok) return qualified;
  const fn = resolveDemoFunction(target.name, undefined, target.qualifier, qualified.version);
  return fn ? { ok: true, fn } : { ok: false, error: fc3Errors.functionNotFound(target.name) };
}

/**
 * Resolves the name (400 InvalidArgument when FC 3.0 would refuse it), then the function and
 * the qualifier (404 FunctionNotFound, AliasNotFound, VersionNotFound). A user's function
 * folder replaces the built-in demo function of the same name.
 */
export async function lookupFc3Function(functionsDir: string | undefined, target: Fc3Target): Promise<Lookup> {
  const parsed = parseFc3Name(target.name);
  if (!parsed) return { ok: false, error: fc3Errors.invalidFunctionName(target.name) };
  if (parsed.kind === 'migrated') {
    const found = await lookupFunction(functionsDir, { service: parsed.service, functionName: parsed.functionName, qualifier: target.qualifier });
    return found.ok ? found : { ok: false, error: translateFc2Error(target.name, target.qualifier, found.error) };
  }
  const dir = await findFunctionDir(functionsDir, target.name);
  if (dir !== undefined) return lookupUserFc3Function(dir, target);
  return lookupDemoFc3Function(target);
}

/** An FC 3.0 function for the start-up banner. */
export interface Fc3FunctionListing {
  name: string;
  builtIn: boolean;
  timeoutSeconds?: number;
  /** What it does (demo) or the handler file (user functions). */
  note: string;
  versions: string[];
  aliases: Record<string, string>;
  /** Why it cannot be invoked, when it cannot. */
  problem?: string;
  httpTrigger?: HttpTriggerConfig;
}

async function listUserFc3Functions(functionsDir: string): Promise<Fc3FunctionListing[]> {
  const listings: Fc3FunctionListing[] = [];
  const entries = await readdir(functionsDir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!isValidFc3Name(entry.name)) continue;
    const dir = await findFunctionDir(functionsDir, entry.name);
    if (dir === undefined) continue;
    const parsed = await readJsonFile(join(dir, 'function.json'), (json) => parseFc3FunctionConfig(json));
    const found = await lookupUserFc3Function(dir, { name: entry.name, qualifier: undefined });
    const qualifiers = parsed.ok ? parsed.value.qualifiers : { versions: [], aliases: {} };
    const listing: Fc3FunctionListing = { name: entry.name, builtIn: false, note: '', ...qualifiers };
    if (found.ok) {
      listing.timeoutSeconds = found.fn.config.timeoutSeconds;
      if (found.fn.config.httpTrigger) listing.httpTrigger = found.fn.config.httpTrigger;
      listing.note = found.fn.source.kind === 'file' ? found.fn.source.path.slice(functionsDir.length + 1) : '';
    } else {
      listing.problem = found.error.message;
    }
    listings.push(listing);
  }
  return listings;
}

/** Every FC 3.0 function of its own the emulator serves right now (user's first), for the banner. */
export async function listFc3Functions(functionsDir: string | undefined): Promise<Fc3FunctionListing[]> {
  const user = functionsDir === undefined ? [] : await listUserFc3Functions(functionsDir);
  const demos = Object.entries(DEMO_FUNCTIONS)
    .filter(([name]) => !user.some((fn) => fn.name === name))
    .map(([name, demo]) => ({
      name,
      builtIn: true,
      timeoutSeconds: demo.timeoutSeconds,
      note: demo.description,
      ...DEMO_QUALIFIERS,
      ...(demo.httpTrigger === undefined ? {} : { httpTrigger: demo.httpTrigger }),
    }));
  return [...user, ...demos];
}
