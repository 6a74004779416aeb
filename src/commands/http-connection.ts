// Where and as whom for `fcinvoke http`: the settings, the credentials only when the request
// is signed, the endpoint only for the short form, and the request they make of the plan.
import { requireCredentials, requireEndpointSettings, resolveSettings } from '../config/resolve.js';
import type { ResolvedSettings } from '../config/settings.js';
import { ConfigError } from '../errors.js';
import { buildBaseUrl } from '../fc/endpoint.js';
import { needsEndpoint, resolveTriggerSpec, type ResolvedTrigger } from '../fc/http-trigger/plan.js';
import { callerSecretsOf } from '../fc/http-trigger/redact.js';
import type { TriggerSigner } from '../fc/http-trigger/request.js';
import { accountOfHost } from '../fc/http-trigger/target.js';
import type { CommandContext } from './context.js';
import type { HttpPlan } from './http-options.js';

export interface HttpConnection {
  settings: ResolvedSettings;
  /** The request, but for its body's size. */
  trigger: ResolvedTrigger;
  /** null with --auth anonymous: nothing of the credentials is read into the request. */
  signer: TriggerSigner | null;
  userAgent: string;
}

function requireSigningCredentials(settings: ResolvedSettings) {
  try {
    return requireCredentials(settings);
  } catch (error) {
    if (!(error instanceof ConfigError) || error.code !== 'MissingCredentials') throw error;
    throw new ConfigError(`${error.message}; a trigger with anonymous auth needs none: add --auth anonymous`, { code: error.code });
  }
}

/**
 * Resolves the settings, reports their warnings through `warn`, and makes the request of the
 * plan; `known` hears of the request as soon as it is made, before the credentials are looked at.
 */
export async function resolveHttpConnection(
  plan: HttpPlan,
  ctx: CommandContext,
  warn: (message: string) => Promise<void>,
  known?: (trigger: ResolvedTrigger) => void,
): Promise<HttpConnection> {
  const settings = await resolveSettings({ flags: plan.settingsFlags, env: ctx.env, cwd: ctx.cwd, home: ctx.home });
  for (const warning of settings.warnings) await warn(warning);
  for (const value of callerSecretsOf(plan.trigger.headers)) ctx.secrets.add(value);
  const baseUrl = needsEndpoint(plan.trigger) ? buildBaseUrl(requireEndpointSettings(settings)) : undefined;
  const trigger = resolveTriggerSpec(plan.trigger, {
    baseUrl,
    qualifier: settings.qualifier?.value,
    apiVersion: settings.apiVersion?.value,
    logs: plan.logs ?? settings.logs?.value ?? true,
  });
  known?.(trigger);
  let signer: TriggerSigner | null = null;
  if (trigger.auth === 'function') {
    const credentials = requireSigningCredentials(settings);
    ctx.secrets.add(credentials.accessKeySecret);
    ctx.secrets.add(credentials.securityToken);
    // The account host names its account; elsewhere the configured one is sent when there is one.
    signer = { credentials, accountId: accountOfHost(new URL(trigger.url).hostname) ?? settings.accountId?.value };
  }
  return { settings, trigger, signer, userAgent: `fcinvoke/${ctx.version} node/${process.versions.node}` };
}
