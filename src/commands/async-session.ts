// What `status`, `stop` and `list` share: settings and credentials, a dispatcher, the
// --timeout deadline, stderr reporting, and turning an aborted call into the right error.
import { loadTransport } from './network.js';
import { FcInvokeError, NetworkError } from '../errors.js';
import type { AsyncApiClient } from '../fc/async-api.js';
import type { FunctionTarget } from '../fc/names.js';
import { DEFAULT_RETRY_POLICY } from '../fc/retry.js';
import { loadTrustedCas } from '../io/ca-file.js';
import { renderWarning } from '../ui/render.js';
import type { Style } from '../ui/style.js';
import type { AsyncPlan } from './async-options.js';
import { endpointOverrides } from '../config/resolve.js';
import { resolveConnection } from './connection.js';
import { explainFailure, type EndpointFacts } from './failure-hints.js';
import { writeText, type CommandContext } from './context.js';

export interface AsyncSession {
  client: AsyncApiClient;
  /** The plan's target, with the qualifier from the settings when the command line gave none. */
  target: FunctionTarget;
  style: Style;
  /** Seconds, from the flag or the settings; undefined = no limit. */
  timeoutSeconds: number | undefined;
  /** Aborted when --timeout runs out (the client's signal also covers Ctrl-C). */
  deadline: AbortSignal | undefined;
  /** Where the calls go (to name the real cause of a failure). */
  where: EndpointFacts;
  /** Notes and progress (silent with --quiet). */
  info(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Resolves where and as whom, and opens a dispatcher; `close()` it when done. */
export async function openAsyncSession(plan: AsyncPlan, ctx: CommandContext): Promise<AsyncSession> {
  const style = await ctx.terminal.style('stderr');
  const info = (text: string) => (plan.quiet ? Promise.resolve() : writeText(ctx.stderr, text));
  const connection = await resolveConnection(plan.settingsFlags, plan.api, ctx, (w) => info(renderWarning(w, style)));
  const timeoutSeconds = plan.timeout ?? connection.settings.timeout?.value;
  const retries = connection.settings.retries?.value ?? DEFAULT_RETRY_POLICY.retries;
  const ca = plan.caFile ? await loadTrustedCas(plan.caFile, ctx.env) : undefined;
  const { createDispatcher } = await loadTransport();
  const dispatcher = createDispatcher(ca ? { ca } : {}, ctx.env);
  const deadline = timeoutSeconds === undefined ? undefined : AbortSignal.timeout(timeoutSeconds * 1000);
  const client: AsyncApiClient = {
    api: connection.api,
    baseUrl: connection.baseUrl,
    credentials: connection.credentials,
    accountId: connection.accountId,
    userAgent: connection.userAgent,
    dispatcher,
    signal: deadline ? AbortSignal.any([ctx.signal, deadline]) : ctx.signal,
    policy: { ...DEFAULT_RETRY_POLICY, retries },
    now: ctx.now,
    secrets: ctx.secrets,
  };
  const target = { ...plan.target, qualifier: plan.target.qualifier ?? connection.settings.qualifier?.value };
  const where = { url: connection.baseUrl, endpointSource: connection.settings.endpoint?.source ?? null, ignoredFlags: endpointOverrides(connection.settings, plan.settingsFlags), env: ctx.env };
  return { client, target, style, timeoutSeconds, deadline, where, info, close: () => dispatcher.close().catch(() => {}) };
}

/**
 * The error to throw for a failure of a call in `session`: Ctrl-C's InterruptedError,
 * a Timeout naming --timeout, or the error itself.
 */
export function settleError(error: unknown, session: Pick<AsyncSession, 'deadline' | 'timeoutSeconds' | 'where'>, ctx: CommandContext, what: string): unknown {
  if (ctx.signal.aborted) return ctx.signal.reason;
  if (session.deadline?.aborted && !(error instanceof FcInvokeError && error.code === 'Timeout')) {
    return new NetworkError('Timeout', `${what}: no answer within --timeout ${session.timeoutSeconds} s`, { cause: error });
  }
  return explainFailure(error, session.where);
}
