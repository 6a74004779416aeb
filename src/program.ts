// Commander declarations only: commands, options, help and examples. Each action
// normalises its options and imports its command lazily, so start-up loads little.
import { Command, Option } from 'commander';
import type { CommandContext } from './commands/context.js';
import type { RawAsyncOptions, RawListOptions } from './commands/async-options.js';
import type { WhereOptions } from './commands/common-options.js';
import type { RawEmulatorOptions } from './commands/emulator-options.js';
import type { RawHttpOptions } from './commands/http-options.js';
import type { RawRunOptions } from './commands/run-options.js';
import { KNOWN_STATUSES } from './fc/async-invocation.js';
import { addHelpSections, exitCodes, HELP_CONFIGURATION, NOT_FC_ANSWER, ROOT_SECTIONS, SETTINGS_EXIT, showArguments, SIGNAL_EXIT, type HelpSection } from './program-help.js';
import { tagCompileCache } from './compile-cache-tag.js';
import { VERSION } from './version.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Every value of a flag that must be given once, so that planning can refuse a repeat instead of the last one winning. */
function each(value: string, previous: string | string[] | undefined): string[] {
  return [...(previous === undefined ? [] : [previous].flat()), value];
}

const RUN_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Examples:',
    examples: [
      ['fcinvoke run my-function -d event.json', 'FC 3.0: a function alone'],
      ['fcinvoke run my-service my-function -d event.json', 'FC 2.0: a service and a function'],
      ['echo \'{"id": 42}\' | fcinvoke run my-function:prod -d -'],
      ['echo \'{"id": 42}\' | fcinvoke run my-service.prod my-function -d -'],
      ["fcinvoke run 'my-service$my-function' -e 'hello'", 'an FC 2.0 function seen through FC 3.0'],
      ["fcinvoke run my-function -e 'hello' --json | jq .body"],
      ['fcinvoke run my-function -d big.bin -o result.bin --quiet'],
      ['fcinvoke run my-service my-function --dry-run -v'],
      ['fcinvoke run my-function --batch events.ndjson -c 32 > results.ndjson'],
      ["fcinvoke run my-service my-function -e '{}' --repeat 10000 -c 64 --summary-json load.json"],
      ['fcinvoke run my-function --async-id job-42 -d job.json --wait'],
    ],
  },
  exitCodes([
    ['0', 'succeeded (--async: accepted; --wait: Succeeded; a batch: every event)'],
    ['1', 'the function failed (X-Fc-Error-Type), or an awaited invocation ended Failed, Stopped, Expired or Invalid'],
    ['2', 'usage or input: a flag, an argument, the event (nothing was sent)'],
    SETTINGS_EXIT,
    ['4', `the service refused: an API error, after any retries; ${NOT_FC_ANSWER}`],
    ['5', 'network failure or --timeout: no usable answer'],
    ['6', 'the function ran but its result could not be written (stdout or -o); a batch whose stdout closed'],
    SIGNAL_EXIT,
  ]),
  {
    text:
      'A function alone is FC 3.0 (API 2023-03-30), a service and a function FC 2.0 (API 2016-08-15); --api-version (or ' +
      'FCINVOKE_API_VERSION, or apiVersion in the project config) forces one. A batch or --repeat exits with the worst class ' +
      'among its events: 5, then 4, 2, 1. See docs/usage.md and docs/batch.md.',
  },
];

const API_VERSIONS = ['2016-08-15', '2023-03-30'] as const;
const API_VERSION_HELP = '2016-08-15 (FC 2.0) or 2023-03-30 (FC 3.0), whatever the arguments name (env FCINVOKE_API_VERSION)';

/** The where/as-whom flags and --api-version, one declaration for every command; `apiVersion` says what the version decides for this one. */
function addWhereOptions(command: Command, apiVersion = API_VERSION_HELP): Command {
  return command
    .optionsGroup('Where and as whom:')
    .option('--region <id>', 'region ID, e.g. cn-hangzhou (env ALIBABA_CLOUD_REGION_ID)')
    .option('--account-id <id>', 'Alibaba Cloud account ID, for the endpoint (env ALIBABA_CLOUD_ACCOUNT_ID)')
    .option('--endpoint <url>', 'the whole endpoint URL, instead of the one built from the account ID and region (env FCINVOKE_ENDPOINT)')
    .option('--internal', 'use the internal (VPC) endpoint, {region}-internal')
    .option('--profile <name>', 'profile or alias in the credential stores (env ALIBABA_CLOUD_PROFILE)')
    .addOption(completedOption('--api-version <version>', apiVersion, API_VERSIONS));
}

