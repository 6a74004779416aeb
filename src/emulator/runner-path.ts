// Where the runner child's script is. After the build the emulator code sits in dist/cli.cjs,
// next to dist/emulator-runner.js (one folder up is tried too, for a bundle in a subfolder).
// Run from the TypeScript sources (vitest, development) it is src/emulator/runner.ts, which
// Node 20 cannot run directly, so it is bundled once per process with esbuild (a
// devDependency, present wherever the sources are) into a file under the temp dir.
import { createHash } from 'node:crypto';
import { access, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File name of the built runner entry point. */
export const RUNNER_FILE = 'emulator-runner.js';

export interface RunnerCandidates {
  /** Built runner files to try, in order. */
  built: string[];
  /** The TypeScript source, when this module itself is running from source. */
  source: string | undefined;
}

/** Pure: the places the runner may be, given the URL of the module asking. */
export function runnerCandidates(moduleUrl: string): RunnerCandidates {
  const built = [new URL(`./${RUNNER_FILE}`, moduleUrl), new URL(`../${RUNNER_FILE}`, moduleUrl)].map((u) => fileURLToPath(u));
  const source = /\.[cm]?ts$/.test(new URL(moduleUrl).pathname) ? fileURLToPath(new URL('./runner.ts', moduleUrl)) : undefined;
  return { built, source };
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

let sourceBuild: Promise<string> | undefined;

/**
 * Bundles runner.ts in memory and writes it under the temp dir, named by its content hash:
 * every test worker reuses the same file, and nothing piles up between runs.
 */
async function bundleSourceRunner(source: string): Promise<string> {
  // A computed specifier keeps the production bundle from trying to include esbuild.
  const esbuildName = 'esbuild';
  const esbuild = (await import(esbuildName)) as {
    build(options: Record<string, unknown>): Promise<{ outputFiles: { contents: Uint8Array }[] }>;
  };
  const result = await esbuild.build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    outfile: 'emulator-runner.mjs',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `fcinvoke-emulator-runner-${hash}.mjs`);
  if (!(await exists(path))) {
    const partial = `${path}.${process.pid}.tmp`;
    await writeFile(partial, code);
    await rename(partial, path);
  }
  return path;
}

/** The runner script to fork; throws with a remedy when there is none. */
export async function resolveRunnerPath(moduleUrl: string = import.meta.url): Promise<string> {
  const { built, source } = runnerCandidates(moduleUrl);
  for (const path of built) if (await exists(path)) return path;
  if (source && (await exists(source))) {
    sourceBuild ??= bundleSourceRunner(source);
    return sourceBuild;
  }
  throw new Error(`cannot find the emulator's handler runner (${built.join(' or ')}): rebuild fcinvoke (npm run build)`);
}
