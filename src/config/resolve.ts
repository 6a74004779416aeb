// Settings resolution: flags over environment, each value with its source.
import { ConfigError } from '../errors.js';
import type { Credentials, ResolvedSettings, SettingsInput, Sourced } from './settings.js';

function fromFlagOrEnv(
  flag: string | undefined,
  flagName: string,
  env: SettingsInput['env'],
  envName: string,
): Sourced<string> | undefined {
  if (flag !== undefined && flag !== '') return { value: flag, source: flagName };
  const value = env[envName];
  if (value !== undefined && value !== '') return { value, source: envName };
  return undefined;
}

function credentialsFromEnv(env: SettingsInput['env']): Sourced<Credentials> | undefined {
  const accessKeyId = env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const accessKeySecret = env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  if (!accessKeyId && !accessKeySecret) return undefined;
  if (!accessKeyId || !accessKeySecret) {
    const missing = accessKeyId ? 'ALIBABA_CLOUD_ACCESS_KEY_SECRET' : 'ALIBABA_CLOUD_ACCESS_KEY_ID';
    throw new ConfigError(`${missing} is not set but its pair is: set both, or neither`, {
      code: 'IncompleteCredentials',
    });
  }
  const securityToken = env.ALIBABA_CLOUD_SECURITY_TOKEN || undefined;
  return { value: { accessKeyId, accessKeySecret, securityToken }, source: 'environment (ALIBABA_CLOUD_ACCESS_KEY_*)' };
}

/** Resolves every setting from the flags and the environment. */
export async function resolveSettings(input: SettingsInput): Promise<ResolvedSettings> {
  const { flags, env } = input;
  const settings: ResolvedSettings = { warnings: [] };
  const credentials = credentialsFromEnv(env);
  if (credentials) settings.credentials = credentials;
  const region = fromFlagOrEnv(flags.region, '--region', env, 'ALIBABA_CLOUD_REGION_ID');
  if (region) settings.region = region;
  const accountId = fromFlagOrEnv(flags.accountId, '--account-id', env, 'ALIBABA_CLOUD_ACCOUNT_ID');
  if (accountId) settings.accountId = accountId;
  const endpoint = fromFlagOrEnv(flags.endpoint, '--endpoint', env, 'FCINVOKE_ENDPOINT');
  if (endpoint) settings.endpoint = endpoint;
  if (flags.internal) settings.internal = { value: true, source: '--internal' };
  const profile = fromFlagOrEnv(flags.profile, '--profile', env, 'ALIBABA_CLOUD_PROFILE');
  if (profile) settings.profile = profile;
  return settings;
}

/** The credentials, or a ConfigError that says every place that was looked at. */
export function requireCredentials(settings: ResolvedSettings): Credentials {
  if (settings.credentials) return settings.credentials.value;
  throw new ConfigError(
    'no credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN for an STS key)',
    { code: 'MissingCredentials' },
  );
}
