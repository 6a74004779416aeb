// The build bundles undici from scripts/undici-entry.cjs, which requires files deep inside
// the package: when undici moves one, this fails with its name (not only the build).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENTRY = fileURLToPath(new URL('../../../scripts/undici-entry.cjs', import.meta.url));
const require = createRequire(ENTRY);

/** The `undici/lib/...` paths the entry requires. */
function deepPaths(): string[] {
  return [...readFileSync(ENTRY, 'utf8').matchAll(/require\('(undici\/lib\/[^']+)'\)/g)].map((m) => m[1]!);
}

describe('scripts/undici-entry.cjs', () => {
  it('requires only files the installed undici has', () => {
    const paths = deepPaths();
    expect(paths).toEqual(expect.arrayContaining(['undici/lib/dispatcher/agent', 'undici/lib/api', 'undici/lib/core/errors']));
    for (const path of paths) expect(() => require.resolve(path), path).not.toThrow();
  });

  it('gives what fcinvoke uses: Agent, EnvHttpProxyAgent, errors, and request() on every dispatcher', () => {
    const entry = require(ENTRY) as Record<string, unknown>;
    expect(Object.keys(entry).sort()).toEqual(['Agent', 'Dispatcher', 'EnvHttpProxyAgent', 'errors']);
    const Agent = entry.Agent as new () => { request: unknown; close: () => Promise<void> };
    const agent = new Agent();
    expect(typeof agent.request).toBe('function');
    return agent.close();
  });
});
