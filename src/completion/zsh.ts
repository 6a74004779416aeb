// The zsh completion script: `_arguments` specs per command, usable both sourced and as an
// autoloaded `_fcinvoke` on $fpath.
import { flagsOf, type ArgumentSpec, type CommandSpec, type CompletionSpec, type OptionSpec } from './spec.js';

/** A zsh single-quoted word. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Text inside an `_arguments` `[...]` description. */
function bracketed(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\[/g, '\\[').replace(/\]/g, '\\]');
}

function valueAction(option: OptionSpec): string {
  switch (option.value) {
    case 'file':
      return ':path:_files';
    case 'directory':
      return ':directory:_files -/';
    case 'profile':
      return ':profile:_fcinvoke_profiles';
    case 'free':
      return option.choices ? `:value:(${option.choices.join(' ')})` : ':value: ';
    case 'none':
      return '';
  }
}

function optionSpecs(option: OptionSpec): string[] {
  const flags = flagsOf(option);
  // Both spellings exclude each other unless the option can be repeated.
  const exclusion = option.repeatable ? '*' : flags.length > 1 ? `(${flags.join(' ')})` : '';
  return flags.map((flag) => {
    const suffix = option.value === 'none' ? '' : flag.startsWith('--') ? '=' : '+';
    return quote(`${exclusion}${flag}${suffix}[${bracketed(option.description)}]${valueAction(option)}`);
  });
}

function argumentSpec(arg: ArgumentSpec): string {
  return quote(`:${arg.name}:${arg.choices ? `(${arg.choices.join(' ')})` : ' '}`);
}

function commandBlock(command: CommandSpec): string {
  const specs = [...command.options.flatMap(optionSpecs), ...command.args.map(argumentSpec)];
  return [
    `        ${[command.name, ...command.aliases].join('|')})`,
    `          _arguments -s \\`,
    ...specs.map((spec) => `            ${spec} \\`),
    `            && ret=0`,
    `          ;;`,
  ].join('\n');
}

/** The script for `source <(fcinvoke completion zsh)` or `_fcinvoke` on $fpath. */
export function renderZsh(spec: CompletionSpec): string {
  const p = spec.program;
  const describe = (text: string) => text.replace(/:/g, '\\:');
  const commands = spec.commands.flatMap((c) => [
    quote(`${c.name}:${describe(c.description)}`),
    ...c.aliases.map((alias) => quote(`${alias}:${describe(`${c.description} (alias of ${c.name})`)}`)),
  ]);
  const rootSpecs = spec.rootOptions.map((option) => {
    const flags = flagsOf(option);
    return `    ${quote(`(- : *)`)}{${flags.join(',')}}${quote(`[${bracketed(option.description)}]`)} \\`;
  });
  return `#compdef ${p}
# ${p} completion for zsh. Load it in ~/.zshrc, after compinit:
#   source <(${p} completion zsh)
# or save it as _${p} in a directory on $fpath: ${p} completion zsh > "\${fpath[1]}/_${p}"
# Profile names come from \`${p} __complete-profiles\` (the credential stores) on each TAB.

_fcinvoke_profiles() {
  local -a profiles
  profiles=(\${(f)"$(${p} __complete-profiles 2>/dev/null)"})
  _wanted profiles expl 'profile' compadd -a profiles
}

_fcinvoke() {
  local curcontext="$curcontext" state line ret=1
  typeset -A opt_args
  _arguments -C \\
${rootSpecs.join('\n')}
    '1: :->command' \\
    '*:: :->args' && ret=0
  case $state in
    command)
      local -a commands
      commands=(
${commands.map((c) => `        ${c}`).join('\n')}
      )
      _describe -t commands '${p} command' commands && ret=0
      ;;
    args)
      curcontext="\${curcontext%:*:*}:${p}-$words[1]:"
      case $words[1] in
${spec.commands.map(commandBlock).join('\n')}
      esac
      ;;
  esac
  return ret
}

if [[ $funcstack[1] == _fcinvoke ]]; then
  _fcinvoke "$@"
else
  compdef _fcinvoke ${p}
fi
`;
}
