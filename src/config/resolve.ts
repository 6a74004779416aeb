// Settings resolution: flags, then the environment, then the project config, then the
// credential stores (cli-contract "Settings"). Each value keeps its source; credentials
// come whole from one place; a store is read only while something it can give is missing.
import { headerValueProblem, type Credentials } from '../credentials.js';
import { ConfigError } from '../errors.js';
import { nodeFileSystem } from './files.js';
import { describeSearch, findProjectConfig, type ProjectConfig } from './project-file.js';
import { readEnv, readFlag, SETTING_ROWS, SETTINGS, type SettingDefinition } from './schema.js';
import {
  CREDENTIAL_PLACES,
  ENV_CREDENTIALS_SOURCE,
  type ResolvedSettings,
  type SearchedPlaces,
  type SettingsInput,
  type Sourced,
} from './settings.js';
import { applyStores } from './store-lookup.js';
import { quote } from './text.js';
import { tolerate, tolerateAsync } from './tolerate.js';

type Env = SettingsInput['env'];

/** The settings by name, for code that treats every row of the table alike: each row's validator gave its value the setting's type. */
function slotsOf(settings: ResolvedSettings): Record<string, Sourced<unknown> | undefined> {
  return settings as unknown as Record<string, Sourced<unknown> | undefined>;
}

/** The value from the row's flag, else its environment variable, checked by its validator. */
function fromFlagOrEnv(row: SettingDefinition, input: SettingsInput): Sourced<unknown> | undefined {
  // A bad settings flag is exit 3 like any invalid setting (docs/exit-codes.md: "invalid --endpoint").
  const flag = readFlag(row, input.flags);
  if (row.flag && flag !== undefined) return { value: row.validate(flag, 'command line', row.flag.name), source: row.flag.name };
  const value = readEnv(row, input.env);
  if (row.env !== undefined && value !== undefined) return { value: row.validate(value, 'environment', row.env), source: row.env };
  return undefined;
}

function keyPartFromEnv(env: Env, row: SettingDefinition<string> & { env: string }): string | undefined {
  const value = readEnv(row, env);
  return value === undefined ? undefined : row.validate(value, 'environment', row.env);
}

function credentialsFromEnv(env: Env): Sourced<Credentials> | undefined {
  const accessKeyId = keyPartFromEnv(env, SETTINGS.accessKeyId);
  const accessKeySecret = keyPartFromEnv(env, SETTINGS.accessKeySecret);
  const securityToken = keyPartFromEnv(env, SETTINGS.securityToken);
  if (!accessKeyId && !accessKeySecret) {
    if (!securityToken) return undefined;
    throw new ConfigError(
      'ALIBABA_CLOUD_SECURITY_TOKEN is set without ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET: ' +
        'a token only works with the temporary key pair it came with; set all three, or unset it',
      { code: 'IncompleteCredentials' },
    );
  }
  if (!accessKeyId || !accessKeySecret) {
    const missing = accessKeyId ? 'ALIBABA_CLOUD_ACCESS_KEY_SECRET' : 'ALIBABA_CLOUD_ACCESS_KEY_ID';
    throw new ConfigError(`${missing} is not set but its pair is: set both, or neither`, {
      code: 'IncompleteCredentials',
    });
  }
  return { value: { accessKeyId, accessKeySecret, securityToken }, source: ENV_CREDENTIALS_SOURCE };
}

function applyFlagsAndEnv(input: SettingsInput, settings: ResolvedSettings): void {
  const credentials = tolerate(input.problems, 'environment', () => credentialsFromEnv(input.env));
  if (credentials) settings.credentials = credentials;
  for (const [name, row] of SETTING_ROWS) {
    if (row.partOf === 'credentials') continue;
    const place = (readFlag(row, input.flags) !== undefined && row.flag?.name) || row.env || name;
    const sourced = tolerate(input.problems, place, () => fromFlagOrEnv(row, input));
    if (sourced) slotsOf(settings)[name] = sourced;
  }
}

function applyProject(config: ProjectConfig, source: string, settings: ResolvedSettings): void {
  const slots = slotsOf(settings);
  for (const [name, value] of Object.entries(config)) {
    if (value !== undefined && slots[name] === undefined) slots[name] = { value, source };
  }
}

/**
 * Resolves every setting from the flags, the environment, the project config and the
 * credential stores. Throws ConfigError (exit 3) for unreadable, malformed or unsafe
 * files, invalid values and unusable credentials; in report mode (`input.problems`)
 * records them there instead and goes on without that source.
 */
export async function resolveSettings(input: SettingsInput): Promise<ResolvedSettings> {
  const files = input.files ?? nodeFileSystem;
  const settings: ResolvedSettings = { warnings: [] };
  const searched: SearchedPlaces = {
    credentials: [`${ENV_CREDENTIALS_SOURCE} (not set)`],
    region: ['--region (not given)', 'ALIBABA_CLOUD_REGION_ID (not set)'],
    accountId: ['--account-id (not given)', 'ALIBABA_CLOUD_ACCOUNT_ID (not set)'],
  };
  settings.searched = searched;
  applyFlagsAndEnv(input, settings);

  const project = await tolerateAsync(input.problems, 'project config', () => findProjectConfig(files, input.cwd, input.home));
  if (project) {
    settings.warnings.push(...project.warnings);
    const projectPlace = describeSearch(project, input.home);
    searched.region.push(project.source ? `${projectPlace} (no region)` : projectPlace);
    searched.accountId.push(project.source ? `${projectPlace} (no accountId)` : projectPlace);
    if (project.config && project.source) applyProject(project.config, project.source, settings);
  }

  await applyStores(input, files, settings, searched);
  const ignored = endpointOverrides(settings, input.flags);
  if (ignored.length > 0) {
    settings.warnings.push(
      `FCINVOKE_ENDPOINT is set (${settings.endpoint?.value ?? ''}), so the endpoint is that one and not the one ${ignored.join(' and ')} would make: ` +
        'unset FCINVOKE_ENDPOINT (left over from the emulator?) to use them, or give --endpoint',
    );
  }
  if (settings.profile && settings.credentials?.source === ENV_CREDENTIALS_SOURCE) {
    settings.warnings.push(
      `profile ${quote(settings.profile.value)} (${settings.profile.source}) is not used for the credentials: ` +
        'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET are set, and the environment comes before profiles',
    );
  }
  return settings;
}

