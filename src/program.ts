// Commander declarations only: commands, options, help and examples. Each action
// normalises its options and imports its command lazily, so start-up loads little.
import { Command, Option } from 'commander';
import type { CommandContext } from './commands/context.js';
import type { RawAsyncOptions, RawListOptions } from './commands/async-options.js';
import type { WhereOptions } from './commands/common-options.js';
import type { RawRunOptions } from './commands/run-options.js';
import { VERSION } from './version.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Every value of a flag that must be given once, so that planning can refuse a repeat instead of the last one winning. */
function each(value: string, previous: string | string[] | undefined): string[] {
  return [...(previous === undefined ? [] : [previous].flat()), value];
}

const RUN_EXAMPLES = `
Examples:
  $ fcinvoke run my-service my-function -d event.json
  $ echo '{"id": 42}' | fcinvoke run my-service.prod my-function -d -
  $ fcinvoke run my-service my-function -e 'hello' --json | jq .body
  $ fcinvoke run my-service my-function -d big.bin -o result.bin --quiet
  $ fcinvoke run my-service my-function --dry-run -v
  $ fcinvoke run my-service my-function --batch events.ndjson -c 32 > results.ndjson
  $ fcinvoke run my-service my-function -e '{}' --repeat 10000 -c 64 --summary-json load.json
  $ fcinvoke run my-service my-function --async-id job-42 -d job.json --wait

Exit codes: 0 ok, 1 function error, 2 usage/input, 3 configuration, 4 API error,
5 network/timeout, 6 output lost after the function ran, 129/130/143 interrupted.`;

const COMPLETION_EXAMPLES = `
Examples:
  $ source <(fcinvoke completion bash)           # add to ~/.bashrc
  $ fcinvoke completion zsh > "\${fpath[1]}/_fcinvoke"
  $ fcinvoke completion fish > ~/.config/fish/completions/fcinvoke.fish`;

function addWhereOptions(command: Command): Command {
  return command
    .option('--region <id>', 'region ID, e.g. cn-hangzhou')
    .option('--account-id <id>', 'Alibaba Cloud account ID (for the endpoint)')
    .option('--endpoint <url>', 'full endpoint URL, replacing https://{account}.{region}.fc.aliyuncs.com')
    .option('--internal', 'use the internal (VPC) endpoint {region}-internal')
    .option('--profile <name>', 'profile or alias in the credential stores');
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
    })
    .description('Invoke Alibaba Cloud Function Compute 2.0 functions, or run a local FC endpoint.')
    .version(VERSION, '-V, --version', 'print the version and exit')
    .showSuggestionAfterError(true)
    .configureHelp({ sortOptions: false });

  for (const declare of declarersFor(userArgs)) declare(program, ctx, setExitCode);
  return program;
}

type Declare = (program: Command, ctx: CommandContext, setExitCode: (code: number) => void) => void;

