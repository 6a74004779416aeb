// The output of `fcinvoke config`: each setting with its value (secrets masked) and its
// source, as aligned text and as the contract's JSON document. Pure: settings in, text out.
import type { Credentials } from '../credentials.js';
import { buildBaseUrl } from '../fc/endpoint.js';
import { SETTING_ROWS, showValue, type OwnSettingName, type SettingDefinition, type SettingName } from './schema.js';
import { ENV_CREDENTIALS_SOURCE, type ResolvedSettings, type SettingsProblem, type Sourced, type SourceReport } from './settings.js';
import { printable } from './text.js';

export type { SettingName } from './schema.js';

/** The settings `fcinvoke config` shows, in this order: the table's (config/schema.ts). */
export const SETTING_NAMES: readonly SettingName[] = SETTING_ROWS.map(([name]) => name);

/** One setting in the JSON document; both null when no source gave it. */
export interface SettingView {
  value: string | number | boolean | null;
  source: string | null;
}

/** Whether an invocation with the same flags, environment and folder would find what it needs. */
export type Verdict =
  | { ready: true; endpoint: string; credentialsSource: string }
  | { ready: false; error: { code: string; message: string } };

/**
 * `fcinvoke config --json` (cli-contract "--json for the other commands"); `sources` only
 * with --sources; `problems`, `ready` and `error` when the command gives a verdict.
 */
export interface SettingsDocument {
  settings: Record<SettingName, SettingView>;
  sources?: SourceReport[];
  problems?: SettingsProblem[];
  ready?: boolean;
  error?: { code: string; message: string } | null;
}

/** Colours for the text, as the terminal decided them (ui/terminal.ts); none by default. */
export interface Paint {
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const identity = (text: string) => text;
const NO_PAINT: Paint = { dim: identity, green: identity, red: identity, yellow: identity };

export interface DescribeOptions {
  /** From collectSources(), for --sources. */
  sources?: SourceReport[] | undefined;
  /** The sources report mode skipped, and why. */
  problems?: SettingsProblem[] | undefined;
  verdict?: Verdict | undefined;
  /** Colours as `status` and `list` use them: names dim, what is missing dim, the verdict green or red. */
  paint?: Paint | undefined;
}

const UNSET: SettingView = { value: null, source: null };

function view(sourced: Sourced<string | number | boolean> | undefined): SettingView {
  return sourced ? { value: sourced.value, source: sourced.source } : UNSET;
}

/** A part of the key pair: from the credentials, and named by its own variable when they came from the environment. */
function keyPartView(name: SettingName, row: SettingDefinition, credentials: ResolvedSettings['credentials']): SettingView {
  const value = credentials?.value[name as keyof Credentials];
  if (!credentials || !value) return UNSET;
  const source = credentials.source === ENV_CREDENTIALS_SOURCE && row.env !== undefined ? row.env : credentials.source;
  return { value: showValue(row, value), source };
}

function endpointView(settings: ResolvedSettings): SettingView {
  const accountId = settings.accountId?.value;
  const region = settings.region?.value;
  if (settings.endpoint || !accountId || !region) return view(settings.endpoint);
  return { value: buildBaseUrl({ accountId, region, internal: settings.internal?.value }), source: 'built from accountId and region' };
}

function settingViews(settings: ResolvedSettings): Record<SettingName, SettingView> {
  const slots: { [K in OwnSettingName]?: Sourced<string | number | boolean> } = settings;
  const views = {} as Record<SettingName, SettingView>;
  for (const [name, row] of SETTING_ROWS) {
    if (row.partOf === 'credentials') views[name] = keyPartView(name, row, settings.credentials);
    else if (name === 'endpoint') views[name] = endpointView(settings);
    else views[name] = view(slots[name as OwnSettingName]);
  }
  return views;
}

/** Aligned columns; `paint` colours a cell after it is padded (widths are those of the plain text). */
function table(rows: string[][], paint: (cell: string, column: number, padded: string) => string = (_c, _i, padded) => padded): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => paint(cell, i, i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
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

function problemLines(problems: readonly SettingsProblem[], paint: Paint): string[] {
  if (problems.length === 0) return [];
  return ['', paint.yellow('Problems (each of these sources was skipped):'), ...problems.map((problem) => printable(`  ${problem.message}`))];
}

function verdictLine(verdict: Verdict, paint: Paint): string {
  if (verdict.ready) return `${paint.green('ready:')} ${printable(`an invocation would go to ${verdict.endpoint}, with the keys from ${verdict.credentialsSource}`)}`;
  return `${paint.red('not ready:')} ${printable(`an invocation would stop here (exit 3): ${verdict.error.message}`)}`;
}

/**
 * The `fcinvoke config` output. `text`: one aligned `name  value  source` line per setting
 * (`-` and `(not set)` for the missing ones), then the sources with --sources, the problems
 * and the verdict when given; ends with a newline. `json`: `{"settings": {name: {value,
 * source}}}` (+ `sources`, `problems`, `ready`, `error`). Secrets masked in both.
 */
export function describeSettings(settings: ResolvedSettings, options: DescribeOptions = {}): { text: string; json: SettingsDocument } {
  const views = settingViews(settings);
  const rows = SETTING_NAMES.map((name) => {
    const { value, source } = views[name];
    return [name, value === null ? '-' : printable(String(value)), source === null ? '(not set)' : printable(source)];
  });
  const paint = options.paint ?? NO_PAINT;
  const lines = table(rows, (cell, column, padded) => (column === 0 || cell === '-' || cell === '(not set)' ? paint.dim(padded) : padded));
  const json: SettingsDocument = { settings: views };
  if (options.sources) {
    lines.push(...sourceLines(options.sources));
    json.sources = options.sources;
  }
  if (options.problems) {
    lines.push(...problemLines(options.problems, paint));
    json.problems = options.problems;
  }
  if (options.verdict) {
    lines.push('', verdictLine(options.verdict, paint));
    json.ready = options.verdict.ready;
    json.error = options.verdict.ready ? null : options.verdict.error;
  }
  return { text: `${lines.join('\n')}\n`, json };
}
