// Which proxy a request to a URL goes through, by the rules of undici's EnvHttpProxyAgent
// (the dispatcher fc/send.ts makes): http_proxy/HTTP_PROXY for http:, https_proxy/HTTPS_PROXY
// for https: (else the http one), unless no_proxy/NO_PROXY names the host. Pure: takes the env.

export interface ProxyChoice {
  /** The proxy's host:port, as a person would name it. */
  host: string;
  /** The variable it came from (`HTTPS_PROXY`, `http_proxy`, …). */
  variable: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

function firstSet(env: Env, names: readonly string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) return value === '' ? null : { name, value };
  }
  return null;
}

function bypassed(hostname: string, port: number, env: Env): boolean {
  const value = env.no_proxy ?? env.NO_PROXY ?? '';
  if (value === '*') return true;
  for (const entry of value.split(/[,\s]/)) {
    if (!entry) continue;
    const parsed = /^(.+):(\d+)$/.exec(entry);
    const host = (parsed ? (parsed[1] ?? '') : entry).replace(/^\*?\./, '').toLowerCase();
    const entryPort = parsed ? Number.parseInt(parsed[2] ?? '0', 10) : 0;
    if (entryPort && entryPort !== port) continue;
    if (hostname === host || hostname.endsWith(`.${host}`)) return true;
  }
  return false;
}

/** The proxy a request to `url` goes through, or null when it goes straight to the host. */
export function proxyFor(url: string, env: Env): ProxyChoice | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  const hostname = target.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number.parseInt(target.port, 10) || DEFAULT_PORTS[target.protocol] || 0;
  if (bypassed(hostname, port, env)) return null;
  const http = firstSet(env, ['http_proxy', 'HTTP_PROXY']);
  const chosen = target.protocol === 'https:' ? (firstSet(env, ['https_proxy', 'HTTPS_PROXY']) ?? http) : http;
  if (!chosen) return null;
  try {
    return { host: new URL(chosen.value).host || chosen.value, variable: chosen.name };
  } catch {
    return { host: chosen.value.replace(/^.*@/, ''), variable: chosen.name };
  }
}
