// The settings model: every value the commands use, each with the place it came from.
import type { Credentials } from '../credentials.js';
import type { OwnSettingName, SettingsFlags, SettingValue } from './schema.js';

export type { SettingsFlags } from './schema.js';

/** A value and where it came from, e.g. `--region`, `ALIBABA_CLOUD_REGION_ID`, `~/.aliyun/config.json, profile "work"`. */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** The source of credentials taken from ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET (and _SECURITY_TOKEN). */
export const ENV_CREDENTIALS_SOURCE = 'ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET';

/** For each setting that can be missing when a command needs it: every place looked, with what was found there. */
export interface SearchedPlaces {
  credentials: string[];
  region: string[];
  accountId: string[];
}

/** Each setting of the table (config/schema.ts) but the key pair's parts, with its source; absent when no source gave it. */
export type SourcedSettings = { [K in OwnSettingName]?: Sourced<SettingValue<K>> };

/** What the commands read. A setting that no source gave is absent. */
export interface ResolvedSettings extends SourcedSettings {
  credentials?: Sourced<Credentials>;
  /** Non-fatal remarks for stderr (e.g. a setting ignored and why). */
  warnings: string[];
  /** Set by resolveSettings; used by requireCredentials and requireEndpointSettings to say where they looked. */
  searched?: SearchedPlaces;
}

/** How settings resolution reads files; injected so that tests can simulate any failure. */
export interface ConfigFileSystem {
  /**
   * The file's text, or undefined when nothing is at the path. Anything else that keeps
   * the file from being read (permissions, a directory, a FIFO) is thrown as an error
   * with a Node-style `code` (EACCES, EISDIR, ...).
   */
  readFile(path: string): Promise<string | undefined>;
  /** Whether anything (file or directory) is at the path; used for the `.git` marker. */
  exists(path: string): Promise<boolean>;
}

/** Everything settings resolution reads, passed in so that it stays testable. */
export interface SettingsInput {
  flags: SettingsFlags;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
  /** Defaults to the real file system. */
  files?: ConfigFileSystem | undefined;
  /**
   * `needed` (the default): read a credential store only while a setting it can give is
   * still missing. `all`: read every store, for `fcinvoke config`.
   */
  lookup?: 'needed' | 'all' | undefined;
  /**
   * Report mode, for `fcinvoke config`: when given, a source that cannot be used (a
   * malformed or unreadable file, an invalid value, an unusable or unknown profile) is
   * recorded here and skipped, and resolution goes on with the others instead of throwing.
   */
  problems?: SettingsProblem[] | undefined;
}

/** A source that could not be used, as report mode records it. */
export interface SettingsProblem {
  /** The flag, variable, file or profile: `--region`, `environment`, `project config`, `~/.aliyun/config.json`. */
  place: string;
  /** The ConfigError's code (`InvalidConfig`, `UnknownProfile`, ...). */
  code: string;
  /** The ConfigError's message, which names the place and the fix. */
  message: string;
}

/** One place `fcinvoke config --sources` reports: what was looked at and what it held, masked. */
export interface SourceReport {
  kind: 'flags' | 'environment' | 'project' | 'store';
  /** Which credential store, for kind `store`. */
  store?: 'aliyun-cli' | 'credentials-file' | 'serverless-devs' | 'fcli';
  /** `command line`, `environment`, or a file path (`~` for the home directory). */
  place: string;
  status: 'found' | 'not found' | 'error';
  /** One line: the error, or where a search went. */
  note?: string;
  /** Profile or alias names in file order, for the stores that have them. */
  profiles?: string[];
  /** The profile or alias used when none is named. */
  defaultProfile?: string;
  /** What the place held; secrets masked. `profile` is set for the values of one profile or alias. */
  values: Array<{ profile?: string; name: string; value: string }>;
}

/** The places credentials are looked for, for "missing credentials" messages. */
export const CREDENTIAL_PLACES = [
  ENV_CREDENTIALS_SOURCE,
  '~/.aliyun/config.json',
  '~/.alibabacloud/credentials',
  '~/.s/access.yaml',
  '~/.fcli/config.yaml',
] as const;
