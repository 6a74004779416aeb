// Every V8 flag fcinvoke sets while it runs goes through here. V8 stamps its code cache with
// the flags in force when the cache is made and rejects it under others, so the launcher's
// compile cache (bin/fcinvoke.cjs) needs to know whether flags changed after the bundle loaded,
// and how to put V8's defaults back before it makes the cache at exit: once a flag is set, the
// global below holds the function that does so.

const RESTORE = Symbol.for('fcinvoke.restoreV8Flags');

/** The flags fcinvoke sets, each with the setting that puts V8's default back. */
const DEFAULTS: Readonly<Record<string, string>> = {
  '--no-wasm-tier-up': '--wasm-tier-up',
  '--no-wasm-dynamic-tiering': '--wasm-dynamic-tiering',
  '--expose-gc': '--no-expose-gc',
  '--heap-growing-percent=20': '--heap-growing-percent=0',
};

const changed = new Set<string>();

/** Sets V8 flags (Node's documented setFlagsFromString) and tells the launcher how to undo them. */
export function setV8Flags(...flags: string[]): void {
  const v8 = process.getBuiltinModule('node:v8');
  for (const flag of flags) {
    if (DEFAULTS[flag] === undefined) throw new Error(`setV8Flags: ${flag} has no default recorded in src/v8-flags.ts`);
    v8.setFlagsFromString(flag);
    changed.add(flag);
  }
  (globalThis as unknown as Record<symbol, unknown>)[RESTORE] = restoreDefaults;
}

/** `wasm-tier-up` of `--no-wasm-tier-up`, `heap-growing-percent` of `--heap-growing-percent=20`. */
function flagName(flag: string): string {
  return flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');
}

/**
 * Puts V8's defaults back for every flag set, so that a cache made at exit carries the flags
 * the next call starts with. Not when this call was started with one of them (on the command
 * line or in NODE_OPTIONS): its defaults were not V8's, and false says nothing was done.
 */
function restoreDefaults(): boolean {
  const given = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.replaceAll('_', '-');
  if ([...changed].some((flag) => given.includes(flagName(flag)))) return false;
  const v8 = process.getBuiltinModule('node:v8');
  for (const flag of changed) v8.setFlagsFromString(DEFAULTS[flag]!);
  return true;
}
