// Where and as whom: settings resolved for a command that talks to the service, with
// warnings shown, credentials required, the base URL built and the secrets handed to the
// run's scrubber.
import { requireCredentials, requireEndpointSettings, resolveSettings } from '../config/resolve.js';
import type { Credentials } from '../credentials.js';
import type { ResolvedSettings, SettingsFlags } from '../config/settings.js';
import { buildBaseUrl } from '../fc/endpoint.js';
import type { CommandContext } from './context.js';

export interface Connection {
  settings: ResolvedSettings;
  credentials: Credentials;
  baseUrl: string;
  accountId: string | undefined;
  userAgent: string;
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
  };
}
