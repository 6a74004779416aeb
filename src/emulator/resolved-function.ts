// A function found for a request, ready to run: what lookups of both APIs produce, and the
// built-in demo handlers in that form.
import { tmpdir } from 'node:os';
import type { ApiErrorSpec } from './api-errors.js';
import { crc64 } from './checksum.js';
import { DEFAULT_MEMORY_MB } from './defaults.js';
import { DEMO_FUNCTIONS } from './demo-functions.js';
import type { FunctionConfig } from './function-config.js';
import type { HandlerSource } from './runner-protocol.js';

export interface ResolvedFunction {
  /** The FC 2.0 service; undefined for a function of FC 3.0, which has no services. */
  service: string | undefined;
  functionName: string;
  qualifier: string | undefined;
  /** `LATEST` or the version the qualifier selected (X-Fc-Invocation-Service-Version). */
  version: string;
  source: HandlerSource;
  codeDir: string;
  config: FunctionConfig;
  checksum: string;
  builtIn: boolean;
}

/** A function of an FC 2.0 service. */
export type Fc2Function = ResolvedFunction & { service: string };

export type Lookup<F extends ResolvedFunction = ResolvedFunction> = { ok: true; fn: F } | { ok: false; error: ApiErrorSpec };

/** True for the name of a built-in demo handler. */
export function isDemoName(name: string): boolean {
  return Object.hasOwn(DEMO_FUNCTIONS, name);
}

/**
 * A built-in demo handler as a resolved function: in the FC 2.0 `demo` service, or (service
 * undefined) as the FC 3.0 function of the same name. Both report the same code checksum, since
 * they run the same code. Undefined for an unknown name.
 */
export function resolveDemoFunction<S extends string | undefined>(
  name: string,
  service: S,
  qualifier: string | undefined,
  version: string,
): (ResolvedFunction & { service: S }) | undefined {
  const demo = isDemoName(name) ? DEMO_FUNCTIONS[name] : undefined;
  if (!demo) return undefined;
  const config: FunctionConfig = {
    timeoutSeconds: demo.timeoutSeconds,
    memoryMb: DEFAULT_MEMORY_MB,
    handler: 'index.handler',
    environmentVariables: {},
    ...(demo.httpTrigger === undefined ? {} : { httpTrigger: demo.httpTrigger }),
  };
  return {
    service,
    functionName: name,
    qualifier,
    version,
    source: { kind: 'demo', name, label: 'index.handler' },
    codeDir: tmpdir(),
    config,
    checksum: crc64(`fcinvoke emulator demo/${name}\n${demo.handler.toString()}`),
    builtIn: true,
  };
}
