// The output of `fcinvoke config`: each setting with its value (secrets masked) and its
// source, as aligned text and as the contract's JSON document. Pure: settings in, text out.
import { maskId, maskSecret } from '../credentials.js';
import { ENV_CREDENTIALS_SOURCE, type ResolvedSettings, type SourceReport } from './settings.js';
import { printable } from './text.js';

/** The settings `fcinvoke config` shows, in this order. */
export const SETTING_NAMES = [
  'accessKeyId',
  'accessKeySecret',
  'securityToken',
  'region',
  'accountId',
  'endpoint',
  'internal',
  'profile',
  'qualifier',
  'timeout',
  'retries',
  'logs',
] as const;
export type SettingName = (typeof SETTING_NAMES)[number];

/** One setting in the JSON document; both null when no source gave it. */
export interface SettingView {
  value: string | number | boolean | null;
  source: string | null;
}

/** `fcinvoke config --json` (cli-contract "--json for the other commands"); `sources` only with --sources. */
export interface SettingsDocument {
  settings: Record<SettingName, SettingView>;
  sources?: SourceReport[];
}

export interface DescribeOptions {
  /** From collectSources(), for --sources. */
  sources?: SourceReport[] | undefined;
}

const UNSET: SettingView = { value: null, source: null };

/** The environment variable behind each credential field, when the credentials came from the environment. */
const ENV_FIELD_SOURCES = {
  accessKeyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
  accessKeySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
  securityToken: 'ALIBABA_CLOUD_SECURITY_TOKEN',
} as const;

function view<T extends string | number | boolean>(sourced: { value: T; source: string } | undefined): SettingView {
  return sourced ? { value: sourced.value, source: sourced.source } : UNSET;
}

function settingViews(settings: ResolvedSettings): Record<SettingName, SettingView> {
  const credentials = settings.credentials;
  const credentialSource = (field: keyof typeof ENV_FIELD_SOURCES): string =>
    credentials?.source === ENV_CREDENTIALS_SOURCE ? ENV_FIELD_SOURCES[field] : (credentials?.source ?? '');
  const token = credentials?.value.securityToken;
  let endpoint = view(settings.endpoint);
  const accountId = settings.accountId?.value;
  const region = settings.region?.value;
  if (!settings.endpoint && accountId && region) {
    // The same rule as fc/endpoint.ts buildBaseUrl (cli-contract "Settings").
    const suffix = settings.internal?.value ? '-internal' : '';
    endpoint = { value: `https://${accountId}.${region}${suffix}.fc.aliyuncs.com`, source: 'built from accountId and region' };
  }
  return {
    accessKeyId: credentials ? { value: maskId(credentials.value.accessKeyId), source: credentialSource('accessKeyId') } : UNSET,
    accessKeySecret: credentials ? { value: maskSecret(), source: credentialSource('accessKeySecret') } : UNSET,
    securityToken: token ? { value: maskSecret(), source: credentialSource('securityToken') } : UNSET,
    region: view(settings.region),
    accountId: view(settings.accountId),
    endpoint,
    internal: view(settings.internal),
    profile: view(settings.profile),
    qualifier: view(settings.qualifier),
    timeout: view(settings.timeout),
    retries: view(settings.retries),
    logs: view(settings.logs),
  };
}

function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

function sourceLines(reports: SourceReport[]): string[] {
  const lines = ['', 'Sources, highest precedence first:'];
  for (const report of reports) {
    let head = `  ${report.place}: ${report.status}`;
    if (report.profiles) {
      const names = report.profiles.map((name) => (name === report.defaultProfile ? `${name} (default)` : name));
      head += `; ${report.store === 'serverless-devs' ? 'aliases' : 'profiles'}: ${names.join(', ') || 'none'}`;
    }
    if (report.note) head += `; ${report.note}`;
    lines.push(printable(head));
    const rows = report.values.map((v) => [`    ${v.profile === undefined ? '' : `[${v.profile}] `}${v.name}`, v.value]);
    lines.push(...table(rows).map(printable));
  }
  return lines;
}

/**
 * The `fcinvoke config` output. `text`: one aligned `name  value  source` line per setting
 * (`-` and `(not set)` for the missing ones), then the sources with --sources; ends with a
 * newline. `json`: `{"settings": {name: {value, source}}}` (+ `sources`). Secrets masked in both.
 */
export function describeSettings(settings: ResolvedSettings, options: DescribeOptions = {}): { text: string; json: SettingsDocument } {
  const views = settingViews(settings);
  const rows = SETTING_NAMES.map((name) => {
    const { value, source } = views[name];
    return [name, value === null ? '-' : printable(String(value)), source === null ? '(not set)' : printable(source)];
  });
  const lines = table(rows);
  const json: SettingsDocument = { settings: views };
  if (options.sources) {
    lines.push(...sourceLines(options.sources));
    json.sources = options.sources;
  }
  return { text: `${lines.join('\n')}\n`, json };
}
