import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Files whose assertions depend on timing or on the machine's load: throughput and memory of a
 * batch, signals sent while a call is in a given state, bounds on how long a stop takes,
 * redraws of a live progress line, a status that must arrive within `--timeout 1`, the FC 3.0
 * SDK's 3 s read timeout on a cold instance, how soon the emulator starts a second instance.
 * They run one at a time, after the rest, with nothing else of this run beside them.
 */
export const SERIAL = [
  'test/e2e/async-fc3.test.ts',
  'test/e2e/batch.test.ts',
  'test/e2e/batch-faults.test.ts',
  'test/e2e/emulator-sdk3.test.ts',
  'test/e2e/secrets-and-signals.test.ts',
  'test/e2e/terminal.test.ts',
  'test/unit/emulator/server-handlers.test.ts',
];

const workers = availableParallelism();
const CODE_CACHE = ['test/helpers/code-cache.ts'];

// Three projects. `unit` and `e2e` run together, one worker per core: unit tests only compute,
// and e2e tests spend part of their time waiting for the processes they spawn, so a unit file
// fills the gap. Unit tests share one module registry per worker (isolate: false: they keep no
// state between files, and a fresh process per file cost more than the tests themselves); e2e
// files keep a process each. `serial` (SERIAL) runs after both, one file at a time.
// Forks throughout: worker threads have no process.chdir (test/unit/config/project-file.test.ts).
// The e2e projects give the CLIs they spawn a code cache of the run's own (code-cache.ts).
// .ci/run starts `serial` as a run of its own, so that it can overlap other work.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: SERIAL, isolate: false, maxWorkers: workers, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], exclude: SERIAL, globalSetup: CODE_CACHE, maxWorkers: workers, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'serial', include: SERIAL, globalSetup: CODE_CACHE, maxWorkers: 1, sequence: { groupOrder: 1 } } },
    ],
  },
});
