import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two projects, run one after the other. Unit tests share one module registry per worker
// (isolate: false: they keep no state between files, and a fresh process per file cost more
// than the tests themselves), one worker per core, as they only compute. E2e tests spawn the
// built CLI and time it, so they keep a process per file and vitest's default worker count.
// Forks for both: worker threads have no process.chdir (test/unit/config/project-file.test.ts).
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false, maxWorkers: availableParallelism(), sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
