// Where and as whom, in the API version the command's plan chose: settings resolved for a
// command that talks to the service, with warnings shown, credentials required, the base
// URL built and the secrets handed to the run's scrubber.
import { requireCredentials, requireEndpointSettings, resolveSettings } from '../config/resolve.js';
import type { Credentials } from '../credentials.js';
import type { ResolvedSettings, SettingsFlags } from '../config/settings.js';
import { buildBaseUrl } from '../fc/endpoint.js';
import type { ApiConnection, FcApi } from '../fc/fc-api.js';
import { SignatureMemo } from '../fc/signature-memo.js';
import type { CommandContext } from './context.js';

export interface Connection extends ApiConnection {
  settings: ResolvedSettings;
  credentials: Credentials;
  /** The API version every request of the command speaks. */
  api: FcApi;
}

/**
 * Resolves settings, reports their warnings through `warn`, and fails (exit 3) on what is
 * missing. `api` is the one the command's plan was made for (chosen once, by api-choice.ts).
 */
export async function resolveConnection(
  flags: SettingsFlags,
  api: FcApi,
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
    signatures: new SignatureMemo(),
    api,
  };
}