/** The names a command was given for its target: `[function]`, or `[service, function]`. */
function targetNames(first: string, second: string | undefined): string[] {
  return second === undefined ? [first] : [first, second];
}

/** Help's words for the target arguments of run, status, stop and list. */
const SERVICE_ARGUMENT = ['[service]', 'FC 2.0 only: the service, optionally with its qualifier (service.qualifier); without it, the function is an FC 3.0 one'] as const;
const FUNCTION_ARGUMENT = ['<function>', 'the function; for FC 3.0 also function:qualifier, and service$function for an FC 2.0 function seen through FC 3.0'] as const;

/** --ca-file, shared by every command that calls the service. */
function caFileOption(): Option {
  return new Option('--ca-file <path>', 'trust this CA certificate (PEM) too, for this call');
}

/**
 * Builds the program. `setExitCode` receives each command's exit code; commands throw
 * typed errors for everything else (cli.ts maps them).
 */
export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** One usage-error line (commander's message without its "error: " prefix). */
  writeError(message: string): void;
}

export function buildProgram(
  ctx: CommandContext,
  output: ProgramOutput,
  setExitCode: (code: number) => void,
  userArgs: readonly string[] = [],
): Command {
  const program = new Command('fcinvoke')
    // Set before any subcommand is added: subcommands copy these settings when created.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => output.writeOut(text),
      writeErr: (text) => output.writeErr(text),
      outputError: (text) => output.writeError(`${text.replace(/^error: /, '').trim()} (see --help)`),
      getOutHelpWidth: () => widthOf(ctx.stdout),
      getErrHelpWidth: () => widthOf(ctx.stderr),
    })
    .description(
      'Invoke Alibaba Cloud Function Compute functions from a terminal, a script or CI, and run a local FC endpoint to try them offline.',
    )
    .version(VERSION, '-V, --version', 'print the version and exit')
    .showSuggestionAfterError(true)
    .configureHelp(HELP_CONFIGURATION);
  addHelpSections(program, ROOT_SECTIONS);
  program.hook('preAction', (_program, action) => tagCompileCache(action.name()));

  for (const declare of declarersFor(userArgs)) declare(program, ctx, setExitCode);
  return program;
}

/** The width help is laid out for: the terminal's, else 80 (a pipe, a file, a terminal that reports none). */
function widthOf(stream: CommandContext['stdout'] | undefined): number {
  const columns = stream?.isTTY ? (stream as { columns?: number }).columns : undefined;
  return columns !== undefined && columns > 0 ? columns : 80;
}

type Declare = (program: Command, ctx: CommandContext, setExitCode: (code: number) => void) => void;

