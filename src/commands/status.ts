// `fcinvoke status`: one async task (FC 3.0) or stateful async invocation (FC 2.0), readable
// or as the service's object; with --wait, polled until it ends and judged by its final status.
import { ExitCode, InterruptedError } from '../errors.js';
import { getAsyncInvocation, type FetchedInvocation } from '../fc/async-api.js';
import { renderInvocationDetails } from '../ui/async-render.js';
import type { StatusPlan } from './async-options.js';
import { openAsyncSession, settleError } from './async-session.js';
import { deliverOutcome, waitWithProgress } from './async-wait.js';
import { writeText, type CommandContext } from './context.js';
import { resultSink } from './result-sink.js';
import { toJsonText } from '../escape.js';

/** Shows (or waits for) one invocation; resolves to the exit code. */
export async function statusCommand(plan: StatusPlan, ctx: CommandContext): Promise<number> {
  const session = await openAsyncSession(plan, ctx);
  const seen: { last: FetchedInvocation | null } = { last: null };
  try {
    if (plan.wait) {
      const fetched = await waitWithProgress({
        client: session.client,
        target: session.target,
        invocationId: plan.invocationId,
        ctx,
        style: session.style,
        quiet: plan.quiet,
        deadline: session.deadline,
        timeoutSeconds: session.timeoutSeconds,
        onFetched: (fetched) => (seen.last = fetched),
      });
      if (plan.json) await writeText(ctx.stdout, `${toJsonText(fetched.json, 2)}\n`);
      return await deliverOutcome(fetched, { ctx, style: session.style, quiet: plan.quiet, sink: plan.json ? null : resultSink(ctx) });
    }
    const fetched = await getAsyncInvocation(session.client, session.target, plan.invocationId);
    if (plan.json) {
      await writeText(ctx.stdout, `${toJsonText(fetched.json, 2)}\n`);
    } else {
      // stdout's own colour: only when stdout is a terminal (or FORCE_COLOR says so).
      const style = await ctx.terminal.style('stdout');
      await writeText(ctx.stdout, renderInvocationDetails(fetched.invocation, style, session.client.api.nouns));
    }
    return ExitCode.ok;
  } catch (error) {
    const settled = settleError(error, session, ctx, `status of ${plan.invocationId}`);
    // Interrupted, --json still prints its one document: the last state seen, as the service
    // sent it (its status says it had not ended); nothing when none had arrived yet.
    if (plan.json && seen.last && settled instanceof InterruptedError) await writeText(ctx.stdout, `${toJsonText(seen.last.json, 2)}\n`);
    throw settled;
  } finally {
    await session.close();
  }
}
