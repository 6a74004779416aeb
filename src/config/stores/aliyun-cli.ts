// The aliyun CLI's ~/.aliyun/config.json: `current` and named profiles; modes AK and
// StsToken carry usable keys (fc2-protocol §9.2; aliyun-cli config/profile.go).
import { ConfigError } from '../../errors.js';
import { maskId, maskSecret } from '../../credentials.js';
import { parseJson } from '../parse-json.js';
import { quote } from '../text.js';
import { own, showChecked } from '../values.js';
import { fieldReader, pairFrom, requireMapping } from './fields.js';
import type { LoadedStore, StoreEntry } from './types.js';

const SUPPORTED_MODES = ['AK', 'StsToken'];

function unsupportedMode(source: string, mode: string): ConfigError {
  return new ConfigError(
    `${source} uses mode ${quote(mode)}, which fcinvoke cannot use: it supports the modes AK and StsToken. ` +
      'Choose an AK or StsToken profile (--profile NAME, or `aliyun configure --profile NAME --mode AK`), ' +
      'or get temporary keys (e.g. `aliyun sts AssumeRole`) and set ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN',
    { code: 'UnsupportedCredentials' },
  );
}

function parseProfile(data: unknown, place: string, index: number): [string, StoreEntry] {
  const profile = requireMapping(data, `${place}, profiles[${index}]`, 'a JSON object');
  const name = fieldReader(profile, `${place}, profiles[${index}]`)('name');
  if (name === undefined) throw new ConfigError(`${place}, profiles[${index}]: "name" is missing`, { code: 'InvalidConfig' });
  const source = `${place}, profile ${quote(name)}`;
  const field = fieldReader(profile, source);
  // aliyun-cli writes "mode" for every profile; a hand-written one without it is taken as AK.
  const mode = field('mode') ?? 'AK';
  const id = field('access_key_id');
  const secret = field('access_key_secret');
  const token = field('sts_token');
  const region = field('region_id');
  const entry: StoreEntry = { source, held: [{ name: 'mode', value: mode }] };
  if (id) entry.held.push({ name: 'access_key_id', value: maskId(id) });
  if (secret) entry.held.push({ name: 'access_key_secret', value: maskSecret(secret) });
  if (token) entry.held.push({ name: 'sts_token', value: maskSecret(token) });
  if (region) {
    entry.held.push({ name: 'region_id', value: showChecked('region', region) });
    entry.region = region;
  }
  if (!SUPPORTED_MODES.includes(mode)) {
    entry.credentialsProblem = unsupportedMode(source, mode);
  } else if (mode === 'StsToken' && id && secret && !token) {
    entry.credentialsProblem = new ConfigError(`${source} has mode StsToken but no "sts_token"`, {
      code: 'IncompleteCredentials',
    });
  } else {
    // Mode AK ignores a stale sts_token left in the profile, as aliyun-cli does.
    const names = { id: 'access_key_id', secret: 'access_key_secret', token: 'sts_token' };
    Object.assign(entry, pairFrom(source, id, secret, mode === 'StsToken' ? token : undefined, names));
  }
  return [name, entry];
}

/** Parses ~/.aliyun/config.json. The default profile is `current`, else `default`. */
export function parseAliyunCliConfig(text: string, place: string): LoadedStore {
  const data = requireMapping(parseJson(text, place), place, 'a JSON object with "current" and "profiles"');
  const current = fieldReader(data, place)('current');
  const profiles = own(data, 'profiles') ?? [];
  if (!Array.isArray(profiles)) throw new ConfigError(`${place}: "profiles" must be a list`, { code: 'InvalidConfig' });
  const entries = new Map<string, StoreEntry>();
  for (const [index, profile] of profiles.entries()) {
    const [name, entry] = parseProfile(profile, place, index);
    // aliyun-cli takes the first profile of a name.
    if (!entries.has(name)) entries.set(name, entry);
  }
  const store: LoadedStore = { entries, defaultName: current ?? 'default' };
  if (current !== undefined && !entries.has(current)) {
    store.defaultProblem = new ConfigError(
      `${place}: "current" names profile ${quote(current)}, which is not in the file (profiles: ${[...entries.keys()].map(quote).join(', ') || 'none'}); ` +
        'run `aliyun configure` or name a profile with --profile',
      { code: 'UnknownProfile' },
    );
  }
  return store;
}
