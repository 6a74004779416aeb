// Where, as whom and in which API version: settings resolved for a command that talks to
// the service, with warnings shown, credentials required, the base URL built and the
// secrets handed to the run's scrubber.
import { requireCredentials, requireEndpointSettings, resolveSettings } from '../config/resolve.js';
import type { Credentials } from '../credentials.js';
import type { ResolvedSettings, SettingsFlags } from '../config/settings.js';
import { findApi, DEFAULT_API_VERSION } from '../fc/api-version.js';
import { buildBaseUrl } from '../fc/endpoint.js';
import type { ApiConnection, FcApi } from '../fc/fc-api.js';
import type { CommandContext } from './context.js';

export interface Connection extends ApiConnection {
  settings: ResolvedSettings;
  credentials: Credentials;
  /** The API version every request of the command speaks. */
  api: FcApi;
}

/**
 * The API version a command speaks; the one place it is chosen. For now always FC 2.0; a
 * version setting, when there is one, is read here, and planning (which checks the target
 * and the event limit by the API's rules) asks here too.
 */
export function chooseApi(): FcApi {
  return findApi(DEFAULT_API_VERSION);
}

/** Resolves settings, reports their warnings through `warn`, and fails (exit 3) on what is missing. */
export async function resolveConnection(
  flags: SettingsFlags,
  ctx: CommandContext,
  warn: (message: string) => Promise<void>,
): Promise<Connection> {
  const settings = await resolveSettings({ flags, env: ctx.env, cwd: ctx.cwd, home: ctx.home });
  for (const warning of settings.warnings) await warn(warning);
  const credentials = requireCredentials(settings);
  ctx.secrets.add(credentials.accessKeySecret);
  ctx.secrets.add(credentials.securityToken);
  const baseUrl = buildBaseUrl(requireEndpointSettings(settings));
  return {
    settings,
    credentials,
    baseUrl,
    accountId: settings.accountId?.value,
    userAgent: `fcinvoke/${ctx.version} node/${process.versions.node}`,
    api: chooseApi(),
  };
}
