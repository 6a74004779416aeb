// Bundles the CLI with esbuild: one entry, code splitting so that lazily imported
// commands and dependencies (undici, ora, cosmiconfig, the emulator) load only when used.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = new URL('../dist/', import.meta.url).pathname;

// Bundle undici's parts that fcinvoke uses (scripts/undici-entry.cjs), not its index.
const slimUndici = {
  name: 'slim-undici',
  setup(b) {
    const entry = new URL('./undici-entry.cjs', import.meta.url).pathname;
    b.onResolve({ filter: /^undici$/ }, (args) => (args.importer === entry ? undefined : { path: entry }));
  },
};

await rm(outdir, { recursive: true, force: true });
await build({
  // The emulator's handler runner is a separate entry: it runs in child processes.
  entryPoints: { cli: 'src/cli.ts', 'emulator-runner': 'src/emulator/runner.ts' },
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
  plugins: [slimUndici],
});

// The programmatic API (`import { invoke } from 'fcinvoke'`) is bundled on its own: as one
// more entry of the build above, its modules would split the CLI's start-up chunks into
// more files (each ESM file costs start-up time).
await build({
  entryPoints: { api: 'src/api.ts' },
  plugins: [slimUndici],
  outdir,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  minifySyntax: true,
  legalComments: 'linked',
  define: { FCINVOKE_VERSION: JSON.stringify(pkg.version) },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
