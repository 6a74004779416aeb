// A local FC endpoint on node:http, FC 2.0 (2016-08-15) and FC 3.0 (2023-03-30) on one port:
// authenticates like the service and runs Node.js handlers in child-process instances (see
// docs/emulator.md).
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { NonceCache } from './acs3-nonce-cache.js';
import { AsyncInvocationStore } from './async-store.js';
import type { EmulatorKey } from './auth.js';
import {
  EMULATOR_ACCOUNT_ID,
  EMULATOR_DEFAULT_PORT,
  EMULATOR_KEYS,
  EMULATOR_REGION,
  INSTANCE_IDLE_MS,
  MAX_INSTANCES_PER_FUNCTION,
} from './defaults.js';
import type { RequestDeps } from './exchange.js';
import { AsyncTaskStore } from './fc3-task-store.js';
import { InstancePool } from './pool.js';
import { createRequestHandler } from './request-handler.js';
import { resolveRunnerPath } from './runner-path.js';

export type { EmulatorKey } from './auth.js';

export interface EmulatorOptions {
  /** 0 = any free port; default 9000. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** User functions: DIR/<service>/<function>/ (FC 2.0) and DIR/<function>/ (FC 3.0); see docs/emulator.md. */
  functionsDir?: string;
  /** Default EMULATOR_ACCOUNT_ID. */
  accountId?: string;
  /** Accepted credentials; default EMULATOR_KEYS. */
  keys?: readonly EmulatorKey[];
  /** Clock for the 15-minute Date and x-acs-date windows, the Date header and task times. */
  now?: () => Date;
  /** Receives one access-log line per request (the CLI prints them on stderr). */
  log?: (line: string) => void;
  /**
   * Receives each record a function logs, as it logs it and when it logs it: FC's
   * `<ISO time> <request ID> [LEVEL] <text>\n`, unescaped (the CLI escapes it for the terminal).
   */
  functionLog?: (record: string) => void;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:9000`, no trailing slash. */
  url: string;
  port: number;
  /** Stops listening, drops open connections, kills every instance. Idempotent. */
  close(): Promise<void>;
}

/** Environment variables handed down to instances; nothing else (no credentials) leaks in. */
const INHERITED_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot'];

function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        reject(new UsageError(`port ${port} on ${host} is already in use: choose another with --port (0 picks a free one)`, { code: 'PortInUse', cause: error }));
      } else if (error.code === 'EACCES') {
        reject(new UsageError(`not allowed to listen on port ${port} on ${host}: choose a port above 1023 with --port`, { code: 'PortNotAllowed', cause: error }));
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolveListen();
    });
  });
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Starts the emulator; resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const functionsDir = options.functionsDir === undefined ? undefined : resolve(options.functionsDir);
  if (functionsDir !== undefined && !(await stat(functionsDir).then((s) => s.isDirectory(), () => false))) {
    throw new UsageError(
      `the functions directory ${functionsDir} does not exist or is not a directory: ` +
        'create it (one folder per service, DIR/<service>/<function>/index.js), or leave out --functions to serve the built-in demo functions only',
      { code: 'FunctionsDirNotFound' },
    );
  }
  const now = options.now ?? (() => new Date());
  const pool = new InstancePool({ maxPerFunction: MAX_INSTANCES_PER_FUNCTION, idleMs: INSTANCE_IDLE_MS });
  const deps: RequestDeps = {
    pool,
    runnerPath: await resolveRunnerPath(),
    accountId: options.accountId ?? EMULATOR_ACCOUNT_ID,
    region: EMULATOR_REGION,
    baseEnv: baseEnv(),
    keys: options.keys ?? EMULATOR_KEYS,
    functionsDir,
    now,
    log: options.log ?? (() => {}),
    functionLog: options.functionLog,
    store: new AsyncInvocationStore(now),
    tasks: new AsyncTaskStore(now),
    nonces: new NonceCache(),
  };
  const server = createServer(createRequestHandler(deps));
  await listen(server, options.port ?? EMULATOR_DEFAULT_PORT, host);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: urlOf(host, port),
    port,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeAllConnections();
        await Promise.all([closed, pool.close()]);
      })();
      return closing;
    },
  };
}
