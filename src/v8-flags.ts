// Every V8 flag fcinvoke sets while it runs goes through here. V8 stamps its code cache with
// the flags in force when the cache is made and rejects it under others, so the launcher's
// compile cache (bin/fcinvoke.cjs) needs to know whether flags changed after the bundle loaded.

const CHANGED = Symbol.for('fcinvoke.v8FlagsChanged');

/** Sets V8 flags (Node's documented setFlagsFromString) and marks the change for the launcher. */
export function setV8Flags(...flags: string[]): void {
  const v8 = process.getBuiltinModule('node:v8');
  for (const flag of flags) v8.setFlagsFromString(flag);
  (globalThis as unknown as Record<symbol, boolean>)[CHANGED] = true;
}
