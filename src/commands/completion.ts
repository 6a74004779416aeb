// `fcinvoke completion bash|zsh|fish` prints a completion script built from the commander
// declarations; the hidden `fcinvoke __complete-profiles` lists profile names for it.
import type { Command } from 'commander';
import { renderBash } from '../completion/bash.js';
import { renderFish } from '../completion/fish.js';
import { listProfileNames } from '../completion/profiles.js';
import { describeProgram, SHELLS, type CompletionSpec, type Shell } from '../completion/spec.js';
import { renderZsh } from '../completion/zsh.js';
import { ExitCode, UsageError } from '../errors.js';
import { writeText, type CommandContext } from './context.js';

const RENDERERS: Readonly<Record<Shell, (spec: CompletionSpec) => string>> = { bash: renderBash, zsh: renderZsh, fish: renderFish };

function isShell(name: string): name is Shell {
  return (SHELLS as readonly string[]).includes(name);
}

/**
 * Prints the script for `shell` on stdout. `command` is any command of the running program
 * (commander passes the `completion` command to its action): the script completes exactly
 * the commands and flags declared there.
 */
export async function runCompletionCommand(shell: string, ctx: CommandContext, command: Command): Promise<number> {
  if (!isShell(shell)) {
    throw new UsageError(`unknown shell ${JSON.stringify(shell)}: choose one of ${SHELLS.join(', ')}`, { code: 'UnknownShell' });
  }
  const spec = describeProgram(command);
  await writeText(ctx.stdout, RENDERERS[shell](spec));
  return ExitCode.ok;
}

/** Prints the profile and alias names of the credential stores, one a line; never fails. */
export async function runCompleteProfilesCommand(ctx: CommandContext): Promise<number> {
  const names = await listProfileNames({ home: ctx.home, cwd: ctx.cwd, env: ctx.env });
  await writeText(ctx.stdout, names.map((name) => `${name}\n`).join(''));
  return ExitCode.ok;
}
