// `fcinvoke config --sources`: every place settings are looked for, whether it exists,
// its profiles or aliases, and what it holds, masked. Problems are reported, not thrown.
import { nodeFileSystem } from './files.js';
import { maskId, maskSecret } from '../credentials.js';
import { describeSearch, findProjectConfig } from './project-file.js';
import type { SettingsInput, SourceReport } from './settings.js';
import { STORES, loadStore, storePlace, type StoreDefinition } from './stores/index.js';

/** The environment variables fcinvoke reads, and how each is shown. */
const ENV_VARIABLES: Array<[string, (value: string) => string]> = [
  ['ALIBABA_CLOUD_ACCESS_KEY_ID', maskId],
  ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', maskSecret],
  ['ALIBABA_CLOUD_SECURITY_TOKEN', maskSecret],
  ['ALIBABA_CLOUD_REGION_ID', (value) => value],
  ['ALIBABA_CLOUD_ACCOUNT_ID', (value) => value],
  ['ALIBABA_CLOUD_PROFILE', (value) => value],
  ['FCINVOKE_ENDPOINT', (value) => value],
  ['ALIBABA_CLOUD_CREDENTIALS_FILE', (value) => value],
];

function flagsReport(flags: SettingsInput['flags']): SourceReport {
  const values: SourceReport['values'] = [];
  const add = (name: string, value: string | boolean | undefined): void => {
    if (value !== undefined && value !== '' && value !== false) values.push({ name, value: String(value) });
  };
  add('--region', flags.region);
  add('--account-id', flags.accountId);
  add('--endpoint', flags.endpoint);
  add('--internal', flags.internal);
  add('--profile', flags.profile);
  return { kind: 'flags', place: 'command line', status: values.length > 0 ? 'found' : 'not found', values };
}

function envReport(env: SettingsInput['env']): SourceReport {
  const values: SourceReport['values'] = [];
  for (const [name, show] of ENV_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value !== '') values.push({ name, value: show(value) });
  }
  return { kind: 'environment', place: 'environment', status: values.length > 0 ? 'found' : 'not found', values };
}

async function projectReport(input: SettingsInput): Promise<SourceReport> {
  try {
    const search = await findProjectConfig(input.files ?? nodeFileSystem, input.cwd, input.home);
    if (!search.source || !search.config) {
      return { kind: 'project', place: 'project config', status: 'not found', note: describeSearch(search, input.home), values: [] };
    }
    const values = Object.entries(search.config).map(([name, value]) => ({ name, value: String(value) }));
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
