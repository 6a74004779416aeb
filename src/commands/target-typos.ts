// "Did you mean" for a target typed the way the emulator banner, `status` and `list` show it:
// `demo/hello` for the service and the function, `hello.prod` for a function and its
// qualifier. Pure: the command line in, the corrected command line out.

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

/** `did you mean: fcinvoke run demo hello …` for a mistyped target; null when nothing fits. */
export function suggestTarget(args: readonly string[]): string | null {
  const at = positionals(args);
  const [commandAt, serviceAt, functionAt] = at;
  if (commandAt === undefined || serviceAt === undefined) return null;
  const wanted = TARGET_COMMANDS[args[commandAt] ?? ''];
  if (wanted === undefined) return null;
  const fixed = [...args];
  const service = args[serviceAt] ?? '';
  const slash = /^([^/]+)\/([^/]+)$/.exec(service);
  let why: string;
  if (slash && at.length === wanted && NAME.test(slash[2] ?? '')) {
    fixed.splice(serviceAt, 1, slash[1] ?? '', slash[2] ?? '');
    why = 'the service and the function are two arguments';
  } else {
    const fn = functionAt === undefined ? null : /^([A-Za-z_][A-Za-z0-9_-]*)\.([A-Za-z0-9_-]+)$/.exec(args[functionAt] ?? '');
    if (!fn || functionAt === undefined || !QUALIFIER.test(fn[2] ?? '')) return null;
    fixed.splice(functionAt, 1, fn[1] ?? '');
    fixed.splice(functionAt + 1, 0, '-q', fn[2] ?? '');
    why = 'a qualifier goes in -q';
  }
  return `did you mean: fcinvoke ${fixed.map(quote).join(' ')} (${why})`;
}
