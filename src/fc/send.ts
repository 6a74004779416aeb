// The network step: one signed request over undici, with deliberate timeouts.
import type { Readable } from 'node:stream';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { FcInvokeError } from '../errors.js';
import type { SignedRequest } from './request.js';
import { toNetworkError } from './transport-error.js';

export interface TransportOptions {
  /** Connect timeout in ms (default 10 s). */
  connectTimeoutMs?: number;
  /**
   * Headers timeout in ms. 0 = none: a synchronous function may run for hours and the
   * service answers only when it ends, so undici's 300 s default would cut it off.
   */
  headersTimeoutMs?: number;
  /** Longest silence between body chunks, in ms (default 5 min; 0 = none). */
  bodyTimeoutMs?: number;
  /** Trusted CA certificates (PEM) replacing the default list; see io/ca-file.ts. */
  ca?: string[];
  /** Connections per origin at most (default: no limit); a batch sets its concurrency. */
  connections?: number;
}

/** A dispatcher honouring HTTP(S)_PROXY / NO_PROXY, with fcinvoke's timeouts. */
export function createDispatcher(
  options: TransportOptions = {},
  env: Readonly<Record<string, string | undefined>> = {},
): Dispatcher {
  const tls = options.ca ? { ca: options.ca } : {};
  const agentOptions = {
    connect: { timeout: options.connectTimeoutMs ?? 10_000, ...tls },
    headersTimeout: options.headersTimeoutMs ?? 0,
    bodyTimeout: options.bodyTimeoutMs ?? 300_000,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  };
  const proxied = env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy;
  // Through a proxy, the target's TLS is set up by requestTls, not by connect.
  return proxied ? new EnvHttpProxyAgent({ ...agentOptions, requestTls: tls }) : new Agent(agentOptions);
}

export interface SentResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

let lastUrl = '';
let lastTarget = { origin: '', path: '' };

/** The origin and path (with query) of a URL; a batch sends one URL thousands of times, so the last is kept. */
function requestTarget(url: string): { origin: string; path: string } {
  if (url !== lastUrl) {
    const parsed = new URL(url);
    lastTarget = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    lastUrl = url;
  }
  return lastTarget;
}

/** Sends the request; transport failures become NetworkError (with the low-level cause). */
export async function sendRequest(
  spec: SignedRequest,
  body: Readable | Buffer | null,
  options: { dispatcher: Dispatcher; signal?: AbortSignal | undefined },
): Promise<SentResponse> {
  try {
    const { origin, path } = requestTarget(spec.url);
    const response = await options.dispatcher.request({
      origin,
      path,
      method: spec.method,
      headers: spec.headers,
      body: body ?? undefined,
      signal: options.signal,
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    // The event's own failure (e.g. the file changed while it was sent) keeps its meaning.
    if (error instanceof FcInvokeError) throw error;
    throw toNetworkError(error, spec.url);
  }
}
