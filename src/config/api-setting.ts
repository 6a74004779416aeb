// The setting a command needs before its arguments can be checked: the API version, from the
// flag, the environment or the project file (the credential stores never hold it), so that
// the target, the limits and the `-H` rules checked are those of the API that will be used.
import { nodeFileSystem } from './files.js';
import { findProjectConfig } from './project-file.js';
import { readEnv, readFlag, SETTINGS } from './schema.js';
import type { SettingsInput, Sourced } from './settings.js';
import type { ApiVersion } from './values.js';

/**
 * The forced API version and its source (`--api-version`, `FCINVOKE_API_VERSION`, the
 * project file), or undefined when none says one. Throws ConfigError (exit 3) for an
 * invalid value or an unusable project file, as the full resolution would.
 */
export async function resolveApiVersion(input: Pick<SettingsInput, 'flags' | 'env' | 'cwd' | 'home' | 'files'>): Promise<Sourced<ApiVersion> | undefined> {
  const row = SETTINGS.apiVersion;
  const flag = readFlag(row, input.flags);
  if (flag !== undefined) return { value: row.validate(flag, 'command line', row.flag.name), source: row.flag.name };
  const env = readEnv(row, input.env);
  if (env !== undefined) return { value: row.validate(env, 'environment', row.env), source: row.env };
  const project = await findProjectConfig(input.files ?? nodeFileSystem, input.cwd, input.home);
  const value = project.config?.apiVersion;
  return value === undefined || project.source === undefined ? undefined : { value, source: `apiVersion in ${project.source}` };
}
