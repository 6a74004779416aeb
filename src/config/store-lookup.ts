// Looking settings up in the credential stores: which stores to read (only while something
// they can give is missing), which profile or alias to use, and what to take from it.
import { ConfigError } from '../errors.js';
import type { ConfigFileSystem, ResolvedSettings, SearchedPlaces, SettingsInput, SettingsProblem, Sourced } from './settings.js';
import { STORES, loadStore, storePlace, type LoadedStore, type StoreEntry, type StoreSetting } from './stores/index.js';
import { quote } from './text.js';
import { tolerate, tolerateAsync } from './tolerate.js';
import { checkAccountId, checkEndpoint, checkRegion } from './values.js';

/** What the stores are still asked for: credentials, and the endpoint's parts unless an endpoint is known. */
function wanted(settings: ResolvedSettings, all: boolean): StoreSetting[] {
  const result: StoreSetting[] = [];
  if (!settings.credentials) result.push('credentials');
  const needParts = all || !settings.endpoint;
  if (needParts && !settings.region) result.push('region');
  if (needParts && !settings.accountId) result.push('accountId');
  return result;
}

/** Takes what is wanted from one entry; in report mode each part that fails is recorded on its own. */
function takeFromEntry(
  entry: StoreEntry,
  want: StoreSetting[],
  settings: ResolvedSettings,
  searched: SearchedPlaces,
  problems: SettingsProblem[] | undefined,
): void {
  const source = entry.source;
  const guard = (step: () => void): void => void tolerate(problems, source, step);
  if (want.includes('credentials')) {
    guard(() => {
      if (entry.credentials) settings.credentials = { value: entry.credentials, source };
      else if (entry.credentialsProblem) throw entry.credentialsProblem;
      else searched.credentials.push(`${source} (no keys)`);
    });
  }
  if (want.includes('region')) {
    guard(() => {
      if (entry.region) settings.region = { value: checkRegion(entry.region, source, 'region'), source };
      else searched.region.push(`${source} (no region)`);
    });
  }
  if (want.includes('accountId')) {
    guard(() => {
      if (entry.accountId) settings.accountId = { value: checkAccountId(entry.accountId, source, 'account ID'), source };
      else searched.accountId.push(`${source} (no account ID)`);
    });
  }
  if (entry.endpoint && !settings.endpoint && (!settings.region || !settings.accountId)) {
    guard(() => {
      if (entry.endpoint) settings.endpoint = { value: checkEndpoint(entry.endpoint, source), source };
    });
  }
  if (entry.internal && !settings.internal && settings.region?.source === source && settings.accountId?.source === source) {
    settings.internal = { value: true, source };
  }
}

function selectEntry(store: LoadedStore, profile: string | undefined): StoreEntry | undefined {
  if (profile !== undefined) return store.entries.get(profile);
  if (store.defaultProblem) throw store.defaultProblem;
  return store.defaultName === undefined ? undefined : store.entries.get(store.defaultName);
}

async function failUnlessProfileExists(
  input: SettingsInput,
  files: ConfigFileSystem,
  loaded: Map<string, LoadedStore | undefined>,
  profile: Sourced<string>,
): Promise<void> {
  const lines: string[] = [];
  for (const definition of STORES.filter((store) => store.hasProfiles)) {
    if (!loaded.has(definition.id)) loaded.set(definition.id, (await loadStore(definition, input, files)).store);
    const store = loaded.get(definition.id);
    if (store?.entries.has(profile.value)) return;
    const names = store ? [...store.entries.keys()].map(quote).join(', ') || 'none' : 'file not found';
    const kind = definition.id === 'serverless-devs' ? 'aliases' : 'profiles';
    lines.push(`${storePlace(definition, input)} ${kind}: ${names}`);
  }
  throw new ConfigError(
    `profile ${quote(profile.value)} (${profile.source}) exists in no credential store (${lines.join('; ')}); ` +
      'name an existing one, or create it (e.g. `aliyun configure --profile NAME`)',
    { code: 'UnknownProfile' },
  );
}

/**
 * Fills what flags, environment and project config left missing from the credential
 * stores, in order: the named profile (or each store's default), whole credentials from one
 * entry. With a profile named, stores without profiles are skipped, and a profile that
 * exists in no store is a ConfigError listing those that do. In report mode
 * (`input.problems`), a store that cannot be read or used is recorded and passed over.
 */
export async function applyStores(input: SettingsInput, files: ConfigFileSystem, settings: ResolvedSettings, searched: SearchedPlaces): Promise<void> {
  const all = input.lookup === 'all';
  const profile = settings.profile;
  const loaded = new Map<string, LoadedStore | undefined>();
  let consulted = false;
  let profileFound = false;
  for (const definition of STORES) {
    const want = wanted(settings, all).filter((setting) => definition.provides.includes(setting));
    if (want.length === 0 && !all) continue;
    if (profile && !definition.hasProfiles) {
      const reason = `(skipped: it has no profiles and profile ${quote(profile.value)} is named)`;
      for (const setting of want) searched[setting].push(`${storePlace(definition, input)} ${reason}`);
      continue;
    }
    consulted = true;
    const place = storePlace(definition, input);
    const found = await tolerateAsync(input.problems, place, () => loadStore(definition, input, files));
    if (!found) {
      for (const setting of want) searched[setting].push(`${place} (error)`);
      continue;
    }
    const { store } = found;
    loaded.set(definition.id, store);
    const entry = store && tolerate(input.problems, found.place, () => selectEntry(store, profile?.value));
    if (!entry) {
      const why = !store ? 'not found' : profile ? `no profile ${quote(profile.value)}` : 'no default profile';
      for (const setting of want) searched[setting].push(`${found.place} (${why})`);
      continue;
    }
    if (profile) profileFound = true;
    takeFromEntry(entry, want, settings, searched, input.problems);
  }
  if (profile && consulted && !profileFound) {
    await tolerateAsync(input.problems, `profile ${quote(profile.value)}`, () => failUnlessProfileExists(input, files, loaded, profile));
  }
}