function declareRun(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const run = program
    .command('run')
    .alias('invoke')
    .description('invoke a function: FC 3.0 (a function alone) or FC 2.0 (a service and a function)')
    .argument('<function>')
    .argument('[function]')
    .optionsGroup('Request:')
    .option('-d, --data <path>', 'event from a file, sent byte-exact; - reads standard input', each)
    .option('-e, --event <text>', 'event given inline (UTF-8)', each)
    .option('-q, --qualifier <q>', 'version or alias (LATEST, 3, prod)')
    .addOption(new Option('-H, --header <name:value>', 'extra x-fc-* request header, repeatable').argParser(collect).default([], 'none'))
    .addOption(new Option('--max-event-size <bytes>', 'raise the event size limit (default 32 MiB sync, 128 KiB async)'))
    .optionsGroup('Output:')
    .option('-o, --output <file>', 'write the result to a file (atomically) instead of stdout')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-logs', 'do not ask for the log tail')
    .option('--quiet', 'nothing on stderr but errors')
    .option('-v, --verbose', 'request and response headers on stderr, secrets redacted')
    .option('--dry-run', 'build and sign the request, print it (secrets redacted), send nothing')
    .optionsGroup('Async:')
    .option('--async', 'asynchronous invocation (answered with HTTP 202)')
    .option('--async-id <id>', 'the ID of the async invocation (FC 3.0: async task ID; FC 2.0: stateful async invocation ID); implies --async')
    .option('--wait', 'with --async: poll the invocation until it ends; exit by its final status')
    .optionsGroup('Batch:')
    .option('--batch <path>', 'NDJSON file (- = stdin): one invocation per line; one JSON result line each, in order')
    .option('-c, --concurrency <n>', 'invocations in flight with --batch/--repeat (default 8, at most 1024)')
    .option('--repeat <n>', 'send the one event n times (a load test), -c at a time')
    .option('--start-line <n>', 'with --batch/--repeat: begin at this line (resume after an interruption)')
    .option('--summary-json <file>', 'with --batch/--repeat: also write the summary as JSON to this file')
    .option('--async-id-prefix <p>', 'with --batch/--repeat: async invocations (or tasks) with the IDs <p>-<line>; implies --async')
    .optionsGroup('Network:')
    .option('--timeout <seconds>', 'client-side limit for the whole invocation (default: none)')
    .option('--connect-timeout <seconds>', 'limit for opening the connection (default 10; 0 = none)')
    .option('--idle-timeout <seconds>', 'longest silence while the result streams in (default 300; 0 = none)')
    .option('--retries <n>', 'extra attempts for failures that provably did not run the function (default 2, at most 20)')
    .addOption(caFileOption());
  showArguments(run, [SERVICE_ARGUMENT, FUNCTION_ARGUMENT]);
  addHelpSections(addWhereOptions(run), RUN_SECTIONS)
    .action(async (first: string, second: string | undefined, options: RawRunOptions) => {
      const [{ chooseCommandApi }, { planRun }] = await Promise.all([import('./commands/api-choice.js'), import('./commands/run-options.js')]);
      const choice = await chooseCommandApi(targetNames(first, second), options, ctx, 'fcinvoke run <service> <function>');
      const plan = planRun(choice, options);
      const { checkBatchOnlyFlags, planBatch, wantsBatch } = await import('./commands/batch-options.js');
      if (wantsBatch(options)) {
        const batchPlan = planBatch(plan, options);
        const { runBatchCommand } = await import('./commands/batch.js');
        setExitCode(await runBatchCommand(batchPlan, ctx));
        return;
      }
      checkBatchOnlyFlags(options);
      const { runCommand } = await import('./commands/run.js');
      setExitCode(await runCommand(plan, ctx));
    });
}

const HTTP_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Examples:',
    examples: [
      ['fcinvoke http demo/web/hello', 'FC 2.0: service/function/path on the endpoint'],
      ['fcinvoke http my-service.prod/api/items --query limit=2 -i'],
      ["fcinvoke http -X POST https://my-fn-abc.cn-hangzhou.fcapp.run/orders -H 'Content-Type: application/json' -d order.json"],
      ['fcinvoke http https://1234567890.cn-hangzhou.fc.aliyuncs.com/2016-08-15/proxy/svc/fn/ --json | jq .status'],
      ['fcinvoke http https://www.example.com/health --auth anonymous'],
      ["fcinvoke http demo/web/upload -d photo.jpg -H 'Content-Type: image/jpeg' --dry-run"],
    ],
  },
  exitCodes([
    ['0', 'the status was below 400 (202 for --async)'],
    ['1', 'the function answered 400 or more, or crashed'],
    ['2', 'usage or input: a flag, the target, the body (nothing was sent)'],
    SETTINGS_EXIT,
    ['4', 'FC refused the request (X-Fc-Error-Type: FcCommonError: signature, no trigger, throttled); --async answered other than 202'],
    ['5', 'network failure or --timeout: no usable answer'],
    ['6', 'the function answered but its body could not be written (stdout or -o)'],
    SIGNAL_EXIT,
  ]),
  { text: 'See docs/http.md.' },
];

