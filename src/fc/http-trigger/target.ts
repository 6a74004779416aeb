// The target of `fcinvoke http`: a full URL or the short form service[.qualifier]/function[/path],
// and what kind of trigger address a URL is (http-triggers.md §1.1, §3). Pure.
import { UsageError } from '../../errors.js';
import type { FunctionTarget } from '../names.js';
import { resolveTarget } from '../v2016/target.js';

/** The FC 2.0 API version, the first segment of `/proxy/` paths. */
export const PROXY_API_VERSION = '2016-08-15';

/** A target as given: a URL, or FC 2.0's short form, which needs the configured endpoint. */
export type ParsedTarget =
  | { form: 'url'; url: URL }
  | { form: 'short'; target: FunctionTarget; /** After the function, as typed: '' or `/…`. */ path: string; /** After `?`, as typed. */ search: string };

/**
 * How a URL addresses its trigger: FC 2.0's `/proxy/` path (on the account host or any base
 * such as the emulator's), a trigger domain (`*.fcapp.run`, in the Host or, as the emulator
 * takes it, in the first path segment), or a custom domain.
 */
export type AddressKind = 'proxy' | 'trigger-domain' | 'custom';

export interface TriggerAddress {
  kind: AddressKind;
  /** For `proxy`: the path from `/2016-08-15/proxy/` on, as sent (what the FC 2.0 scheme signs). */
  proxyPath?: string | undefined;
  /** For `proxy`: the function, as the path names it. */
  function?: FunctionTarget | undefined;
}

const SCHEME = /^https?:\/\//i;
const SHORT = /^([^/?#]+)\/([^/?#]+)(\/[^?#]*)?(?:\?([^#]*))?$/;
const PROXY = /^(?:.*?)(\/2016-08-15\/proxy\/([^/]+)\/([^/]+)(\/.*)?)$/;
const TRIGGER_DOMAIN = /\.fcapp\.run$/i;

function notATarget(arg: string, why: string): UsageError {
  return new UsageError(`invalid target ${JSON.stringify(arg)}: ${why}`, { code: 'InvalidTarget' });
}

function parseUrl(arg: string): URL {
  let url: URL;
  try {
    url = new URL(arg);
  } catch {
    throw notATarget(arg, 'not a valid URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw notATarget(url.host, 'user name and password in a URL are not sent: give -H "Authorization: …" with --auth anonymous');
  }
  url.hash = '';
  // FC 2.0's function segment always ends in `/` (http-triggers.md §1.1).
  if (/\/2016-08-15\/proxy\/[^/]+\/[^/]+$/.test(url.pathname)) url.pathname = `${url.pathname}/`;
  return url;
}

/**
 * Reads the target argument: a URL when it starts with http:// or https://, else the short
 * form; throws a UsageError naming what is wrong and both forms.
 */
export function parseHttpTarget(arg: string): ParsedTarget {
  if (SCHEME.test(arg)) return { form: 'url', url: parseUrl(arg) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) throw notATarget(arg, 'only http:// and https:// URLs can be called');
  const match = SHORT.exec(arg);
  const forms = 'give a URL (https://…) or service[.qualifier]/function[/path]';
  if (!match) throw notATarget(arg, forms);
  const [, first = '', functionName = '', path = '', search = ''] = match;
  if (first.split('.').length > 2 || first.includes(':')) {
    throw notATarget(arg, `${JSON.stringify(first)} looks like a host name: a URL needs its scheme, e.g. https://${arg}`);
  }
  const dot = first.indexOf('.');
  const target = resolveTarget(dot === -1 ? first : first.slice(0, dot), functionName, dot === -1 ? undefined : first.slice(dot + 1));
  return { form: 'short', target, path, search };
}

/** The FC 2.0 `/proxy/` URL of a short-form target on `baseUrl`; `qualifier` fills in when the target has none. */
export function buildProxyUrl(parsed: Extract<ParsedTarget, { form: 'short' }>, baseUrl: string, qualifier?: string): URL {
  const { service = '', functionName } = parsed.target;
  const q = parsed.target.qualifier ?? qualifier;
  const search = parsed.search === '' ? '' : `?${parsed.search}`;
  return parseUrl(`${baseUrl}/${PROXY_API_VERSION}/proxy/${q ? `${service}.${q}` : service}/${functionName}${parsed.path || '/'}${search}`);
}

/** The host name of a Host header value, lower-case and without its port. */
function hostnameOf(host: string): string {
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return name.toLowerCase();
}

/**
 * What kind of address `url` is, sent with `hostHeader` when one is given: a trigger domain
 * in the Host wins (the whole path is the function's, as on FC), then a `/proxy/` path, then
 * a trigger domain as the first path segment (the emulator's form), else a custom domain.
 */
export function describeAddress(url: URL, hostHeader?: string): TriggerAddress {
  const host = hostHeader === undefined ? url.hostname : hostnameOf(hostHeader);
  if (TRIGGER_DOMAIN.test(host)) return { kind: 'trigger-domain' };
  const proxy = PROXY.exec(url.pathname);
  if (proxy) {
    const [, proxyPath, service = '', functionName = ''] = proxy;
    const [name = '', qualifier] = decodeSegment(service).split('.', 2);
    return { kind: 'proxy', proxyPath, function: { service: name, functionName: decodeSegment(functionName), qualifier } };
  }
  const first = /^\/([^/]+)/.exec(url.pathname)?.[1];
  if (first !== undefined && TRIGGER_DOMAIN.test(first)) return { kind: 'trigger-domain' };
  return { kind: 'custom' };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The account of an FC account host, `{account}.{region}[-internal].fc.aliyuncs.com`, or undefined. */
export function accountOfHost(hostname: string): string | undefined {
  return /^(\d+)\.[a-z0-9-]+\.fc\.aliyuncs\.com$/i.exec(hostname)?.[1];
}
