// The launcher's code cache (bin/fcinvoke.cjs) is made at exit and holds what that one call
// compiled. A later call that runs another command (a real invocation after a first
// `--dry-run` or `--help`) would compile its own code anew every time, so the launcher makes
// the cache again, once, for each command it has not seen. The command's name goes to the
// launcher through the global below: a word of the program's own, never the user's input.

const TAG = Symbol.for('fcinvoke.compileCacheTag');

/** Names the command this call runs, e.g. `run` or `status`. */
export function tagCompileCache(command: string): void {
  (globalThis as unknown as Record<symbol, unknown>)[TAG] = command;
}