function declareHttp(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const http = program
    .command('http')
    .description('call an HTTP-trigger (web) function, signed, and show its answer')
    .argument('<target>', 'a URL (https://…fcapp.run/…, …/2016-08-15/proxy/…, a custom domain) or service[.qualifier]/function[/path]')
    .option('-X, --request <method>', 'GET, POST, PUT, DELETE, HEAD, PATCH or OPTIONS (default GET, POST with a body)')
    .option('-H, --header <name:value>', 'request header, any name, repeatable', collect, [])
    .option('-d, --data <path>', 'request body from a file, sent byte-exact; - reads standard input', each)
    .option('-e, --event <text>', 'request body given inline (UTF-8)', each)
    .option('--query <name=value>', 'query parameter added to the target\'s, repeatable', collect, [])
    .option('-i, --include', 'the status line and response headers on stderr')
    .option('-o, --output <file>', 'write the response body to a file (atomically) instead of stdout')
    .option('--json', 'print one JSON document on stdout')
    .option('--async', 'asynchronous invocation (answered with HTTP 202)')
    .option('--no-logs', 'do not ask for the log tail')
    .addOption(new Option('--auth <mode>', 'function: sign the request (default); anonymous: send no credentials at all').choices(['function', 'anonymous']))
    .addOption(new Option('--sign <scheme>', 'fc (FC 2.0) or acs3 (FC 3.0); default by the URL: fc for /proxy/ and short forms, acs3 for *.fcapp.run').choices(['fc', 'acs3']))
    .option('--quiet', 'nothing on stderr but errors')
    .option('-v, --verbose', 'request and response headers on stderr, secrets redacted')
    .option('--dry-run', 'build and sign the request, print it (secrets redacted), send nothing')
    .option('--timeout <seconds>', 'client-side limit for the whole call')
    .option('--connect-timeout <seconds>', 'limit for opening the connection (default 10; 0 = none)')
    .option('--idle-timeout <seconds>', 'longest silence while the body streams in (default 300; 0 = none)')
    .option('--retries <n>', 'extra attempts after FC refused for load (429/503) or the connection never opened (default 2)')
    .option('--max-event-size <bytes>', 'raise the body size limit (default 32 MiB, 128 KiB with --async)')
    .option('--ca-file <path>', 'trust this CA certificate (PEM) too, for this call');
  addHelpSections(addWhereOptions(http, '2016-08-15 or 2023-03-30: the API of a trigger domain or custom domain, for the default --sign (env FCINVOKE_API_VERSION)'), HTTP_SECTIONS).action(async (target: string, options: RawHttpOptions) => {
      const { planHttp } = await import('./commands/http-options.js');
      const plan = planHttp(target, options);
      const { runHttpCommand } = await import('./commands/http.js');
      setExitCode(await runHttpCommand(plan, ctx));
    });
}
const CONFIG_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Examples:',
    examples: [
      ['fcinvoke config'],
      ['fcinvoke config --profile work --sources'],
      ['fcinvoke config --json | jq -r .settings.region.value'],
    ],
  },
  exitCodes([
    ['0', 'the report, and an invocation would find what it needs; with --sources, the report whatever it found'],
    ['2', 'usage: an unknown option'],
    ['3', 'without --sources: an invocation with these flags, here, would stop on its settings (the report is printed all the same; the reason is on stderr)'],
    ['6', 'the report could not be written to stdout'],
  ]),
];

function declareConfig(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const config = program
    .command('config')
    .description('show the resolved settings, where each came from (secrets masked), and whether an invocation would find what it needs')
    .option('--json', 'print one JSON document')
    .option('--sources', 'also list every place looked at, what it held and what was wrong with it');
  addHelpSections(addWhereOptions(config), CONFIG_SECTIONS).action(async (options: { json?: boolean; sources?: boolean } & WhereOptions) => {
    const { runConfigCommand } = await import('./commands/config.js');
    const { settingsFlagsOf } = await import('./commands/common-options.js');
    const flags = settingsFlagsOf(options);
    setExitCode(await runConfigCommand({ json: Boolean(options.json), sources: Boolean(options.sources), flags }, ctx));
  });
}

const EMULATOR_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Examples:',
    examples: [
      ['eval "$(fcinvoke emulator --background)"', 'start it in the background; point this shell at it'],
      ['fcinvoke run demo hello', 'FC 2.0: the demo service'],
      ['fcinvoke run hello', 'FC 3.0: the same handler as a function of its own'],
      ['eval "$(fcinvoke emulator --stop)"', 'stop it; unset what --background set'],
      ['fcinvoke emulator', 'in the foreground until Ctrl-C; paste its exports into another shell'],
      ['fcinvoke emulator --port 0 --functions examples/functions', 'a free port, and the example functions of a clone'],
    ],
  },
  {
    text:
      'It prints the endpoint and the (fake) credentials it accepts as export lines, serves the built-in "demo" service ' +
      '(hello, echo, fail, crash, sleep, big, binary, json, web), the same handlers as FC 3.0 functions, and your functions, and shows each request and what the ' +
      'functions log on stderr (--background: in its log file).',
  },
  exitCodes([
    ['0', '--background: it is running; --stop: it is stopped (or was not running)'],
    ['2', 'usage: --port, --functions or --log unusable, the port in use, options that do not go together; --background: it did not start'],
    ['6', '--background or --stop: the export or unset lines could not be written to stdout'],
    ['129/130/143', 'a foreground emulator stopped by SIGHUP, Ctrl-C (SIGINT) or SIGTERM: its normal end'],
  ]),
];