function declareRun(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const run = program
    .command('run')
    .alias('invoke')
    .description('invoke a function')
    .argument('<service>', 'service name, optionally with its qualifier: service.qualifier')
    .argument('<function>', 'function name')
    .option('-d, --data <path>', 'event from a file, sent byte-exact; - reads standard input', each)
    .option('-e, --event <text>', 'event given inline (UTF-8)', each)
    .option('-q, --qualifier <q>', 'version or alias (LATEST, 3, prod)')
    .option('--async', 'asynchronous invocation (answered with HTTP 202)')
    .option('--async-id <id>', 'stateful async invocation ID; implies --async')
    .option('--wait', 'with --async: poll the invocation until it ends; exit by its final status')
    .option('--no-logs', 'do not ask for the log tail')
    .option('-H, --header <name:value>', 'extra x-fc-* request header, repeatable', collect, [])
    .option('-o, --output <file>', 'write the result to a file (atomically) instead of stdout')
    .option('--json', 'print one JSON document on stdout')
    .option('--quiet', 'nothing on stderr but errors')
    .option('-v, --verbose', 'request and response headers on stderr, secrets redacted')
    .option('--dry-run', 'build and sign the request, print it (secrets redacted), send nothing')
    .option('--batch <path>', 'NDJSON file (- = stdin): one invocation per line; one JSON result line each, in order')
    .option('-c, --concurrency <n>', 'invocations in flight with --batch/--repeat (default 8)')
    .option('--repeat <n>', 'send the one event n times (a load test), -c at a time')
    .option('--start-line <n>', 'with --batch/--repeat: begin at this line (resume after an interruption)')
    .option('--summary-json <file>', 'with --batch/--repeat: also write the summary as JSON to this file')
    .option('--async-id-prefix <p>', 'with --batch/--repeat: async invocations with the IDs <p>-<line>; implies --async')
    .option('--timeout <seconds>', 'client-side limit for the whole invocation')
    .option('--connect-timeout <seconds>', 'limit for opening the connection (default 10; 0 = none)')
    .option('--idle-timeout <seconds>', 'longest silence while the result streams in (default 300; 0 = none)')
    .option('--retries <n>', 'extra attempts for failures that provably did not run the function (default 2)')
    .addOption(new Option('--max-event-size <bytes>', 'raise the event size limit (default 32 MiB sync, 128 KiB async)'))
    .option('--ca-file <path>', 'trust this CA certificate (PEM) too, for this call');
  addWhereOptions(run)
    .addHelpText('after', RUN_EXAMPLES)
    .action(async (service: string, functionName: string, options: RawRunOptions) => {
      const { planRun } = await import('./commands/run-options.js');
      const plan = planRun(service, functionName, options);
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

function declareConfig(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const config = program
    .command('config')
    .description('show the resolved settings and where each came from (secrets masked)')
    .option('--json', 'print one JSON document')
    .option('--sources', 'also list every place looked at and what it held');
  addWhereOptions(config)
    .addHelpText(
      'after',
      `
Examples:
  $ fcinvoke config
  $ fcinvoke config --profile work --sources
  $ fcinvoke config --json | jq -r .settings.region.value`,
    )
    .action(async (options: { json?: boolean; sources?: boolean } & WhereOptions) => {
      const { runConfigCommand } = await import('./commands/config.js');
      const { settingsFlagsOf } = await import('./commands/common-options.js');
      const flags = settingsFlagsOf(options);
      setExitCode(await runConfigCommand({ json: Boolean(options.json), sources: Boolean(options.sources), flags }, ctx));
    });
}

function declareEmulator(program: Command, ctx: CommandContext): void {
  program
    .command('emulator')
    .description('run a local FC 2.0 endpoint on 127.0.0.1 (offline testing)')
    .option('--port <n>', 'port to listen on; 0 picks a free one', '9000')
    .option('--functions <dir>', 'your handlers: DIR/<service>/<function>/index.js or index.mjs')
    .option('--account-id <id>', 'account ID the emulator answers for')
    .addHelpText(
      'after',
      `
Examples:
  $ fcinvoke emulator
  $ fcinvoke emulator --port 0 --functions ./functions
  $ eval "$(fcinvoke emulator --port 9000 | grep ^export)"   # in another shell: the printed exports

It prints the endpoint and the (fake) credentials it accepts as export lines, serves the
built-in "demo" service (hello, echo, fail, crash, sleep, big, binary, json) and yours,
and runs until Ctrl-C.`,
    )
    .action(async (options: { port: string; functions?: string; accountId?: string }) => {
      const { parsePort } = await import('./commands/emulator-options.js');
      const port = parsePort(options.port);
      const { runEmulatorCommand } = await import('./emulator/command.js');
      await runEmulatorCommand(
        { port, functionsDir: options.functions, accountId: options.accountId },
        { stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal },
      );
    });
}

function declareCompletion(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText('after', COMPLETION_EXAMPLES)
    .action(async (shell: string, _options: unknown, command: Command) => {
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

const ASYNC_EXIT_CODES = `
Exit codes: 0 ok (with --wait: Succeeded), 1 ended Failed/Stopped/Expired/Invalid (--wait),
2 usage, 3 configuration, 4 API error (e.g. unknown ID, already finished), 5 network/timeout,
130/143 interrupted (the invocation goes on). See docs/async.md.`;

/** The options status, stop and list share with run: qualifier, output, limits, where and as whom. */
function addAsyncOptions(command: Command, output: { json: string }): Command {
  command
    .option('-q, --qualifier <q>', 'version or alias (LATEST, 3, prod)')
    .option('--json', output.json)
    .option('--quiet', 'nothing on stderr but errors')
    .option('--timeout <seconds>', 'client-side limit for the whole command')
    .option('--ca-file <path>', 'trust this CA certificate (PEM) too, for this call');
  return addWhereOptions(command);
}

function declareStatus(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const status = program
    .command('status')
    .description('show a stateful async invocation: status, times, retries, error and its events')
    .argument('<service>', 'service name, optionally with its qualifier: service.qualifier')
    .argument('<function>', 'function name')
    .argument('<id>', 'stateful async invocation ID')
    .option('--wait', 'poll until the invocation ends; print its result; exit by its final status');
  addAsyncOptions(status, { json: "print the service's invocation object" })
    .addHelpText(
      'after',
      `
Examples:
  $ fcinvoke status my-service my-function job-42
  $ fcinvoke status my-service.prod my-function job-42 --json | jq -r .status
  $ fcinvoke status my-service my-function job-42 --wait --timeout 600 > result.json
${ASYNC_EXIT_CODES}`,
    )
    .action(async (service: string, functionName: string, id: string, options: RawAsyncOptions) => {
      const { planStatus } = await import('./commands/async-options.js');
      const plan = planStatus(service, functionName, id, options);
      const { statusCommand } = await import('./commands/status.js');
      setExitCode(await statusCommand(plan, ctx));
    });
}

function declareStop(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const stop = program
    .command('stop')
    .description('stop a stateful async invocation (one that has ended cannot be stopped: exit 4)')
    .argument('<service>', 'service name, optionally with its qualifier: service.qualifier')
    .argument('<function>', 'function name')
    .argument('<id>', 'stateful async invocation ID')
    .option('-q, --qualifier <q>', 'version or alias (LATEST, 3, prod)')
    .option('--quiet', 'nothing on stderr but errors')
    .option('--timeout <seconds>', 'client-side limit for the whole command')
    .option('--ca-file <path>', 'trust this CA certificate (PEM) too, for this call');
  addWhereOptions(stop)
    .addHelpText(
      'after',
      `
Examples:
  $ fcinvoke stop my-service my-function job-42
  $ fcinvoke stop my-service my-function job-42 && fcinvoke status my-service my-function job-42 --wait
${ASYNC_EXIT_CODES}`,
    )
    .action(async (service: string, functionName: string, id: string, options: RawAsyncOptions) => {
      const { planStop } = await import('./commands/async-options.js');
      const plan = planStop(service, functionName, id, options);
      const { stopCommand } = await import('./commands/stop.js');
      setExitCode(await stopCommand(plan, ctx));
    });
}

function declareList(program: Command, ctx: CommandContext, setExitCode: (code: number) => void): void {
  const list = program
    .command('list')
    .description('list the stateful async invocations of a function, newest first')
    .argument('<service>', 'service name, optionally with its qualifier: service.qualifier')
    .argument('<function>', 'function name')
    .option('--status <status>', 'only this status (Running, Succeeded, Failed, Stopped, ...)')
    .option('--prefix <text>', 'only IDs starting with this')
    .option('--since <time>', 'started at or after: 30m, 2h, 1d, 1w ago, an ISO date/date-time or epoch ms')
    .option('--until <time>', 'started before: same forms as --since')
    .option('--sort <order>', 'by start time: asc or desc (default desc)')
    .option('--limit <n>', 'at most this many, following pages (default 50)');
  addAsyncOptions(list, { json: "one service invocation object per line (NDJSON)" })
    .addHelpText(
      'after',
      `
Examples:
  $ fcinvoke list my-service my-function
  $ fcinvoke list my-service my-function --status Failed --since 1d
  $ fcinvoke list my-service my-function --prefix nightly- --sort asc --limit 500 --json | jq -r .invocationId
${ASYNC_EXIT_CODES}`,
    )
    .action(async (service: string, functionName: string, options: RawListOptions) => {
      const { planList } = await import('./commands/async-options.js');
      const plan = planList(service, functionName, options, ctx.now());
      const { listCommand } = await import('./commands/list.js');
      setExitCode(await listCommand(plan, ctx));
    });
}

/** Every command, in the order help lists them, under each name it answers to. */
const COMMANDS: { names: readonly string[]; declare: Declare }[] = [
  { names: ['run', 'invoke'], declare: declareRun },
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
