// `npm run demo` (scripts/demo.mjs, on the built CLI): successes get a tick, the failures it
// shows on purpose say so, and it ends by telling how to carry on by hand.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { baseEnv } from '../helpers/cli.js';

const DEMO = fileURLToPath(new URL('../../scripts/demo.mjs', import.meta.url));

describe('the demo', () => {
  it('marks the expected failures as expected, never with a tick', () => {
    const result = spawnSync(process.execPath, [DEMO], { env: baseEnv(), encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(0);
    const marks = result.stderr.split('\n').filter((line) => /^[✔→✘] /.test(line));
    expect(marks).toEqual([
      '✔ exit code 0',
      '✔ exit code 0',
      '✔ exit code 0',
      '→ exit code 1, the failure this example shows: demo/fail always fails, and a function error is exit 1',
      '✔ exit code 0',
      '→ exit code 4, the failure this example shows: there is no demo/nope, and a refusal by the service is exit 4',
      '✔ exit code 0',
      '✔ exit code 0',
    ]);
    expect(result.stderr).toContain("$ fcinvoke run echo -e '{\"api\": \"FC 3.0: a function alone\"}'");
    expect(result.stdout).toContain('{"api": "FC 3.0: a function alone"}');
    expect(result.stderr).toContain("$ fcinvoke http -X POST demo/web/orders -H 'Content-Type: application/json' -e '{\"id\": 42}'");
    expect(result.stdout).toContain('"path": "/orders"');
    expect(result.stdout).toContain('"body": "{\\"id\\": 42}"');
    expect(result.stderr).toContain('demo finished: every command behaved as expected\n');
    expect(result.stderr).toContain('  eval "$(npx fcinvoke emulator --background)"');
    expect(result.stderr).not.toContain('\u001b[');
  });
});