/**
 * The flags given on the command line that FCINVOKE_ENDPOINT makes useless: --region,
 * --account-id and --internal only build an endpoint, and a whole endpoint wins (cli-contract
 * "Settings"). An --endpoint flag wins over the variable, so then there is nothing to say.
 */
export function endpointOverrides(settings: ResolvedSettings, flags: SettingsInput['flags']): string[] {
  if (settings.endpoint?.source !== 'FCINVOKE_ENDPOINT') return [];
  const given: [unknown, string][] = [
    [flags.region, '--region'],
    [flags.accountId, '--account-id'],
    [flags.internal, '--internal'],
  ];
  return given.filter(([value]) => value !== undefined && value !== false).map(([, name]) => name);
}

/** How to try fcinvoke without an account, for the messages about missing settings. */
const OFFLINE_HINT = 'to try fcinvoke offline instead: eval "$(fcinvoke emulator --background)", then fcinvoke run demo hello';

/** A list of places under a heading, one a line, for an error's details. */
function placesDetail(heading: string, places: readonly string[]): string[] {
  return [heading, ...places.map((place) => `  ${place}`)];
}

/** The credentials, or a short ConfigError whose details say every place that was looked at and what to do. */
export function requireCredentials(settings: ResolvedSettings): Credentials {
  if (settings.credentials) return checkSendable(settings.credentials);
  const places = settings.searched?.credentials ?? CREDENTIAL_PLACES;
  throw new ConfigError('no credentials found', {
    code: 'MissingCredentials',
    details: [
      ...placesDetail('looked in, in this order:', places),
      'set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for an STS key), or run `aliyun configure`',
      OFFLINE_HINT,
    ],
  });
}

/**
 * The credentials when the parts that go into headers (the ID, the token) can; else a
 * ConfigError (exit 3) naming the variable or the store, before anything is sent.
 */
function checkSendable({ value, source }: Sourced<Credentials>): Credentials {
  const fromEnv = source === ENV_CREDENTIALS_SOURCE;
  const parts = [
    [value.accessKeyId, fromEnv ? 'ALIBABA_CLOUD_ACCESS_KEY_ID' : `the AccessKey ID from ${source}`],
    [value.securityToken, fromEnv ? 'ALIBABA_CLOUD_SECURITY_TOKEN' : `the STS token from ${source}`],
  ] as const;
  for (const [part, name] of parts) {
    const problem = part === undefined ? null : headerValueProblem(part);
    if (problem) {
      throw new ConfigError(`${name} holds ${problem}, which cannot be sent in an HTTP header: set it again without it`, { code: 'InvalidCredentials' });
    }
  }
  return value;
}

/** What fc/endpoint.ts buildBaseUrl needs: an endpoint, or both an account ID and a region. */
export interface EndpointSettings {
  endpoint?: string;
  accountId?: string;
  region?: string;
  internal: boolean;
}

/** Where each missing part of the endpoint comes from, in words a new user can act on. */
const ACCOUNT_ID_SOURCE =
  "the account ID is your main account's number (not a RAM user's, not an AccessKey ID): `aliyun sts GetCallerIdentity` prints it as AccountId, and the console shows it under your avatar, top right";
const REGION_SOURCE = 'the region is the ID of the region your functions are in, such as cn-hangzhou or ap-southeast-1';

/** The endpoint's inputs, or a short ConfigError whose details name every place looked at and where the values come from. */
export function requireEndpointSettings(settings: ResolvedSettings): EndpointSettings {
  const internal = settings.internal?.value ?? false;
  if (settings.endpoint) return { endpoint: settings.endpoint.value, internal };
  const accountId = settings.accountId?.value;
  const region = settings.region?.value;
  if (accountId && region) return { accountId, region, internal };
  const accountPlaces = settings.searched?.accountId ?? ['--account-id', 'ALIBABA_CLOUD_ACCOUNT_ID'];
  const regionPlaces = settings.searched?.region ?? ['--region', 'ALIBABA_CLOUD_REGION_ID'];
  const missing = [!accountId && 'account ID', !region && 'region'].filter((part): part is string => typeof part === 'string');
  const details = ['the endpoint is https://{accountId}.{region}.fc.aliyuncs.com'];
  if (!accountId) details.push(...placesDetail('account ID looked for in:', accountPlaces), ACCOUNT_ID_SOURCE);
  if (!region) details.push(...placesDetail('region looked for in:', regionPlaces), REGION_SOURCE);
  details.push(
    'give --account-id and --region (or ALIBABA_CLOUD_ACCOUNT_ID and ALIBABA_CLOUD_REGION_ID, or accountId and region in .fcinvokerc.json), ' +
      'or the whole endpoint with --endpoint or FCINVOKE_ENDPOINT',
  );
  throw new ConfigError(`no ${missing.join(' and no ')} to build the endpoint`, { code: 'MissingEndpoint', details });
}