function declareEmulator(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const emulator = program
    .command('emulator')
    .description('run a local FC endpoint (FC 2.0 and FC 3.0) on 127.0.0.1, for offline testing')
    .option('--port <n>', 'port to listen on (default 9000; with --background a free one; 0 = a free one)')
    .option('--functions <dir>', 'your handlers: DIR/<service>/<function>/index.js (or .mjs, .cjs), DIR/<function>/ for FC 3.0')
    .option('--account-id <id>', 'account ID the emulator answers for (default 1234567890)')
    .option('--background', 'run it in the background and print shell code that points this shell at it, for eval')
    .option('--log <file>', 'with --background: where its output goes (default: a new file in the temp folder)')
    .option('--stop', 'stop the emulator --background started in this shell; print the matching unset, for eval');
  addHelpSections(emulator, EMULATOR_SECTIONS).action(async (options: RawEmulatorOptions) => {
    const { planEmulator } = await import('./commands/emulator-options.js');
    const plan = planEmulator(options);
    if (plan.mode === 'stop') {
      const { stopBackgroundEmulator } = await import('./commands/emulator-stop.js');
      setExitCode(await stopBackgroundEmulator(ctx));
      return;
    }
    if (plan.mode === 'background') {
      const { startBackgroundEmulator } = await import('./commands/emulator-background.js');
      if (!ctx.self) throw new Error('emulator --background needs to know how fcinvoke was started');
      setExitCode(await startBackgroundEmulator(plan, ctx, ctx.self));
      return;
    }
    const { runEmulatorCommand } = await import('./emulator/command.js');
    await runEmulatorCommand(
      { port: plan.port, functionsDir: plan.functionsDir, accountId: plan.accountId },
      { stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal },
    );
  });
}

const COMPLETION_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Examples:',
    examples: [
      ['source <(fcinvoke completion bash)', 'add to ~/.bashrc'],
      ['mkdir -p ~/.zfunc && fcinvoke completion zsh > ~/.zfunc/_fcinvoke', 'with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc'],
      ['fcinvoke completion fish | source', 'add to ~/.config/fish/config.fish'],
    ],
  },
  exitCodes([
    ['0', 'the script'],
    ['2', 'usage: a shell other than bash, zsh or fish'],
    ['6', 'the script could not be written to stdout'],
  ]),
];

function declareCompletion(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const completion = program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .argument('<shell>', 'bash, zsh or fish');
  addHelpSections(completion, COMPLETION_SECTIONS).action(async (shell: string, _options: unknown, command: Command) => {
    const { runCompletionCommand } = await import('./commands/completion.js');
    setExitCode(await runCompletionCommand(shell, ctx, command));
  });
}

function declareCompleteProfiles(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  // For the completion scripts: profile names from the credential stores, one a line.
  program
    .command('__complete-profiles', { hidden: true })
    .action(async () => {
      const { runCompleteProfilesCommand } = await import('./commands/completion.js');
      setExitCode(await runCompleteProfilesCommand(ctx));
    });
}

/** The options status, stop and list share with run: qualifier, output, limits, where and as whom. */
function addAsyncOptions(command: Command, output: { json?: string }): Command {
  command.option('-q, --qualifier <q>', 'version or alias (LATEST, 3, prod)');
  if (output.json !== undefined) command.option('--json', output.json);
  command
    .option('--quiet', 'nothing on stderr but errors')
    .option('--timeout <seconds>', 'client-side limit for the whole command (default: none)')
    .addOption(caFileOption());
  return addWhereOptions(command);
}

