// Serverless Devs' ~/.s/access.yaml: alias → {AccountID, AccessKeyID, AccessKeySecret,
// SecurityToken, __provider, __default}, every value encrypted with crypto-js and a fixed
// passphrase (fc2-protocol §9.4; Serverless-Devs/toolkit packages/credential/src).
// A value that is not crypto-js output is taken as plain text.
import { ConfigError } from '../../errors.js';
import { decryptCryptoJsAes, isCryptoJsCiphertext } from '../crypto-js-aes.js';
import { maskId, maskSecret } from '../../credentials.js';
import { parseYaml } from '../parse-yaml.js';
import { quote } from '../text.js';
import { isMapping, showChecked } from '../values.js';
import { fieldReader, pairFrom, requireMapping } from './fields.js';
import type { LoadedStore, StoreEntry } from './types.js';

function entryFor(data: Record<string, unknown>, source: string): { entry: StoreEntry; isDefault: boolean } {
  const raw = fieldReader(data, source);
  const field = (key: string): string | undefined => {
    const value = raw(key);
    if (value === undefined || !isCryptoJsCiphertext(value)) return value;
    const plain = decryptCryptoJsAes(value);
    if (plain === undefined) {
      throw new ConfigError(
        `${source}: cannot decrypt "${key}"; the entry looks damaged: set it again with \`s config add\`, or remove it`,
        { code: 'MalformedConfig' },
      );
    }
    return plain.trim() || undefined;
  };
  const accountId = field('AccountID');
  const id = field('AccessKeyID');
  const secret = field('AccessKeySecret');
  const token = field('SecurityToken');
  const isDefault = field('__default') === 'true';
  const entry: StoreEntry = { source, held: [] };
  const provider = field('__provider');
  if (provider) entry.held.push({ name: '__provider', value: provider });
  if (accountId) {
    entry.accountId = accountId;
    entry.held.push({ name: 'AccountID', value: showChecked('accountId', accountId) });
  }
  if (id) entry.held.push({ name: 'AccessKeyID', value: maskId(id) });
  if (secret) entry.held.push({ name: 'AccessKeySecret', value: maskSecret(secret) });
  if (token) entry.held.push({ name: 'SecurityToken', value: maskSecret(token) });
  if (isDefault) entry.held.push({ name: '__default', value: 'true' });
  Object.assign(entry, pairFrom(source, id, secret, token, { id: 'AccessKeyID', secret: 'AccessKeySecret', token: 'SecurityToken' }));
  return { entry, isDefault };
}

/** Parses access.yaml. The default alias is the first marked `__default: true`, else `default`. */
export async function parseServerlessDevsAccess(text: string, place: string): Promise<LoadedStore> {
  const data = await parseYaml(text, place);
  const entries = new Map<string, StoreEntry>();
  let defaultName: string | undefined;
  if (data === undefined || data === null) return { entries, defaultName: 'default' };
  for (const [alias, value] of Object.entries(requireMapping(data, place, 'a mapping of aliases'))) {
    const source = `${place}, alias ${quote(alias)}`;
    if (!isMapping(value)) throw new ConfigError(`${source}: must be a mapping of keys`, { code: 'InvalidConfig' });
    const { entry, isDefault } = entryFor(value, source);
    entries.set(alias, entry);
    if (isDefault && defaultName === undefined) defaultName = alias;
  }
  return { entries, defaultName: defaultName ?? 'default' };
}
