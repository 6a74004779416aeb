// The bash completion script: plain `complete -F` with COMP_WORDS/COMP_CWORD, so it needs
// neither the bash-completion package nor a bash newer than 3.2 (macOS's).
import { flagsOf, type CommandSpec, type CompletionSpec, type OptionSpec } from './spec.js';

/** Words safe to put unquoted in the script (names and flags are plain ASCII). */
function words(list: readonly string[]): string {
  const unsafe = list.find((word) => !/^[A-Za-z0-9_.:@%+,-]+$/.test(word));
  if (unsafe !== undefined) throw new Error(`cannot complete ${JSON.stringify(unsafe)} in bash`);
  return list.join(' ');
}

function optionWords(options: readonly OptionSpec[]): string {
  return words(options.flatMap(flagsOf));
}

function valued(options: readonly OptionSpec[]): OptionSpec[] {
  return options.filter((option) => option.value !== 'none');
}

/** What to run for an option's value; a free value gets no candidates. */
function valueAction(option: OptionSpec): string {
  switch (option.value) {
    case 'file':
      return '_fcinvoke_files -f';
    case 'directory':
      return '_fcinvoke_files -d';
    case 'profile':
      return '_fcinvoke_profiles';
    default:
      return option.choices ? `_fcinvoke_words '${words(option.choices)}'` : 'COMPREPLY=()';
  }
}

/** `case $prev in` arms, one per distinct action: what to offer after an option that takes a value. */
function valueArms(options: readonly OptionSpec[]): string[] {
  const byAction = new Map<string, string[]>();
  for (const option of valued(options)) {
    const action = valueAction(option);
    byAction.set(action, [...(byAction.get(action) ?? []), ...flagsOf(option)]);
  }
  return [...byAction].map(([action, flags]) => `        ${flags.join('|')}) ${action}; return 0 ;;`);
}

function commandBlock(command: CommandSpec): string {
  const arms = valueArms(command.options);
  const optionList = optionWords(command.options);
  const positional = command.args.flatMap((arg, index) =>
    arg.choices ? [`      if ((npos == ${index})); then _fcinvoke_words '${words(arg.choices)}'; fi`] : [],
  );
  return [
    `    ${[command.name, ...command.aliases].join('|')})`,
    ...(arms.length > 0 ? ['      case $prev in', ...arms, '      esac'] : []),
    ...(optionList ? [`      if [[ $cur == -* ]]; then _fcinvoke_words '${optionList}'; return 0; fi`] : []),
    ...positional,
    '      ;;',
  ].join('\n');
}

function valuedCases(commands: readonly CommandSpec[]): string {
  return commands
    .map((command) => `        ${[command.name, ...command.aliases].join('|')}) valued=' ${words(valued(command.options).flatMap(flagsOf))} ' ;;`)
    .join('\n');
}

/** The script for `source <(fcinvoke completion bash)`. */
export function renderBash(spec: CompletionSpec): string {
  const p = spec.program;
  const commandWords = words(spec.commands.flatMap((c) => [c.name, ...c.aliases]));
  return `# ${p} completion for bash. Load it in ~/.bashrc:
#   source <(${p} completion bash)
# or save it once: ${p} completion bash > ~/.local/share/bash-completion/completions/${p}
# Profile names come from \`${p} __complete-profiles\` (the credential stores) on each TAB.

_fcinvoke_words() {
  local IFS=$' \\t\\n'
  COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

_fcinvoke_files() {
  local IFS=$'\\n'
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen "$1" -- "$cur"))
}

_fcinvoke_profiles() {
  local IFS=$'\\n'
  COMPREPLY=($(compgen -W "$(${p} __complete-profiles 2>/dev/null)" -- "$cur"))
}

_fcinvoke_completion() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev='' cmd='' valued='' npos=0 skip=0 i w
  ((COMP_CWORD > 0)) && prev=\${COMP_WORDS[COMP_CWORD - 1]}
  # COMP_WORDBREAKS splits --opt=value into '--opt' '=' 'value'.
  if [[ $cur == '=' ]]; then cur=''; elif [[ $prev == '=' ]] && ((COMP_CWORD > 1)); then prev=\${COMP_WORDS[COMP_CWORD - 2]}; fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    if ((skip)); then skip=0; continue; fi
    if [[ $w == '=' ]]; then skip=1; continue; fi
    if [[ $w == -* ]]; then
      [[ $valued == *" $w "* && \${COMP_WORDS[i + 1]} != '=' ]] && skip=1
      continue
    fi
    if [[ -z $cmd ]]; then
      cmd=$w
      case $cmd in
${valuedCases(spec.commands)}
      esac
    else
      npos=$((npos + 1))
    fi
  done

  case $cmd in
    '')
      if [[ $cur == -* ]]; then _fcinvoke_words '${optionWords(spec.rootOptions)}'; else _fcinvoke_words '${commandWords}'; fi
      ;;
${spec.commands.map(commandBlock).join('\n')}
  esac
  return 0
}

complete -F _fcinvoke_completion ${p}
`;
}