const STATUS_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Examples:',
    examples: [
      ['fcinvoke status my-function job-42', 'FC 3.0: an async task'],
      ['fcinvoke status my-service my-function job-42', 'FC 2.0: a stateful async invocation'],
      ['fcinvoke status my-function:prod job-42 --json | jq -r .status'],
      ['fcinvoke status my-service.prod my-function job-42 --json | jq -r .status'],
      ['fcinvoke status my-function job-42 --wait --timeout 600 > result.json'],
    ],
  },
  exitCodes([
    ['0', 'shown, whatever its status (--wait: it ended Succeeded)'],
    ['1', '--wait: it ended Failed, Stopped, Expired or Invalid'],
    ['2', 'usage: an option or the ID'],
    SETTINGS_EXIT,
    ['4', `the service refused, e.g. an unknown ID; ${NOT_FC_ANSWER}`],
    ['5', 'network failure or --timeout (the invocation goes on)'],
    ['6', 'what was shown could not be written to stdout'],
    [SIGNAL_EXIT[0], `${SIGNAL_EXIT[1]} (the invocation goes on)`],
  ]),
  { text: 'See docs/async.md.' },
];

const ID_ARGUMENT = ['<id>', 'the async task ID (FC 3.0) or stateful async invocation ID (FC 2.0), as the service or --async-id gave it'] as const;

/** `<function> <id>` (FC 3.0) or `<service> <function> <id>` (FC 2.0): the target names and the ID. */
function targetAndId(first: string, second: string, third: string | undefined): { names: string[]; id: string } {
  return third === undefined ? { names: [first], id: second } : { names: [first, second], id: third };
}

function declareStatus(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const status = program
    .command('status')
    .description('show an async task (FC 3.0) or stateful async invocation (FC 2.0): status, times, retries, error and its events')
    .argument('<function>')
    .argument('<id>')
    .argument('[id]')
    .option('--wait', 'poll until the invocation ends; print its result; exit by its final status');
  showArguments(status, [SERVICE_ARGUMENT, FUNCTION_ARGUMENT, ID_ARGUMENT]);
  addHelpSections(addAsyncOptions(status, { json: "print the service's object (FC 3.0: the AsyncTask)" }), STATUS_SECTIONS).action(
    async (first: string, second: string, third: string | undefined, options: RawAsyncOptions) => {
      const [{ chooseCommandApi }, { planStatus }] = await Promise.all([import('./commands/api-choice.js'), import('./commands/async-options.js')]);
      const { names, id } = targetAndId(first, second, third);
      const plan = planStatus(await chooseCommandApi(names, options, ctx, 'fcinvoke status <service> <function> <id>'), id, options);
      const { statusCommand } = await import('./commands/status.js');
      setExitCode(await statusCommand(plan, ctx));
    },
  );
}

const STOP_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Examples:',
    examples: [
      ['fcinvoke stop my-function job-42', 'FC 3.0: an async task'],
      ['fcinvoke stop my-service my-function job-42', 'FC 2.0: a stateful async invocation'],
      ['fcinvoke stop my-function job-42 && fcinvoke status my-function job-42 --wait'],
    ],
  },
  exitCodes([
    ['0', 'the service accepted the stop'],
    ['2', 'usage: an option or the ID'],
    SETTINGS_EXIT,
    ['4', `the service refused: the invocation has already ended, or the ID is unknown; ${NOT_FC_ANSWER}`],
    ['5', 'network failure or --timeout'],
    SIGNAL_EXIT,
  ]),
  { text: 'See docs/async.md.' },
];

function declareStop(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const stop = program
    .command('stop')
    .description('stop an async task (FC 3.0) or stateful async invocation (FC 2.0); one that has ended cannot be stopped: exit 4')
    .argument('<function>')
    .argument('<id>')
    .argument('[id]');
  showArguments(stop, [SERVICE_ARGUMENT, FUNCTION_ARGUMENT, ID_ARGUMENT]);
  addHelpSections(addAsyncOptions(stop, {}), STOP_SECTIONS).action(async (first: string, second: string, third: string | undefined, options: RawAsyncOptions) => {
    const [{ chooseCommandApi }, { planStop }] = await Promise.all([import('./commands/api-choice.js'), import('./commands/async-options.js')]);
    const { names, id } = targetAndId(first, second, third);
    const plan = planStop(await chooseCommandApi(names, options, ctx, 'fcinvoke stop <service> <function> <id>'), id, options);
    const { stopCommand } = await import('./commands/stop.js');
    setExitCode(await stopCommand(plan, ctx));
  });
}

