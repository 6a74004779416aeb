// The fish completion script: one `complete` line per command, option and argument choice.
import { type CommandSpec, type CompletionSpec, type OptionSpec } from './spec.js';

/** A fish single-quoted word. */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function valueFlags(option: OptionSpec, program: string): string {
  switch (option.value) {
    case 'none':
      return '';
    case 'file':
      return ' -r -F';
    case 'directory':
      return ` -x -a ${quote('(__fish_complete_directories)')}`;
    case 'profile':
      return ` -x -a ${quote(`(${program} __complete-profiles 2>/dev/null)`)}`;
    case 'free':
      return option.choices ? ` -x -a ${quote(option.choices.join(' '))}` : ' -x';
  }
}

function optionLine(program: string, condition: string, option: OptionSpec): string {
  const short = option.short ? ` -s ${option.short.slice(1)}` : '';
  const long = option.long ? ` -l ${option.long.slice(2)}` : '';
  return `complete -c ${program} -n ${quote(condition)}${short}${long}${valueFlags(option, program)} -d ${quote(option.description)}`;
}

function commandLines(program: string, command: CommandSpec): string[] {
  const names = [command.name, ...command.aliases];
  const seen = `__fish_seen_subcommand_from ${names.join(' ')}`;
  const lines = names.map((name) => `complete -c ${program} -n __fish_use_subcommand -a ${name} -d ${quote(command.description)}`);
  lines.push(...command.options.map((option) => optionLine(program, seen, option)));
  const first = command.args[0];
  if (first?.choices) {
    const condition = `${seen}; and not __fish_seen_subcommand_from ${first.choices.join(' ')}`;
    lines.push(`complete -c ${program} -n ${quote(condition)} -a ${quote(first.choices.join(' '))}`);
  }
  return lines;
}

/** The script for `fcinvoke completion fish | source` or ~/.config/fish/completions/fcinvoke.fish. */
export function renderFish(spec: CompletionSpec): string {
  const p = spec.program;
  return `# ${p} completion for fish. Save it once:
#   ${p} completion fish > ~/.config/fish/completions/${p}.fish
# or load it for this session: ${p} completion fish | source
# Profile names come from \`${p} __complete-profiles\` (the credential stores) on each TAB.

complete -c ${p} -e
# Service and function names are not files.
complete -c ${p} -f
${spec.rootOptions.map((option) => optionLine(p, '__fish_use_subcommand', option)).join('\n')}
${spec.commands.flatMap((command) => commandLines(p, command)).join('\n')}
`;
}
