// What every credential store parser produces: entries by profile (or alias), each with
// the settings it can give, its provenance, and a masked view for `config --sources`.
import type { ConfigError } from '../../errors.js';
import type { Credentials } from '../../credentials.js';

/** Settings a store can give. */
export type StoreSetting = 'credentials' | 'region' | 'accountId';

/** One profile or alias (or the whole file, for stores without profiles). */
export interface StoreEntry {
  /** Provenance of every value taken from this entry: `~/.aliyun/config.json, profile "work"`. */
  source: string;
  /** A complete pair (and token) from this entry, never mixed with another. */
  credentials?: Credentials;
  /** Why this entry's credentials cannot be used (unsupported mode, half a pair); thrown only if they would be. */
  credentialsProblem?: ConfigError;
  region?: string;
  accountId?: string;
  /** A non-standard endpoint (fcli), used only when no account ID and region are known. */
  endpoint?: string;
  /** The endpoint named the `-internal` host (fcli). */
  internal?: boolean;
  /** What the entry holds, secrets masked, for `config --sources`. */
  held: Array<{ name: string; value: string }>;
}

/** A parsed store file. */
export interface LoadedStore {
  /** Entries in file order, by profile or alias name; stores without profiles have one entry named ''. */
  entries: Map<string, StoreEntry>;
  /** The entry used when no profile is named, if any. */
  defaultName?: string;
  /** Why no default entry can be chosen (e.g. `current` names a missing profile). */
  defaultProblem?: ConfigError;
}

/** A store parser: text of the file and its display path in, entries out; throws ConfigError on bad files. */
export type StoreParser = (text: string, place: string) => LoadedStore | Promise<LoadedStore>;

/** Where the stores are looked for. */
export interface StoreContext {
  home: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Reads a string field; absent, null and '' are undefined; any other type is a ConfigError naming the key. */
export type FieldReader = (key: string) => string | undefined;
