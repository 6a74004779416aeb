// Bundles the CLI with esbuild: one entry, code splitting so that lazily imported
// commands and dependencies (undici, ora, cosmiconfig, the emulator) load only when used.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = new URL('../dist/', import.meta.url).pathname;

await rm(outdir, { recursive: true, force: true });
await build({
  // The emulator's handler runner is a separate entry: it runs in child processes.
  entryPoints: { cli: 'src/cli.ts', 'emulator-runner': 'src/emulator/runner.ts', ...extraEntries() },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minifySyntax: true,
  legalComments: 'linked',
  sourcemap: false,
  chunkNames: 'chunks/[name]-[hash]',
  define: { FCINVOKE_VERSION: JSON.stringify(pkg.version) },
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // cosmiconfig loads TypeScript only for .ts config files, which fcinvoke never reads.
  external: ['typescript'],
  logLevel: 'warning',
});

function extraEntries() {
  return {};
}
