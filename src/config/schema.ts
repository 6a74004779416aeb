// The settings, one row each: where a setting may come from (flag, environment variable,
// project-file key), how a value from any of them is checked, and how it may be shown. The
// project file, the resolver, `fcinvoke config` and `--sources` all read this table.
import { maskId, maskSecret } from '../credentials.js';
import { ConfigError } from '../errors.js';
import {
  checkAccountId,
  checkEndpoint,
  checkQualifier,
  checkRegion,
  toApiVersion,
  toBoolean,
  toRetries,
  toText,
  toTimeout,
} from './values.js';

/** The flags that choose where, as whom and which API (cli-contract "Settings", 1). */
export interface SettingsFlags {
  region?: string | undefined;
  accountId?: string | undefined;
  endpoint?: string | undefined;
  internal?: boolean | undefined;
  profile?: string | undefined;
  apiVersion?: string | undefined;
}

/** Checks a value from a source and returns the setting's value, or throws a ConfigError (exit 3) naming `where` and `key`. */
export type Validator<T> = (value: unknown, where: string, key: string) => T;

/** One row of the table. */
export interface SettingDefinition<T = unknown> {
  /** The SettingsFlags member that gives it, and the flag as the user types it (also the value's source). */
  readonly flag?: { readonly option: keyof SettingsFlags; readonly name: string };
  /** The environment variable that gives it. */
  readonly env?: string;
  /** The key that gives it in a project file. */
  readonly projectKey?: string;
  readonly validate: Validator<T>;
  /** What it is, for people. */
  readonly description: string;
  /** How `config` and `--sources` show a value: as it is, a key ID's last 4 characters (maskId), or nothing (maskSecret). */
  readonly mask: 'none' | 'id' | 'secret';
  /** The AccessKey pair's parts come whole from one place (resolve.ts, the stores), never one by one. */
  readonly partOf?: 'credentials';
}

/** A part of the key pair: exactly as given (a secret is never trimmed), and never echoed. */
const toKeyPart: Validator<string> = (value, where, key) => {
  if (typeof value === 'string' && value.trim() !== '') return value;
  const problem = typeof value === 'string' ? 'is blank' : 'must be text';
  throw new ConfigError(`${where}: "${key}" ${problem}; set it to the key, or unset it`, { code: 'InvalidConfig' });
};

/** A text setting with a rule for its text. */
function textWith(check: (value: string, where: string, key: string) => string): Validator<string> {
  return (value, where, key) => check(toText(value, where, key), where, key);
}

/**
 * Every setting, in the order `fcinvoke config` shows them. After these sources come the
 * credential stores (stores/index.ts `STORES`), for the key pair, region, account ID and endpoint.
 */
export const SETTINGS = {
  accessKeyId: {
    env: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    validate: toKeyPart,
    description: 'AccessKey ID',
    mask: 'id',
    partOf: 'credentials',
  },
  accessKeySecret: {
    env: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    validate: toKeyPart,
    description: 'AccessKey secret',
    mask: 'secret',
    partOf: 'credentials',
  },
  securityToken: {
    env: 'ALIBABA_CLOUD_SECURITY_TOKEN',
    validate: toKeyPart,
    description: 'STS token, with a temporary key pair',
    mask: 'secret',
    partOf: 'credentials',
  },
  region: {
    flag: { option: 'region', name: '--region' },
    env: 'ALIBABA_CLOUD_REGION_ID',
    projectKey: 'region',
    validate: textWith(checkRegion),
    description: 'region ID, such as cn-hangzhou',
    mask: 'none',
  },
  accountId: {
    flag: { option: 'accountId', name: '--account-id' },
    env: 'ALIBABA_CLOUD_ACCOUNT_ID',
    projectKey: 'accountId',
    validate: textWith(checkAccountId),
    description: 'account ID (digits)',
    mask: 'none',
  },
  endpoint: {
    flag: { option: 'endpoint', name: '--endpoint' },
    env: 'FCINVOKE_ENDPOINT',
    projectKey: 'endpoint',
    validate: textWith(checkEndpoint),
    description: 'base URL, instead of the one built from account ID and region',
    mask: 'none',
  },
  internal: {
    flag: { option: 'internal', name: '--internal' },
    validate: toBoolean,
    description: 'use the internal endpoint ({region}-internal)',
    mask: 'none',
  },
  profile: {
    flag: { option: 'profile', name: '--profile' },
    env: 'ALIBABA_CLOUD_PROFILE',
    projectKey: 'profile',
    validate: toText,
    description: 'profile or alias to use in the credential stores',
    mask: 'none',
  },
  qualifier: {
    projectKey: 'qualifier',
    validate: textWith(checkQualifier),
    description: 'LATEST, a version or an alias (-q overrides it)',
    mask: 'none',
  },
  timeout: {
    projectKey: 'timeout',
    validate: toTimeout,
    description: 'client-side limit in seconds for a whole invocation (--timeout overrides it)',
    mask: 'none',
  },
  retries: {
    projectKey: 'retries',
    validate: toRetries,
    description: 'extra attempts for failures that provably did not run the function (--retries overrides it)',
    mask: 'none',
  },
  logs: {
    projectKey: 'logs',
    validate: toBoolean,
    description: 'ask for the log tail of a synchronous invocation (--no-logs overrides it)',
    mask: 'none',
  },
  apiVersion: {
    flag: { option: 'apiVersion', name: '--api-version' },
    env: 'FCINVOKE_API_VERSION',
    projectKey: 'apiVersion',
    validate: toApiVersion,
    description: 'API to use whatever the arguments: 2016-08-15 (FC 2.0) or 2023-03-30 (FC 3.0)',
    mask: 'none',
  },
} as const satisfies Record<string, SettingDefinition>;

export type SettingName = keyof typeof SETTINGS;

/** A setting's value: what its validator returns. */
export type SettingValue<K extends SettingName> = ReturnType<(typeof SETTINGS)[K]['validate']>;

/** The settings resolved one by one (everything but the key pair's parts). */
export type OwnSettingName = {
  [K in SettingName]: (typeof SETTINGS)[K] extends { partOf: 'credentials' } ? never : K;
}[SettingName];

/** The settings a project file may hold. */
export type ProjectSettingName = {
  [K in SettingName]: (typeof SETTINGS)[K] extends { projectKey: string } ? K : never;
}[SettingName];

/** The table as rows, in its order, for code that treats every setting alike. */
export const SETTING_ROWS = Object.entries(SETTINGS) as ReadonlyArray<[SettingName, SettingDefinition]>;

/** A value as its row lets it be shown. */
export function showValue(row: SettingDefinition, value: string): string {
  if (row.mask === 'secret') return maskSecret();
  return row.mask === 'id' ? maskId(value) : value;
}

/** What the row's flag was given; an empty or false flag counts as not given. */
export function readFlag(row: SettingDefinition, flags: SettingsFlags): string | true | undefined {
  const value = row.flag && flags[row.flag.option];
  return value === undefined || value === '' || value === false ? undefined : value;
}

/** The row's environment variable; an empty one counts as unset. */
export function readEnv(row: SettingDefinition, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = row.env === undefined ? undefined : env[row.env];
  return value === '' ? undefined : value;
}
