// Global setup of the e2e projects: a private, empty cache folder for the launcher's V8 code
// cache (bin/fcinvoke.cjs), passed to the CLIs the tests spawn as XDG_CACHE_HOME (see baseEnv
// in cli.ts), and removed at the end. The tests' HOME has no cache, so without it each of the
// several hundred spawns would compile the whole bundle again; with it they start as a user's
// calls do. One folder per run: runs on other Node versions (whose caches V8 rejects) keep
// their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The variable that carries the folder to the test workers. */
export const CACHE_VARIABLE = 'FCINVOKE_TEST_CACHE_HOME';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-test-cache-'));
  process.env[CACHE_VARIABLE] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
