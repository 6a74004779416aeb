// Every V8 flag fcinvoke sets while it runs goes through here. V8 stamps its code cache with
// the flags in force when the cache is made and rejects it under others, so the launcher's
// compile cache (bin/fcinvoke.cjs) needs to know whether flags changed after a file compiled.

const CHANGES = Symbol.for('fcinvoke.v8FlagChanges');

/** Sets V8 flags (Node's documented setFlagsFromString) and counts the change for the launcher. */
export function setV8Flags(...flags: string[]): void {
  const v8 = process.getBuiltinModule('node:v8');
  for (const flag of flags) v8.setFlagsFromString(flag);
  const counter = globalThis as unknown as Record<symbol, number | undefined>;
  counter[CHANGES] = (counter[CHANGES] ?? 0) + 1;
}
