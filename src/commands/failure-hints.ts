// Naming the real cause of a failure to reach the service, from what the command knows and
// the engine does not: that a proxy stood in between (the refusal is the proxy's), that the
// endpoint is a loopback one (the emulator is not running), or that FCINVOKE_ENDPOINT chose
// it over --region/--account-id/--internal.
import { ApiError, NetworkError } from '../errors.js';
import { proxyFor } from '../fc/proxy.js';

/** Where the call went, and why there. */
export interface EndpointFacts {
  /** The URL called (the endpoint, or an HTTP trigger's URL). */
  url: string;
  /** The endpoint setting's source (`FCINVOKE_ENDPOINT`, `--endpoint`, a project file), or null when it was built. */
  endpointSource: string | null;
  /** Flags the endpoint made useless (`--region`, …); see config/resolve.ts endpointOverrides. */
  ignoredFlags: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
}

/** Failures of the connection itself: through a proxy, all of them are the proxy's. */
const CONNECT_FAILURES: Readonly<Record<string, string>> = {
  ConnectionRefused: 'connection refused',
  HostNotFound: 'host not found (DNS)',
  DnsFailure: 'DNS lookup failed temporarily',
  ConnectTimeout: 'timed out connecting',
  HostUnreachable: 'host unreachable',
  NetworkUnreachable: 'network unreachable',
};

const EMULATOR_HINT = 'is the emulator running? start it with: eval "$(fcinvoke emulator --background)"';

function hostOf(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** The error with the real cause named: rebuilt for a proxy, with detail lines for the rest; anything else unchanged. */
export function explainFailure(error: unknown, facts: EndpointFacts | null): unknown {
  if (!facts || !(error instanceof NetworkError || error instanceof ApiError)) return error;
  const target = hostOf(facts.url);
  if (!target) return error;
  const connect = error instanceof NetworkError ? CONNECT_FAILURES[error.code] : undefined;
  const proxy = connect ? proxyFor(facts.url, facts.env) : null;
  if (error instanceof NetworkError && connect && proxy) {
    const message =
      `${connect} at the proxy ${proxy.host} (${proxy.variable}), on the way to ${target.host}; nothing was sent: ` +
      `check the proxy and ${proxy.variable}, or bypass it for this host with NO_PROXY=${target.hostname}`;
    return new NetworkError(error.code, message, { cause: error.cause, requestId: error.requestId, details: error.details });
  }
  const details: string[] = [];
  if (error instanceof NetworkError && error.code === 'ConnectionRefused' && isLoopback(target.hostname)) details.push(EMULATOR_HINT);
  if (facts.endpointSource === 'FCINVOKE_ENDPOINT' && (connect || facts.ignoredFlags.length > 0)) {
    const over = facts.ignoredFlags.length > 0 ? `, which wins over ${facts.ignoredFlags.join(' and ')}` : '';
    details.push(`the endpoint is FCINVOKE_ENDPOINT's (${target.origin})${over}: unset FCINVOKE_ENDPOINT if it is left over from the emulator`);
  }
  if (details.length === 0) return error;
  const all = [...error.details, ...details];
  return error instanceof NetworkError
    ? new NetworkError(error.code, error.message, { cause: error.cause, requestId: error.requestId, details: all })
    : new ApiError(error.code, error.serviceMessage, error.status, error.requestId, { note: error.note, details: all });
}
