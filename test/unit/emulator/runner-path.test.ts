import { describe, expect, it } from 'vitest';
import { resolveRunnerPath, runnerCandidates } from '../../../src/emulator/runner-path.js';

describe('runnerCandidates', () => {
  it('looks next to the bundle, then one folder up', () => {
    expect(runnerCandidates('file:///app/dist/cli.cjs')).toEqual({
      built: ['/app/dist/emulator-runner.js', '/app/emulator-runner.js'],
      source: undefined,
    });
    expect(runnerCandidates('file:///app/dist/sub/cli.cjs').built).toEqual([
      '/app/dist/sub/emulator-runner.js',
      '/app/dist/emulator-runner.js',
    ]);
  });

  it('uses runner.ts when running from the TypeScript sources', () => {
    expect(runnerCandidates('file:///repo/src/emulator/runner-path.ts').source).toBe('/repo/src/emulator/runner.ts');
  });

  it('explains what to do when nothing is there', async () => {
    await expect(resolveRunnerPath('file:///nonexistent/dist/cli.cjs')).rejects.toThrow(/npm run build/);
  });

  it('bundles the source runner when running from source', async () => {
    const path = await resolveRunnerPath();
    expect(path).toMatch(/emulator-runner[-\w]*\.m?js$/);
  });
});
