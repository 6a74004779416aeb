// `fcinvoke stop`: StopAsyncTask (FC 3.0) or StopStatefulAsyncInvocation (FC 2.0); the
// service's refusal (e.g. an invocation that already ended) is an API error, exit 4, with its message.
import { ExitCode } from '../errors.js';
import { stopAsyncInvocation } from '../fc/async-api.js';
import { oneLine } from '../ui/text.js';
import type { StopPlan } from './async-options.js';
import { openAsyncSession, settleError } from './async-session.js';
import type { CommandContext } from './context.js';

/** Asks the service to stop one invocation; resolves to the exit code. */
export async function stopCommand(plan: StopPlan, ctx: CommandContext): Promise<number> {
  const session = await openAsyncSession(plan, ctx);
  try {
    const { requestId } = await stopAsyncInvocation(session.client, session.target, plan.invocationId);
    const id = requestId ? ` (request ID ${oneLine(requestId)})` : '';
    await session.info(
      `${session.style.yellow('stop accepted')} for ${plan.invocationId}${id}; see it end with: fcinvoke status ${session.client.api.targetArgs(session.target)} ${plan.invocationId}\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    throw settleError(error, session, ctx, `stop of ${plan.invocationId}`);
  } finally {
    await session.close();
  }
}
