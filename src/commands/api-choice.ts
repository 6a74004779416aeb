// The API a command speaks, chosen once, before its arguments are checked: the version the
// flag, the environment or the project file forces, else the number of names given.
import { resolveApiVersion } from '../config/api-setting.js';
import { chooseApi, type ApiChoice } from '../fc/api-choice.js';
import { settingsFlagsOf, type WhereOptions } from './common-options.js';
import type { CommandContext } from './context.js';

/**
 * The API for the names the command was given (`[function]` or `[service, function]`), and
 * the names as it reads them; `form` says how to give both (`<service> <function>`).
 * Nothing is sent: a usage error is exit 2, an invalid setting exit 3.
 */
export async function chooseCommandApi(names: readonly string[], options: WhereOptions, ctx: Pick<CommandContext, 'env' | 'cwd' | 'home'>, form: string): Promise<ApiChoice> {
  const forced = await resolveApiVersion({ flags: settingsFlagsOf(options), env: ctx.env, cwd: ctx.cwd, home: ctx.home });
  return chooseApi(names, forced && { version: forced.value, source: forced.source }, form);
}