const LIST_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Examples:',
    examples: [
      ['fcinvoke list my-function', 'FC 3.0: async tasks'],
      ['fcinvoke list my-service my-function', 'FC 2.0: stateful async invocations'],
      ['fcinvoke list my-function --status Failed --since 1d'],
      ['fcinvoke list my-function --prefix nightly- --include-payload --json | jq -r .taskPayload'],
      ['fcinvoke list my-service my-function --prefix nightly- --sort asc --limit 500 --json | jq -r .invocationId'],
    ],
  },
  exitCodes([
    ['0', 'listed (also when nothing matches: the note is on stderr)'],
    ['2', 'usage: an option or a filter'],
    SETTINGS_EXIT,
    ['4', `the service refused; ${NOT_FC_ANSWER}`],
    ['5', 'network failure or --timeout'],
    ['6', 'the list could not be written to stdout'],
    SIGNAL_EXIT,
  ]),
  { text: 'See docs/async.md.' },
];

/**
 * An option whose values the completion scripts offer (completion/spec.ts reads
 * `argChoices`), still checked by the command itself, which takes them in any case.
 */
function completedOption(flags: string, description: string, values: readonly string[]): Option {
  const option = new Option(flags, description).choices(values);
  return option.argParser((value: string) => value);
}

function declareList(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const list = program
    .command('list')
    .description('list the async tasks (FC 3.0) or stateful async invocations (FC 2.0) of a function, newest first')
    .argument('<function>')
    .argument('[function]')
    .addOption(completedOption('--status <status>', 'only this status, in any case', KNOWN_STATUSES))
    .option('--prefix <text>', 'only IDs starting with this')
    .option('--since <time>', 'started at or after: a time back from now (30m, 2h, 1d, 1w), an ISO date or date-time, or epoch ms')
    .option('--until <time>', 'started before: the same forms as --since')
    .addOption(completedOption('--sort <order>', 'by start time, newest first unless asc', ['asc', 'desc']))
    .option('--limit <n>', 'at most this many, following pages (default 50, at most 100000)')
    .option('--include-payload', 'ask for each event too (FC 3.0 taskPayload, FC 2.0 invocationPayload), in the --json objects');
  showArguments(list, [SERVICE_ARGUMENT, FUNCTION_ARGUMENT]);
  addHelpSections(addAsyncOptions(list, { json: 'one service object (FC 3.0: AsyncTask) per line (NDJSON)' }), LIST_SECTIONS).action(
    async (first: string, second: string | undefined, options: RawListOptions) => {
      const [{ chooseCommandApi }, { planList }] = await Promise.all([import('./commands/api-choice.js'), import('./commands/async-options.js')]);
      const choice = await chooseCommandApi(targetNames(first, second), options, ctx, 'fcinvoke list <service> <function>');
      const plan = planList(choice, options, ctx.now());
      const { listCommand } = await import('./commands/list.js');
      setExitCode(await listCommand(plan, ctx));
    },
  );
}

/** Every command, in the order help lists them, under each name it answers to. */
const COMMANDS: { names: readonly string[]; declare: Declare }[] = [
  { names: ['run', 'invoke'], declare: declareRun },
  { names: ['http'], declare: declareHttp },
  { names: ['status'], declare: declareStatus },
  { names: ['stop'], declare: declareStop },
  { names: ['list'], declare: declareList },
  { names: ['config'], declare: declareConfig },
  { names: ['emulator'], declare: declareEmulator },
  { names: ['completion'], declare: declareCompletion },
  { names: ['__complete-profiles'], declare: declareCompleteProfiles },
];

/**
 * Pure: which commands to declare. When the first argument names a command, only that one:
 * declaring all of them costs start-up on every call, and nothing else can run. Anything else
 * (no command, an option first, `help`, a typo to suggest a fix for) gets them all, and so
 * does `completion`, whose scripts are generated from every declaration.
 */
export function declarersFor(userArgs: readonly string[]): Declare[] {
  const first = userArgs[0];
  const named = COMMANDS.find((command) => first !== undefined && command.names.includes(first));
  if (named && first !== 'completion') return [named.declare];
  return COMMANDS.map((command) => command.declare);
}
