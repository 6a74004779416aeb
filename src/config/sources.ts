// `fcinvoke config --sources`: every place settings are looked for, whether it exists,
// its profiles or aliases, and what it holds, masked. Problems are reported, not thrown.
import { nodeFileSystem } from './files.js';
import { describeSearch, findProjectConfig } from './project-file.js';
import { readEnv, readFlag, SETTING_ROWS, showValue } from './schema.js';
import type { SettingsInput, SourceReport } from './settings.js';
import { CREDENTIALS_FILE_VARIABLE, STORES, loadStore, storePlace, type StoreDefinition } from './stores/index.js';

/** The variables that move a store, read by the stores and shown after the table's own. */
const STORE_VARIABLES = [CREDENTIALS_FILE_VARIABLE];

function flagsReport(flags: SettingsInput['flags']): SourceReport {
  const values: SourceReport['values'] = [];
  for (const [, row] of SETTING_ROWS) {
    const value = readFlag(row, flags);
    if (row.flag && value !== undefined) values.push({ name: row.flag.name, value: String(value) });
  }
  return { kind: 'flags', place: 'command line', status: values.length > 0 ? 'found' : 'not found', values };
}

function envReport(env: SettingsInput['env']): SourceReport {
  const values: SourceReport['values'] = [];
  for (const [, row] of SETTING_ROWS) {
    const value = readEnv(row, env);
    if (row.env !== undefined && value !== undefined) values.push({ name: row.env, value: showValue(row, value) });
  }
  for (const name of STORE_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') values.push({ name, value });
  }
  return { kind: 'environment', place: 'environment', status: values.length > 0 ? 'found' : 'not found', values };
}

async function projectReport(input: SettingsInput): Promise<SourceReport> {
  try {
    const search = await findProjectConfig(input.files ?? nodeFileSystem, input.cwd, input.home);
    if (!search.source || !search.config) {
      return { kind: 'project', place: 'project config', status: 'not found', note: describeSearch(search, input.home), values: [] };
    }
    const config: Record<string, unknown> = search.config;
    const values = SETTING_ROWS.flatMap(([name, row]) =>
      row.projectKey === undefined || config[name] === undefined ? [] : [{ name: row.projectKey, value: String(config[name]) }],
    );
    const note = search.warnings.length > 0 ? search.warnings.join('; ') : undefined;
    return { kind: 'project', place: search.source, status: 'found', ...(note && { note }), values };
  } catch (error) {
    return { kind: 'project', place: 'project config', status: 'error', note: (error as Error).message, values: [] };
  }
}

async function storeReport(definition: StoreDefinition, input: SettingsInput): Promise<SourceReport> {
  try {
    const { place, store } = await loadStore(definition, input, input.files ?? nodeFileSystem);
    if (!store) return { kind: 'store', store: definition.id, place, status: 'not found', values: [] };
    const report: SourceReport = { kind: 'store', store: definition.id, place, status: 'found', values: [] };
    if (definition.hasProfiles) report.profiles = [...store.entries.keys()];
    if (definition.hasProfiles && store.defaultName !== undefined && store.entries.has(store.defaultName)) {
      report.defaultProfile = store.defaultName;
    }
    if (store.defaultProblem) report.note = store.defaultProblem.message;
    for (const [name, entry] of store.entries) {
      for (const held of entry.held) report.values.push(definition.hasProfiles ? { profile: name, ...held } : held);
    }
    return report;
  } catch (error) {
    const place = storePlace(definition, input);
    return { kind: 'store', store: definition.id, place, status: 'error', note: (error as Error).message, values: [] };
  }
}

/** Every place fcinvoke looks for settings, highest precedence first, with what it held (masked). Never throws for a bad file. */
export async function collectSources(input: SettingsInput): Promise<SourceReport[]> {
  const reports = [flagsReport(input.flags), envReport(input.env), await projectReport(input)];
  for (const definition of STORES) reports.push(await storeReport(definition, input));
  return reports;
}
