// `fcinvoke config`: every resolved setting with the place it came from (secrets masked);
// `--sources` adds every place looked at. The requested data goes to stdout.
import { describeSettings } from '../config/describe.js';
import { resolveSettings } from '../config/resolve.js';
import type { SettingsFlags, SourceReport } from '../config/settings.js';
import { ExitCode } from '../errors.js';
import { writeText, type CommandContext } from './context.js';
import { toJsonText } from '../escape.js';

export interface ConfigOptions {
  json: boolean;
  sources: boolean;
  flags: SettingsFlags;
}

export async function runConfigCommand(options: ConfigOptions, ctx: CommandContext): Promise<number> {
  const input = { flags: options.flags, env: ctx.env, cwd: ctx.cwd, home: ctx.home, lookup: 'all' as const };
  const settings = await resolveSettings(input);
  let sources: SourceReport[] | undefined;
  if (options.sources) {
    const { collectSources } = await import('../config/sources.js');
    sources = await collectSources(input);
  }
  const { text, json } = describeSettings(settings, sources ? { sources } : {});
  await writeText(ctx.stdout, options.json ? `${toJsonText(json, 2)}\n` : text.endsWith('\n') ? text : `${text}\n`);
  for (const warning of settings.warnings) await writeText(ctx.stderr, `warning: ${warning}\n`);
  return ExitCode.ok;
}
