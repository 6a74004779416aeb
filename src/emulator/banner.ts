// What `fcinvoke emulator` prints on stdout at start: the endpoint, the accepted
// credentials as shell exports, and the services and functions it serves. Pure.
import type { EmulatorKey } from './auth.js';
import type { ServiceListing } from './functions-dir.js';

export interface BannerInput {
  url: string;
  accountId: string;
  keys: readonly EmulatorKey[];
  services: readonly ServiceListing[];
  functionsDir: string | undefined;
}

/** A value as a POSIX shell word: bare when safe, else single-quoted. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function describeService(service: ServiceListing): string {
  const parts: string[] = service.builtIn ? ['built-in'] : [];
  const aliases = Object.entries(service.aliases).map(([alias, version]) => `${alias}->${version}`);
  if (aliases.length > 0) parts.push(`aliases ${aliases.join(', ')}`);
  if (service.versions.length > 0) parts.push(`versions ${service.versions.join(', ')}`);
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

function renderServices(services: readonly ServiceListing[]): string[] {
  const lines: string[] = [];
  const width = Math.max(0, ...services.flatMap((s) => s.functions.map((f) => `${s.name}/${f.name}`.length)));
  for (const service of services) {
    lines.push(`  ${service.name}${describeService(service)}`);
    for (const fn of service.functions) {
      const timeout = fn.timeoutSeconds === undefined ? '' : `, timeout ${fn.timeoutSeconds} s`;
      lines.push(`    ${`${service.name}/${fn.name}`.padEnd(width)}  ${fn.note}${timeout}`);
    }
    if (service.functions.length === 0) lines.push('    (no functions)');
    for (const problem of service.problems) lines.push(`    ! ${problem}`);
  }
  return lines;
}

export function renderBanner(input: BannerInput): string {
  const [first, ...others] = input.keys;
  const lines = [`FC 2.0 emulator listening on ${input.url} (account ${input.accountId})`, ''];
  if (first) {
    lines.push(
      '# Point fcinvoke (or an FC 2.0 SDK) at it with these fake credentials:',
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
  lines.push('', `Functions${input.functionsDir ? ` (from ${input.functionsDir})` : ''}:`, ...renderServices(input.services), '');
  lines.push('Try: fcinvoke run demo hello    Stop: Ctrl-C', '');
  return lines.join('\n');
}
