// The network step: one signed request over undici, with deliberate timeouts.
import { EventEmitter } from 'node:events';
import type { Readable } from 'node:stream';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { FcInvokeError, NetworkError } from '../errors.js';
import type { SignedRequest } from './fc-api.js';
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

/**
 * The failure of the body stream itself (an event file that changed while it was read),
 * however undici wraps it: fcinvoke's own error, which must reach the user unchanged.
 */
function ownFailure(error: unknown): FcInvokeError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    if (current instanceof FcInvokeError && !(current instanceof NetworkError)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const lastTarget = { url: '', origin: '', path: '' };

/** The origin and path (with query) of a URL; a batch sends one URL thousands of times, so the last is kept (a URL holds no secret). */
function requestTarget(url: string): { origin: string; path: string } {
  if (url !== lastTarget.url) {
    const parsed = new URL(url);
    lastTarget.origin = parsed.origin;
    lastTarget.path = `${parsed.pathname}${parsed.search}`;
    lastTarget.url = url;
  }
  return lastTarget;
}

/**
 * A signal as undici sees it: an EventEmitter that relays the signal's abort. A batch hands
 * one long-lived signal (its kill) to thousands of requests a second, and an AbortSignal keeps
 * its listeners in a linked list whose removed nodes still point at their neighbours: once V8
 * has moved one node to the old generation, it keeps each newer request it reaches alive
 * through every minor GC until the next full one (a third of a batch's CPU went to the
 * garbage collector). An emitter keeps its listeners in an array that forgets them.
 */
class SignalRelay extends EventEmitter {
  constructor(private readonly source: AbortSignal) {
    super();
    // One listener per request in flight: as many as the concurrency, never a leak.
    this.setMaxListeners(0);
    source.addEventListener('abort', () => this.emit('abort'), { once: true });
  }

  get aborted(): boolean {
    return this.source.aborted;
  }

  get reason(): unknown {
    return this.source.reason;
  }
}

const relays = new WeakMap<AbortSignal, SignalRelay>();

function relayOf(signal: AbortSignal): SignalRelay {
  let relay = relays.get(signal);
  if (!relay) {
    relay = new SignalRelay(signal);
    relays.set(signal, relay);
  }
  return relay;
}

/**
 * Sends the request; transport failures become NetworkError (with the low-level cause), an
 * aborted signal rejects with its reason, and a failure of fcinvoke's own is kept as it is.
 */
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
      // An aborted signal is handed on as it is: undici then fails at once, without a listener.
      signal: options.signal === undefined || options.signal.aborted ? options.signal : relayOf(options.signal),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body };
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    throw ownFailure(error) ?? toNetworkError(error, spec.url);
  }
}
