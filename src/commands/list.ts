// `fcinvoke list`: the async tasks (FC 3.0) or stateful async invocations (FC 2.0) of a
// function, all pages up to --limit; a table on stdout, or one service object per line
// (NDJSON) with --json.
import { ExitCode } from '../errors.js';
import { listAsyncInvocations } from '../fc/async-api.js';
import { renderInvocationTable } from '../ui/async-table.js';
import type { ListPlan } from './async-options.js';
import { openAsyncSession, settleError } from './async-session.js';
import { writeText, type CommandContext } from './context.js';
import { toJsonText } from '../escape.js';

/** Lists invocations; resolves to the exit code. */
export async function listCommand(plan: ListPlan, ctx: CommandContext): Promise<number> {
  const session = await openAsyncSession(plan, ctx);
  try {
    const { api } = session.client;
    const { invocations, more } = await listAsyncInvocations(session.client, session.target, plan.filter, plan.limit);
    if (plan.json) {
      await writeText(ctx.stdout, invocations.map((i) => `${toJsonText(i)}\n`).join(''));
    } else if (invocations.length > 0) {
      const rows = invocations.map((i) => api.readAsyncInvocation(i, null));
      const view = { style: await ctx.terminal.style('stdout'), width: ctx.terminal.stdout.columns(), now: ctx.now().getTime() };
      await writeText(ctx.stdout, renderInvocationTable(rows, view, api.nouns));
    }
    if (invocations.length === 0) await session.info(`no ${api.nouns.asyncInvocations} match\n`);
    if (more) await session.info(`showing the first ${plan.limit}; there are more (raise --limit or narrow the filters)\n`);
    return ExitCode.ok;
  } catch (error) {
    throw settleError(error, session, ctx, 'list');
  } finally {
    await session.close();
  }
}
