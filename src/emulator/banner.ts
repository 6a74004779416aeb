// What `fcinvoke emulator` prints on stdout at start: the endpoint, the accepted
// credentials as shell exports, the FC 2.0 services and FC 3.0 functions it serves, and the
// URLs of their HTTP triggers. Pure.
import type { EmulatorKey } from './auth.js';
import type { Fc3FunctionListing } from './fc3-functions.js';
import type { ServiceListing } from './functions-dir.js';
import { HTTP_TRIGGER_METHODS, type HttpTriggerConfig } from './http-trigger-config.js';

export interface BannerInput {
  url: string;
  accountId: string;
  keys: readonly EmulatorKey[];
  services: readonly ServiceListing[];
  fc3Functions: readonly Fc3FunctionListing[];
  functionsDir: string | undefined;
}

/** A value as a POSIX shell word: bare when safe, else single-quoted. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function describeQualifiers(item: { builtIn: boolean; versions: readonly string[]; aliases: Readonly<Record<string, string>> }): string {
  const parts: string[] = item.builtIn ? ['built-in'] : [];
  const aliases = Object.entries(item.aliases).map(([alias, version]) => `${alias}->${version}`);
  if (aliases.length > 0) parts.push(`aliases ${aliases.join(', ')}`);
  if (item.versions.length > 0) parts.push(`versions ${item.versions.join(', ')}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function renderServices(services: readonly ServiceListing[]): string[] {
  const lines: string[] = [];
  const width = Math.max(0, ...services.flatMap((s) => s.functions.map((f) => `${s.name}/${f.name}`.length)));
  for (const service of services) {
    lines.push(`  ${service.name}${describeQualifiers(service)}`);
    for (const fn of service.functions) {
      const timeout = fn.timeoutSeconds === undefined ? '' : `, timeout ${fn.timeoutSeconds} s`;
      lines.push(`    ${`${service.name}/${fn.name}`.padEnd(width)}  ${fn.note}${timeout}`);
    }
    if (service.functions.length === 0) lines.push('    (no functions)');
    for (const problem of service.problems) lines.push(`    ! ${problem}`);
  }
  return lines;
}

/**
 * User functions one per line; the built-in ones on one line, since they are the demo
 * service's handlers again.
 */
function renderFc3Functions(functions: readonly Fc3FunctionListing[]): string[] {
  const user = functions.filter((fn) => !fn.builtIn);
  const builtIn = functions.filter((fn) => fn.builtIn);
  const width = Math.max(0, ...user.map((fn) => fn.name.length));
  const lines: string[] = [];
  for (const fn of user) {
    const timeout = fn.timeoutSeconds === undefined ? '' : `, timeout ${fn.timeoutSeconds} s`;
    const line = fn.problem === undefined ? `${fn.note}${timeout}${describeQualifiers(fn)}` : `! ${fn.problem}`;
    lines.push(`  ${fn.name.padEnd(width)}  ${line}`);
  }
  const [first] = builtIn;
  if (first) {
    lines.push(`  ${builtIn.map((fn) => fn.name).join(', ')}${describeQualifiers(first)}: the demo service's handlers`);
  }
  lines.push('  and every FC 2.0 function above as service$function, e.g. demo$hello');
  return lines;
}

function describeTrigger(trigger: HttpTriggerConfig, scheme: string): string {
  const auth = trigger.authType === 'anonymous' ? 'anonymous' : `signed (${scheme})`;
  const methods = trigger.methods.length === HTTP_TRIGGER_METHODS.length ? 'any method' : trigger.methods.join(' ');
  return `${auth}, ${methods}`;
}

/** Each function with an HTTP trigger and its URL: FC 2.0's `/proxy/` path, FC 3.0's trigger domain as a path segment. */
function renderTriggers(url: string, services: readonly ServiceListing[], functions: readonly Fc3FunctionListing[]): string[] {
  const rows: [string, string, string][] = [];
  for (const service of services) {
    for (const fn of service.functions) {
      if (fn.httpTrigger) rows.push([`${service.name}/${fn.name}`, `${url}/2016-08-15/proxy/${service.name}/${fn.name}/`, describeTrigger(fn.httpTrigger, 'FC 2.0 signature')]);
    }
  }
  for (const fn of functions) {
    if (fn.httpTrigger && fn.problem === undefined) rows.push([fn.name, `${url}/${fn.name}.fcapp.run/`, describeTrigger(fn.httpTrigger, 'ACS3')]);
  }
  if (rows.length === 0) return ['  (none: add "httpTrigger" to a function.json)'];
  const nameWidth = Math.max(...rows.map(([name]) => name.length));
  const urlWidth = Math.max(...rows.map(([, link]) => link.length));
  return rows.map(([name, link, note]) => `  ${name.padEnd(nameWidth)}  ${link.padEnd(urlWidth)}  ${note}`);
}

export function renderBanner(input: BannerInput): string {
  const [first, ...others] = input.keys;
  const lines = [`FC emulator listening on ${input.url} (account ${input.accountId}): FC 2.0 (API 2016-08-15) and FC 3.0 (API 2023-03-30)`, ''];
  if (first) {
    lines.push(
      '# Point fcinvoke (or an FC 2.0 or FC 3.0 SDK) at it with these fake credentials:',
      `export ALIBABA_CLOUD_ACCESS_KEY_ID=${shellQuote(first.accessKeyId)}`,
      `export ALIBABA_CLOUD_ACCESS_KEY_SECRET=${shellQuote(first.accessKeySecret)}`,
      `export ALIBABA_CLOUD_ACCOUNT_ID=${shellQuote(input.accountId)}`,
      `export FCINVOKE_ENDPOINT=${shellQuote(input.url)}`,
    );
  }
  for (const key of others) {
    lines.push(
      `# Also accepted${key.securityToken === undefined ? '' : ' (STS)'}:`,
      `#   ALIBABA_CLOUD_ACCESS_KEY_ID=${shellQuote(key.accessKeyId)}`,
      `#   ALIBABA_CLOUD_ACCESS_KEY_SECRET=${shellQuote(key.accessKeySecret)}`,
    );
    if (key.securityToken !== undefined) lines.push(`#   ALIBABA_CLOUD_SECURITY_TOKEN=${shellQuote(key.securityToken)}`);
  }
  const from = input.functionsDir ? ` (from ${input.functionsDir})` : '';
  lines.push('', `FC 2.0 services and functions${from}:`, ...renderServices(input.services), '');
  lines.push(`FC 3.0 functions${from}:`, ...renderFc3Functions(input.fc3Functions), '');
  lines.push('HTTP triggers (web functions), any path below each URL:', ...renderTriggers(input.url, input.services, input.fc3Functions), '');
  lines.push('Try: fcinvoke run demo hello (FC 2.0)    fcinvoke run hello (FC 3.0)    fcinvoke http demo/web/hello (web)    Stop: Ctrl-C', '');
  return lines.join('\n');
}
