// ~/.alibabacloud/credentials (or $ALIBABA_CLOUD_CREDENTIALS_FILE): INI, one section per
// profile; only `type = access_key` carries usable keys (fc2-protocol §9.3;
// @alicloud/credentials 2.4.7 dist/src/providers/profile.js).
import { ConfigError } from '../../errors.js';
import { maskId, maskSecret } from '../../credentials.js';
import { parseIni } from '../parse-ini.js';
import { quote } from '../text.js';
import { pairFrom } from './fields.js';
import type { LoadedStore, StoreEntry } from './types.js';

function entryFor(section: Map<string, string>, source: string): StoreEntry {
  const field = (key: string): string | undefined => section.get(key) || undefined;
  const type = field('type');
  const id = field('access_key_id');
  const secret = field('access_key_secret');
  const entry: StoreEntry = { source, held: [] };
  if (type) entry.held.push({ name: 'type', value: type });
  if (id) entry.held.push({ name: 'access_key_id', value: maskId(id) });
  if (secret) entry.held.push({ name: 'access_key_secret', value: maskSecret(secret) });
  if (type === 'access_key') {
    Object.assign(entry, pairFrom(source, id, secret, undefined, { id: 'access_key_id', secret: 'access_key_secret', token: '' }));
  } else if (type === undefined) {
    entry.credentialsProblem = new ConfigError(`${source} has no "type"; add \`type = access_key\` to the section`, {
      code: 'InvalidConfig',
    });
  } else {
    entry.credentialsProblem = new ConfigError(
      `${source} has type ${quote(type)}, which fcinvoke cannot use: it supports type access_key. ` +
        'Add an access_key profile and name it with --profile, or get temporary keys (e.g. `aliyun sts AssumeRole`) and set ' +
        'ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET and ALIBABA_CLOUD_SECURITY_TOKEN',
      { code: 'UnsupportedCredentials' },
    );
  }
  return entry;
}

/** Parses the INI credentials file. The default profile is `default`. */
export function parseCredentialsFile(text: string, place: string): LoadedStore {
  const entries = new Map<string, StoreEntry>();
  for (const [name, section] of parseIni(text, place)) {
    entries.set(name, entryFor(section, `${place}, profile ${quote(name)}`));
  }
  return { entries, defaultName: 'default' };
}
