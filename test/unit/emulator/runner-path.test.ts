import { describe, expect, it } from 'vitest';
import { resolveRunnerPath, runnerCandidates } from '../../../src/emulator/runner-path.js';

describe('runnerCandidates', () => {
  it('looks next to a bundled entry and one folder up from a split chunk', () => {
    expect(runnerCandidates('file:///app/dist/cli.js')).toEqual({
      built: ['/app/dist/emulator-runner.js', '/app/emulator-runner.js'],
      source: undefined,
    });
    expect(runnerCandidates('file:///app/dist/chunks/server-ABC123.js').built).toEqual([
      '/app/dist/chunks/emulator-runner.js',
      '/app/dist/emulator-runner.js',
    ]);
  });

  it('uses runner.ts when running from the TypeScript sources', () => {
    expect(runnerCandidates('file:///repo/src/emulator/runner-path.ts').source).toBe('/repo/src/emulator/runner.ts');
  });

  it('explains what to do when nothing is there', async () => {
    await expect(resolveRunnerPath('file:///nonexistent/dist/cli.js')).rejects.toThrow(/npm run build/);
  });

  it('bundles the source runner when running from source', async () => {
    const path = await resolveRunnerPath();
    expect(path).toMatch(/emulator-runner[-\w]*\.m?js$/);
  });
});
