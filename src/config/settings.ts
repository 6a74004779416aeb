// The settings model: every value the commands use, each with the place it came from.

/** An AccessKey pair, with an STS token when the key is temporary. Always from one source. */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
}

/** A value and where it came from, e.g. `--region`, `ALIBABA_CLOUD_REGION_ID`, `~/.aliyun/config.json, profile "work"`. */
export interface Sourced<T> {
  value: T;
  source: string;
}

/** What the commands read. A setting that no source gave is absent. */
export interface ResolvedSettings {
  credentials?: Sourced<Credentials>;
  region?: Sourced<string>;
  accountId?: Sourced<string>;
  endpoint?: Sourced<string>;
  internal?: Sourced<boolean>;
  profile?: Sourced<string>;
  qualifier?: Sourced<string>;
  /** Seconds. */
  timeout?: Sourced<number>;
  retries?: Sourced<number>;
  logs?: Sourced<boolean>;
  /** Non-fatal remarks for stderr (e.g. a setting ignored and why). */
  warnings: string[];
}

/** The flags that choose where and as whom (cli-contract "Settings", 1). */
export interface SettingsFlags {
  region?: string | undefined;
  accountId?: string | undefined;
  endpoint?: string | undefined;
  internal?: boolean | undefined;
  profile?: string | undefined;
}

/** Everything settings resolution reads, passed in so that it stays testable. */
export interface SettingsInput {
  flags: SettingsFlags;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  home: string;
}

/** The places credentials are looked for, for "missing credentials" messages. */
export const CREDENTIAL_PLACES = [
  'ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET',
] as const;
