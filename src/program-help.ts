// The help screens' own sections (examples, environment, exit codes) and the layout hooks
// that fit every screen to the terminal's width without cutting a word.
import { Argument, Help, type Command } from 'commander';
import { fitLines, layoutExample, layoutItem, layoutParagraph } from './ui/help-layout.js';

/** A section after commander's own: shell examples, two-column items, or a paragraph. */
export type HelpSection =
  | { title: string; examples: ReadonlyArray<readonly [command: string, comment?: string]> }
  | { title: string; items: ReadonlyArray<readonly [term: string, description: string]> }
  | { title?: string; text: string };

const sectionsByCommand = new WeakMap<Command, readonly HelpSection[]>();
const shownArguments = new WeakMap<Command, readonly Argument[]>();

/** Gives the command's help these sections after commander's, in this order. */
export function addHelpSections(command: Command, sections: readonly HelpSection[]): Command {
  sectionsByCommand.set(command, sections);
  return command;
}

/**
 * What help shows as the arguments of a command that takes them in two forms
 * (`[service] <function>`: a function alone, or a service and a function), in its usage
 * line, its Arguments list and the root's command list. Commander still parses its own
 * declarations, and the action tells the forms apart by how many it got.
 */
export function showArguments(command: Command, args: ReadonlyArray<readonly [term: string, description: string]>): Command {
  const shown = args.map(([term, description]) => new Argument(term, description));
  shownArguments.set(command, shown);
  return command.usage(`[options] ${args.map(([term]) => term).join(' ')}`);
}

function argumentsOf(command: Command): readonly Argument[] {
  return shownArguments.get(command) ?? command.registeredArguments;
}

function renderSection(section: HelpSection, width: number): string {
  const body: string[] = [];
  if ('examples' in section) body.push(...section.examples.map(([command, comment]) => layoutExample(command, comment, width)));
  else if ('items' in section) {
    const termWidth = Math.max(...section.items.map(([term]) => term.length));
    body.push(...section.items.map(([term, description]) => layoutItem(term, termWidth, description, width)));
  } else body.push(layoutParagraph(section.text, width));
  return [...(section.title ? [section.title] : []), ...body].join('\n');
}

/**
 * The configureHelp() settings of the program (subcommands inherit them): short command
 * terms (the arguments are in each command's own help), items laid out by help-layout.ts,
 * and after commander's part the sections given with addHelpSections.
 */
export const HELP_CONFIGURATION: Partial<Help> = {
  sortOptions: false,
  minWidthToWrap: 10,
  subcommandTerm(command: Command): string {
    const aliases = command.aliases().map((alias) => `|${alias}`).join('');
    const args = argumentsOf(command).map((arg) => (arg.required ? `<${arg.name()}>` : `[${arg.name()}]`)).join(' ');
    return `${command.name()}${aliases}${args ? ` ${args}` : ''}`;
  },
  visibleArguments(command: Command): Argument[] {
    const shown = shownArguments.get(command);
    return shown ? [...shown] : Help.prototype.visibleArguments.call(this, command);
  },
  formatItem(term: string, termWidth: number, description: string, helper: Help): string {
    return layoutItem(term, termWidth, description, helper.helpWidth ?? 80);
  },
  formatHelp(command: Command, helper: Help): string {
    const width = helper.helpWidth ?? 80;
    const own = fitLines(Help.prototype.formatHelp.call(helper, command, helper).trimEnd(), width);
    const sections = (sectionsByCommand.get(command) ?? []).map((section) => renderSection(section, width));
    return `${[own, ...sections].join('\n\n')}\n`;
  },
};

/** The `Exit codes:` section of a command: only the codes it can give. */
export function exitCodes(rows: ReadonlyArray<readonly [code: string, meaning: string]>): HelpSection {
  return { title: 'Exit codes:', items: rows };
}

/** Exit codes every command that reads settings and calls the service shares. */
export const SETTINGS_EXIT = ['3', 'settings or credentials missing or invalid (nothing was sent)'] as const;
export const SIGNAL_EXIT = ['129/130/143', 'interrupted by SIGHUP, Ctrl-C (SIGINT) or SIGTERM'] as const;
/** Exit 4 also covers an answer FC never gives (fc/final-status.ts): every command that calls the API says so. */
export const NOT_FC_ANSWER = 'also any final 1xx/3xx answer (FC never redirects: a proxy or a wrong endpoint answered)';

/** The variables fcinvoke reads, for the root help (docs/configuration.md has the whole story). */
const ENVIRONMENT: HelpSection = {
  title: 'Environment:',
  items: [
    ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'the AccessKey ID; it and its secret come from the same place'],
    ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'the AccessKey secret (never printed)'],
    ['ALIBABA_CLOUD_SECURITY_TOKEN', 'the STS token of a temporary key pair'],
    ['ALIBABA_CLOUD_REGION_ID', 'the region, as --region'],
    ['ALIBABA_CLOUD_ACCOUNT_ID', 'the account ID, as --account-id'],
    ['ALIBABA_CLOUD_PROFILE', 'the profile or alias in the credential stores, as --profile'],
    ['ALIBABA_CLOUD_CREDENTIALS_FILE', 'the credentials file, instead of ~/.alibabacloud/credentials'],
    ['FCINVOKE_ENDPOINT', 'the endpoint, as --endpoint; the emulator exports it, and it wins over --region and --account-id'],
    ['FCINVOKE_API_VERSION', 'the API to use whatever the arguments name: 2016-08-15 (FC 2.0) or 2023-03-30 (FC 3.0)'],
    ['FCINVOKE_EMULATOR_PID', 'set by `emulator --background`: the emulator that `emulator --stop` stops'],
    ['HTTPS_PROXY, HTTP_PROXY', 'the proxy to go through (lower-case names too)'],
    ['NO_PROXY', 'hosts to reach without it, e.g. 127.0.0.1,localhost for the emulator'],
    ['NODE_EXTRA_CA_CERTS', 'more CA certificates to trust (PEM), as --ca-file'],
    ['NO_COLOR', 'no colour on the terminal'],
    ['CI', 'a CI job: no spinner and no live progress line'],
    ['XDG_CACHE_HOME', 'where the start-up cache goes (default ~/.cache/fcinvoke)'],
    ['NODE_DISABLE_COMPILE_CACHE', 'set: no start-up cache'],
  ],
};

/** The root help's sections: a first session, the variables, and where to read on. */
export const ROOT_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Examples:',
    examples: [
      ['eval "$(fcinvoke emulator --background)"', 'try it offline: start a local FC endpoint and point this shell at it'],
      ['fcinvoke run demo hello', 'the result on stdout; the function log and a summary on stderr'],
      ['fcinvoke run hello', 'a function alone is FC 3.0, a service and a function FC 2.0'],
      ['fcinvoke run echo -e \'{"id": 42}\' --json | jq -r .body'],
      ['eval "$(fcinvoke emulator --stop)"', 'stop it, and unset what it set'],
      ['fcinvoke config --sources', 'with your own keys and account (see Environment): what a call would use'],
      ['fcinvoke run my-function -d event.json'],
      ['fcinvoke run my-service my-function -d event.json'],
    ],
  },
  ENVIRONMENT,
  {
    text:
      "Exit codes: each command's --help lists those it can give. More: `fcinvoke <command> --help`, and the README and " +
      'docs/ that come with fcinvoke (usage.md, configuration.md, exit-codes.md, troubleshooting.md).',
  },
];
