// "Did you mean" for a target typed the way the emulator banner, `status` and `list` show it:
// `demo/hello` for the service and the function, `hello.prod` for a function and its
// qualifier (FC 2.0: `-q prod`; FC 3.0, a function alone: `hello:prod`). Pure: the command
// line in, the corrected command line out.

const TARGET_COMMANDS: Readonly<Record<string, number>> = { run: 2, invoke: 2, list: 2, status: 3, stop: 3 };

/** Options that take a value as the next argument (the rest are flags or `--name=value`). */
const TAKES_VALUE = new Set([
  '-d', '--data', '-e', '--event', '-q', '--qualifier', '-H', '--header', '-o', '--output', '--timeout', '--connect-timeout',
  '--idle-timeout', '--retries', '--max-event-size', '--ca-file', '--region', '--account-id', '--endpoint', '--profile', '--batch',
  '-c', '--concurrency', '--repeat', '--start-line', '--summary-json', '--async-id', '--async-id-prefix', '--status', '--prefix',
  '--since', '--until', '--sort', '--limit', '--api-version',
]);

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const QUALIFIER = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
const DOTTED = /^([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/;
/** An FC 3.0 function, migrated ones as `service$function`, with a dot where its colon belongs. */
const DOTTED_FC3 = /^([A-Za-z_][A-Za-z0-9_-]*(?:\$[A-Za-z_][A-Za-z0-9_-]*)?)\.([A-Za-z0-9_-]+)$/;

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Where the positional arguments are in `args` (the command line after `fcinvoke`). */
function positionals(args: readonly string[]): number[] {
  const at: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      for (let j = i + 1; j < args.length; j++) at.push(j);
      break;
    }
    if (arg.startsWith('-') && arg !== '-') {
      if (TAKES_VALUE.has(arg)) i++;
      continue;
    }
    at.push(i);
  }
  return at;
}

const FC2_API = '2016-08-15';

/** The API `--api-version` (or, when it is absent, `forcedApi`) forces; undefined when neither does. */
function forcedVersion(args: readonly string[], forcedApi: string | undefined): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') break;
    if (arg === '--api-version') return args[i + 1];
    if (arg.startsWith('--api-version=')) return arg.slice('--api-version='.length);
  }
  return forcedApi;
}

const hasQualifierOption = (args: readonly string[]) => args.some((arg) => arg === '-q' || arg === '--qualifier' || arg.startsWith('--qualifier='));

/**
 * `did you mean: fcinvoke run demo hello …` for a mistyped target; null when nothing fits.
 * `forcedApi` is the API the environment forces (FCINVOKE_API_VERSION), if any.
 */
export function suggestTarget(args: readonly string[], forcedApi?: string): string | null {
  const at = positionals(args);
  const [commandAt, serviceAt, functionAt] = at;
  if (commandAt === undefined || serviceAt === undefined) return null;
  const wanted = TARGET_COMMANDS[args[commandAt] ?? ''];
  if (wanted === undefined) return null;
  const fixed = [...args];
  const service = args[serviceAt] ?? '';
  const slash = /^([^/]+)\/([^/]+)$/.exec(service);
  // A function alone is FC 3.0, whose qualifier follows a colon (FC 3.0 names cannot hold one).
  const alone = at.length === wanted ? DOTTED_FC3.exec(service) : null;
  let why: string;
  if (slash && at.length === wanted && NAME.test(slash[2] ?? '')) {
    fixed.splice(serviceAt, 1, slash[1] ?? '', slash[2] ?? '');
    why = 'the service and the function are two arguments';
  } else if (alone) {
    if (!QUALIFIER.test(alone[2] ?? '') || hasQualifierOption(args) || forcedVersion(args, forcedApi) === FC2_API) return null;
    fixed.splice(serviceAt, 1, `${alone[1] ?? ''}:${alone[2] ?? ''}`);
    why = 'an FC 3.0 qualifier follows a colon';
  } else {
    const fn = functionAt === undefined ? null : DOTTED.exec(args[functionAt] ?? '');
    if (!fn || functionAt === undefined || !QUALIFIER.test(fn[2] ?? '')) return null;
    fixed.splice(functionAt, 1, fn[1] ?? '');
    fixed.splice(functionAt + 1, 0, '-q', fn[2] ?? '');
    why = 'a qualifier goes in -q';
  }
  return `did you mean: fcinvoke ${fixed.map(quote).join(' ')} (${why})`;
}
