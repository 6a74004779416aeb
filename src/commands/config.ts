// `fcinvoke config`: every resolved setting with the place it came from (secrets masked),
// the sources that could not be used, and whether an invocation would find what it needs;
// `--sources` adds every place looked at. The report goes to stdout whatever it found.
import { describeSettings, type Verdict } from '../config/describe.js';
import { requireCredentials, requireEndpointSettings, resolveSettings } from '../config/resolve.js';
import type { SettingsFlags, SettingsInput, SettingsProblem, SourceReport } from '../config/settings.js';
import { ConfigError, ExitCode } from '../errors.js';
import { buildBaseUrl } from '../fc/endpoint.js';
import { renderWarning } from '../ui/render.js';
import { writeText, type CommandContext } from './context.js';
import { toJsonText } from '../escape.js';

export interface ConfigOptions {
  json: boolean;
  sources: boolean;
  flags: SettingsFlags;
}

/**
 * What an invocation would make of these settings: exactly the resolution `run` does (only
 * the stores it needs, every problem fatal), then its credentials and endpoint.
 */
async function judge(input: SettingsInput): Promise<{ verdict: Verdict; failure?: ConfigError }> {
  try {
    const settings = await resolveSettings({ ...input, lookup: 'needed' });
    requireCredentials(settings);
    const endpoint = buildBaseUrl(requireEndpointSettings(settings));
    return { verdict: { ready: true, endpoint, credentialsSource: settings.credentials?.source ?? '' } };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { verdict: { ready: false, error: { code: error.code, message: error.message } }, failure: error };
  }
}

/** The same problem found twice (a store read for a setting, then again for a profile) is listed once. */
function distinct(problems: readonly SettingsProblem[]): SettingsProblem[] {
  return problems.filter((problem, index) => problems.findIndex((other) => other.message === problem.message) === index);
}

/**
 * Prints the report, and exits 3 (the invocation's error on stderr, through cli.ts) when an
 * invocation would stop on its settings, unless `--sources` asked for the report alone.
 */
export async function runConfigCommand(options: ConfigOptions, ctx: CommandContext): Promise<number> {
  const input = { flags: options.flags, env: ctx.env, cwd: ctx.cwd, home: ctx.home };
  const problems: SettingsProblem[] = [];
  const settings = await resolveSettings({ ...input, lookup: 'all', problems });
  const { verdict, failure } = await judge(input);
  let sources: SourceReport[] | undefined;
  if (options.sources) {
    const { collectSources } = await import('../config/sources.js');
    sources = await collectSources(input);
  }
  const paint = options.json ? undefined : await ctx.terminal.style('stdout');
  const { text, json } = describeSettings(settings, { sources, problems: distinct(problems), verdict, paint });
  await writeText(ctx.stdout, options.json ? `${toJsonText(json, 2)}\n` : text);
  const style = await ctx.terminal.style('stderr');
  for (const warning of settings.warnings) await writeText(ctx.stderr, renderWarning(warning, style));
  if (failure && !options.sources) throw failure;
  return ExitCode.ok;
}
