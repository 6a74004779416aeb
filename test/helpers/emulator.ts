// Test helpers for the FC emulator: start one in-process on a free port (from the
// sources; the runner child is bundled on first use, see src/emulator/runner-path.ts),
// and send raw signed or unsigned HTTP requests to it.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { fileURLToPath } from 'node:url';
import { buildAuthorization } from '../../src/fc/v2016/sign.js';
import { EMULATOR_ACCOUNT_ID, EMULATOR_KEYS } from '../../src/emulator/defaults.js';
import { startEmulator, type EmulatorKey, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/server.js';

/** test/fixtures/functions: handler fixtures (see its README). */
export const FIXTURE_FUNCTIONS = fileURLToPath(new URL('../fixtures/functions', import.meta.url));

export const AK_KEY = EMULATOR_KEYS[0] as EmulatorKey;
export const STS_KEY = EMULATOR_KEYS[1] as EmulatorKey;

export interface TestEmulator extends RunningEmulator {
  /** Access-log lines written so far. */
  logs: string[];
}

/** Starts an emulator on 127.0.0.1, port 0, serving the fixtures unless told otherwise. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const logs: string[] = [];
  const emulator = await startEmulator({
    port: 0,
    functionsDir: FIXTURE_FUNCTIONS,
    ...options,
    log: (line) => {
      logs.push(line);
      options.log?.(line);
    },
  });
  return { ...emulator, logs };
}

/** Runs `body` against a fresh emulator and always closes it. */
export async function withEmulator<T>(body: (emulator: TestEmulator) => Promise<T>, options?: EmulatorOptions): Promise<T> {
  const emulator = await startTestEmulator(options);
  try {
    return await body(emulator);
  } finally {
    await emulator.close();
  }
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Send the body with Transfer-Encoding: chunked instead of Content-Length. */
  chunked?: boolean;
}

/** One HTTP request with exactly the given headers; resolves with the whole response. */
export function rawRequest(baseUrl: string, req: RawRequest): Promise<RawResponse> {
  const url = new URL(req.path, baseUrl);
  const body = req.body === undefined ? undefined : Buffer.from(req.body);
  const headers: Record<string, string> = { ...req.headers };
  if (body && !req.chunked) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: req.method ?? 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    if (body && req.chunked) {
      outgoing.write(body.subarray(0, Math.ceil(body.length / 2)));
      outgoing.end(body.subarray(Math.ceil(body.length / 2)));
    } else {
      outgoing.end(body);
    }
  });
}

export interface SignedRequest extends RawRequest {
  key?: EmulatorKey;
  /** Date header value; default now. */
  date?: string;
  accountId?: string | null;
  /** Header names (lower-case) to drop after signing, e.g. to test a missing header. */
  omit?: string[];
}

/** Headers as the official SDKs sign InvokeFunction (fc2-protocol §2), Authorization included. */
export function signHeaders(path: string, req: Omit<SignedRequest, 'path'> = {}): Record<string, string> {
  const key = req.key ?? AK_KEY;
  const headers: Record<string, string> = {
    date: req.date ?? new Date().toUTCString(),
    ...(req.body !== undefined ? { 'content-type': 'application/octet-stream' } : {}),
    ...(req.accountId === null ? {} : { 'x-fc-account-id': req.accountId ?? EMULATOR_ACCOUNT_ID }),
    ...(key.securityToken ? { 'x-fc-security-token': key.securityToken } : {}),
    ...Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  };
  headers['authorization'] = buildAuthorization({ method: req.method ?? 'POST', path, headers }, key.accessKeyId, key.accessKeySecret);
  for (const name of req.omit ?? []) delete headers[name];
  return headers;
}

/** A request signed like the official SDKs sign InvokeFunction. */
export function signedRequest(baseUrl: string, req: SignedRequest): Promise<RawResponse> {
  const path = new URL(req.path, baseUrl).pathname;
  return rawRequest(baseUrl, { ...req, headers: signHeaders(path, req) });
}

/** `/2016-08-15/services/{service}/functions/{fn}/invocations` */
export function invokePath(service: string, fn: string): string {
  return `/2016-08-15/services/${service}/functions/${fn}/invocations`;
}

/** Decodes X-Fc-Log-Result. */
export function decodeLog(headers: IncomingHttpHeaders): string {
  const value = headers['x-fc-log-result'];
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : '';
}

/** The environment that points the CLI at an emulator with its AccessKey pair. */
export function emulatorEnv(emulator: { url: string }, key: EmulatorKey = AK_KEY): Record<string, string> {
  const env: Record<string, string> = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
    ALIBABA_CLOUD_ACCOUNT_ID: EMULATOR_ACCOUNT_ID,
    FCINVOKE_ENDPOINT: emulator.url,
  };
  if (key.securityToken) env.ALIBABA_CLOUD_SECURITY_TOKEN = key.securityToken;
  return env;
}
