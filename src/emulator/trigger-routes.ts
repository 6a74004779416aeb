// Which HTTP trigger a request addresses (http-triggers.md §1.1, §3); pure. FC 2.0's
// `/2016-08-15/proxy/{service}[.{qualifier}]/{function}/{path}` on the account host, or a trigger
// domain `{prefix}[.{region}].fcapp.run` (FC's `urlInternet`), which the emulator, having one
// host, also accepts as the first path segment: `/{prefix}[.{region}].fcapp.run/{path}`.
import { splitServiceQualifier } from './routes.js';

export type TriggerRoute =
  | {
      kind: 'proxy';
      service: string;
      qualifier: string | undefined;
      functionName: string;
      /** The path after the function segment, as received (percent-encoded); at least `/`. */
      rawPath: string;
    }
  | {
      kind: 'domain';
      /** The trigger's domain prefix: the function's FC 3.0 name (`service$function` for FC 2.0). */
      prefix: string;
      region: string | undefined;
      /** The path the function serves, as received (percent-encoded); at least `/`. */
      rawPath: string;
      /** Whether the domain came as the Host header or as the first path segment. */
      via: 'host' | 'path';
    };

const PROXY = /^\/2016-08-15\/proxy\/([^/]+)\/([^/]+)(\/.*)?$/;
const DOMAIN = /^([^./]+)\.(?:([A-Za-z0-9-]+)\.)?fcapp\.run$/i;
const DOMAIN_SEGMENT = /^\/([^/]+)(\/.*)?$/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The host name of a Host header, without its port (`[::1]:9000` → `[::1]`). */
export function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** `{prefix}[.{region}].fcapp.run` split, or undefined for another name. */
export function parseTriggerDomain(name: string): { prefix: string; region: string | undefined } | undefined {
  const match = DOMAIN.exec(name);
  if (!match) return undefined;
  return { prefix: decode(match[1] ?? ''), region: match[2]?.toLowerCase() };
}

/**
 * The trigger `path` (without its query) goes to, or undefined when it is no trigger request.
 * A trigger domain in the Host header wins: then the whole path is the function's, as on FC.
 */
export function matchTriggerRoute(host: string | undefined, path: string): TriggerRoute | undefined {
  const byHost = host === undefined ? undefined : parseTriggerDomain(hostnameOf(host));
  if (byHost) return { kind: 'domain', ...byHost, rawPath: path === '' ? '/' : path, via: 'host' };
  const proxy = PROXY.exec(path);
  if (proxy) {
    const target = splitServiceQualifier(decode(proxy[1] ?? ''));
    return { kind: 'proxy', ...target, functionName: decode(proxy[2] ?? ''), rawPath: proxy[3] ?? '/' };
  }
  const segment = DOMAIN_SEGMENT.exec(path);
  const byPath = segment ? parseTriggerDomain(segment[1] ?? '') : undefined;
  if (segment && byPath) return { kind: 'domain', ...byPath, rawPath: segment[2] ?? '/', via: 'path' };
  return undefined;
}

/** The API whose answers (error bodies, request IDs) a trigger request gets: its function's. */
export function apiOfTrigger(route: TriggerRoute): '2016-08-15' | '2023-03-30' {
  return route.kind === 'proxy' || route.prefix.includes('$') ? '2016-08-15' : '2023-03-30';
}
