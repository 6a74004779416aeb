// What the completion scripts complete, read from the commander declarations themselves
// (so a command or flag added to program.ts is completed without touching this folder).
import type { Argument, Command, Option } from 'commander';

/** What to offer for an option's value. */
export type ValueKind = 'none' | 'file' | 'directory' | 'profile' | 'free';

export interface OptionSpec {
  /** `-d`, when the option has a short form. */
  short?: string;
  /** `--data`. */
  long?: string;
  description: string;
  value: ValueKind;
  /** Allowed values, when the declaration lists them. */
  choices?: readonly string[];
  /** May be given more than once (`-H`). */
  repeatable: boolean;
}

export interface ArgumentSpec {
  name: string;
  /** Allowed values (e.g. the shells of `completion`, the commands of `help`). */
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  options: OptionSpec[];
  args: ArgumentSpec[];
}

export interface CompletionSpec {
  /** The executable's name, `fcinvoke`. */
  program: string;
  rootOptions: OptionSpec[];
  commands: CommandSpec[];
}

/** The shells `fcinvoke completion` writes scripts for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Options whose value is a path or a profile name; any other option with a value takes free text. */
const VALUE_KINDS: Readonly<Record<string, ValueKind>> = {
  '--data': 'file',
  '--output': 'file',
  '--batch': 'file',
  '--summary-json': 'file',
  '--ca-file': 'file',
  '--log': 'file',
  '--functions': 'directory',
  '--profile': 'profile',
};

/** The first line of a description, for the short help shells show next to a candidate. */
function summary(text: string): string {
  return (text.split('\n')[0] ?? '').trim();
}

function describeOption(option: Option): OptionSpec {
  const takesValue = option.required || option.optional;
  const value: ValueKind = !takesValue ? 'none' : ((option.long ? VALUE_KINDS[option.long] : undefined) ?? 'free');
  // commander has no "repeatable" flag; a collecting option is declared with an array default.
  const repeatable = option.variadic || Array.isArray(option.defaultValue);
  const spec: OptionSpec = { description: summary(option.description), value, repeatable };
  if (option.short) spec.short = option.short;
  if (option.long) spec.long = option.long;
  if (option.argChoices) spec.choices = [...option.argChoices];
  return spec;
}

function describeArgument(argument: Argument, command: Command, commandNames: readonly string[]): ArgumentSpec {
  const spec: ArgumentSpec = { name: argument.name() };
  if (argument.argChoices) spec.choices = [...argument.argChoices];
  else if (command.name() === 'completion') spec.choices = [...SHELLS];
  else if (command.name() === 'help') spec.choices = commandNames;
  return spec;
}

/** Reads the visible commands, options and arguments of the program that `command` belongs to. */
export function describeProgram(command: Command): CompletionSpec {
  let root = command;
  while (root.parent) root = root.parent;
  const help = root.createHelp();
  const visible = help.visibleCommands(root);
  const commandNames = visible.map((c) => c.name()).filter((name) => name !== 'help');
  return {
    program: root.name(),
    rootOptions: help.visibleOptions(root).map(describeOption),
    commands: visible.map((sub) => ({
      name: sub.name(),
      aliases: [...sub.aliases()],
      description: summary(sub.description()),
      options: help.visibleOptions(sub).map(describeOption),
      args: sub.registeredArguments.map((argument) => describeArgument(argument, sub, commandNames)),
    })),
  };
}

/** Every flag of an option (`-d`, `--data`). */
export function flagsOf(option: OptionSpec): string[] {
  return [option.short, option.long].filter((flag): flag is string => flag !== undefined);
}
