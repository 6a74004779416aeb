// Reading typed fields of store entries, with errors that name the file, entry and key.
import { ConfigError } from '../../errors.js';
import { isMapping, own } from '../values.js';
import type { Credentials } from '../../credentials.js';
import type { FieldReader } from './types.js';

/** A reader of optional string fields of one mapping; numbers are accepted as their decimal text. */
export function fieldReader(data: Record<string, unknown>, where: string): FieldReader {
  return (key) => {
    const value = own(data, key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    if (typeof value === 'boolean') return String(value);
    throw new ConfigError(`${where}: "${key}" must be a string`, { code: 'InvalidConfig' });
  };
}

/** The data as a mapping, or a ConfigError saying what it must be. */
export function requireMapping(data: unknown, where: string, what: string): Record<string, unknown> {
  if (!isMapping(data)) throw new ConfigError(`${where}: must be ${what}`, { code: 'InvalidConfig' });
  return data;
}

/**
 * A whole pair from one entry, or a problem: half a pair is never completed from elsewhere.
 * `names` are the entry's own key names, for the message.
 */
export function pairFrom(
  source: string,
  id: string | undefined,
  secret: string | undefined,
  token: string | undefined,
  names: { id: string; secret: string; token: string },
): { credentials?: Credentials; credentialsProblem?: ConfigError } {
  if (id && secret) return { credentials: { accessKeyId: id, accessKeySecret: secret, securityToken: token } };
  if (!id && !secret && !token) return {};
  const missing = !id ? names.id : !secret ? names.secret : names.id;
  return {
    credentialsProblem: new ConfigError(
      `${source} has ${id || secret ? 'half an AccessKey pair' : `a ${names.token} without its key pair`}: "${missing}" is missing. ` +
        'An AccessKey ID and its secret are only used together, from the same place; complete the entry or remove it',
      { code: 'IncompleteCredentials' },
    ),
  };
}
