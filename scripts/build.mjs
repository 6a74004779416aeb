// Builds dist/ with esbuild.
//
// The CLI is one CommonJS file, dist/cli.cjs, holding fcinvoke's own code and commander.
// CommonJS because every ES module costs start-up: Node's ESM loader alone adds about 5 ms
// to each call, and each split chunk a little more. The heavy third-party packages (undici,
// ora, chalk, js-yaml) are bundled on their own into dist/vendor/*.cjs and required only on
// the paths that use them, so `run --dry-run` neither reads nor parses them.
import { readFile, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { CLIENT_FILE, lazyH2 } from './undici-lazy-h2.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = new URL('../dist/', import.meta.url).pathname;
const undiciEntry = new URL('./undici-entry.cjs', import.meta.url).pathname;

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  minifySyntax: true,
  legalComments: 'linked',
  logLevel: 'warning',
  define: { FCINVOKE_VERSION: JSON.stringify(pkg.version) },
};

// undici's HTTP/2 client loaded on first use only (scripts/undici-lazy-h2.mjs), wherever undici is bundled.
const lazyUndiciH2 = {
  name: 'lazy-undici-h2',
  setup(b) {
    b.onLoad({ filter: CLIENT_FILE }, async (args) => ({ contents: lazyH2(await readFile(args.path, 'utf8')), loader: 'js' }));
  },
};

// Bundle undici's parts that fcinvoke uses (scripts/undici-entry.cjs), not its index.
const slimUndici = {
  name: 'slim-undici',
  setup(b) {
    b.onResolve({ filter: /^undici$/ }, (args) => (args.importer === undiciEntry ? undefined : { path: undiciEntry }));
    lazyUndiciH2.setup(b);
  },
};

/**
 * Packages bundled into dist/vendor/<name>.cjs, with the entry each is built from. The CLI's
 * sources are ES modules importing CommonJS the way Node does: `default` is module.exports.
 */
const VENDOR = {
  undici: { path: undiciEntry },
  ora: { contents: "module.exports = require('ora').default;" },
  chalk: { contents: "module.exports = require('chalk');" },
  'js-yaml': { contents: "module.exports = require('js-yaml');" },
};

// In the CLI bundle, an import of a vendored package becomes require('./vendor/<name>.cjs').
const vendored = {
  name: 'vendored',
  setup(b) {
    const names = Object.keys(VENDOR).map((name) => name.replace(/[-/]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({ path: `./vendor/${args.path}.cjs`, external: true }));
  },
};

await rm(outdir, { recursive: true, force: true });

await build({
  ...shared,
  entryPoints: { cli: 'src/cli.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // import() of a bundled module or a vendored file becomes a deferred require(): no ESM loader.
  supported: { 'dynamic-import': false },
  // The emulator finds its runner next to this file (src/emulator/runner-path.ts).
  define: { ...shared.define, 'import.meta.url': '__fcinvokeModuleUrl' },
  banner: { js: "const __fcinvokeModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [vendored],
});

await Promise.all(
  Object.entries(VENDOR).map(([name, entry]) =>
    build({
      ...shared,
      ...(entry.path ? { entryPoints: [entry.path] } : { stdin: { contents: entry.contents, resolveDir: process.cwd(), loader: 'js' } }),
      outfile: `${outdir}vendor/${name}.cjs`,
      format: 'cjs',
      plugins: name === 'undici' ? [lazyUndiciH2] : [],
    }),
  ),
);

// The emulator's handler runner runs in child processes: a file of its own.
await build({
  ...shared,
  entryPoints: { 'emulator-runner': 'src/emulator/runner.ts' },
  outdir,
  format: 'esm',
});

// The programmatic API (`import { invoke } from 'fcinvoke'`): an ES module of its own.
await build({
  ...shared,
  entryPoints: { api: 'src/api.ts' },
  plugins: [slimUndici],
  outdir,
  format: 'esm',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
