#!/usr/bin/env node
// Launcher. CommonJS, like the bundle it loads: an ES module entry would start Node's ESM
// loader on every call.
'use strict';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // Scripts and CI steps call this to check an installation: answer before loading the bundle.
  writeVersion(`${require('../package.json').version}\n`);
} else {
  // chalk ignores NO_COLOR, so map it to FORCE_COLOR=0 before anything loads.
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
  runBundle(require('node:path').join(__dirname, '..', 'dist', 'cli.cjs'));
}

/** Writes the version, checked as the bundle's writes are: exit 6 with one line when it cannot. */
function writeVersion(text) {
  try {
    require('node:fs').writeSync(1, text);
  } catch (error) {
    // The reader went away (`fcinvoke --version | true`): nothing was lost that anyone wanted.
    if (error.code === 'EPIPE') return;
    const reason = { ENOSPC: 'no space left on device', EIO: 'input/output error', EBADF: 'not open for writing' }[error.code] ?? error.message;
    process.stderr.write(`fcinvoke: cannot write to standard output: ${reason}${error.code ? ` (${error.code})` : ''}\n`);
    process.exitCode = 6;
  }
}

/**
 * Runs the bundle like require() would, but through V8's code cache: compiling the bundle
 * is most of what a call costs once Node has started. The cache is kept per user in
 * $XDG_CACHE_HOME/fcinvoke (~/.cache/fcinvoke), one file per installed copy, and is used only
 * when it is the user's own and writable by nobody else. Without it (first call after an
 * install, NODE_DISABLE_COMPILE_CACHE set, Windows, no home directory) the bundle compiles
 * as usual; the cache never changes what runs, only how fast it starts.
 */
function runBundle(file) {
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  const { createRequire, wrap } = require('node:module');
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
    // A clone after `npm ci` alone: the bundle is made by the build.
    const root = path.dirname(path.dirname(file));
    process.stderr.write(`fcinvoke: not built yet (no ${path.relative(root, file)}): run \`npm run build\` in ${root} first\n`);
    process.exitCode = 1;
    return;
  }
  const cache = compileCacheFile(file);
  if (cache) cacheRequiredModules(cache.dir);
  const cached = cache ? readOwnFile(cache.path, cache.key) : undefined;
  const script = new vm.Script(wrap(source), { filename: file, cachedData: cached?.data });
  const accepted = cached !== undefined && !script.cachedDataRejected;
  const bundle = { exports: {} };
  script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, path.dirname(file));
  if (cache && !(accepted && cached.complete)) {
    // Made at exit, a cache also holds what this call compiled while it ran. But V8 stamps a
    // cache with the flags in force and rejects it under others, so a flag fcinvoke changed
    // meanwhile (src/v8-flags.ts) is put back to V8's default first. Where that cannot be
    // done (the call was started with such a flag), what compiled up to now is kept instead.
    const early = accepted ? undefined : script.createCachedData();
    process.once('exit', () => {
      // Set once a flag was changed: puts V8's defaults back, false when it cannot.
      const restore = globalThis[Symbol.for('fcinvoke.restoreV8Flags')];
      if (typeof restore !== 'function' || restore()) writeOwnFile(cache.path, cache.key, true, script.createCachedData());
      else if (early) writeOwnFile(cache.path, cache.key, false, early);
    });
  }

  function compileCacheFile(scriptFile) {
    if (process.env.NODE_DISABLE_COMPILE_CACHE || typeof process.getuid !== 'function') return undefined;
    try {
      const base = process.env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache');
      // Never create a home directory (or XDG_CACHE_HOME's parent) that is not there.
      if (!path.isAbsolute(base) || !fs.statSync(path.dirname(base)).isDirectory()) return undefined;
      const dir = path.join(base, 'fcinvoke');
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (!isPrivate(fs.statSync(dir))) return undefined;
      // What makes a cache valid: this Node (V8 version and flags), and this exact file.
      const stat = fs.statSync(scriptFile);
      const key = ['v2', process.version, process.arch, process.execArgv.join(' '), stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs].join('|');
      const name = scriptFile.replace(/[^A-Za-z0-9.-]+/g, '_').slice(-200);
      return { dir, path: path.join(dir, `${name}.v8cache`), key };
    } catch {
      return undefined;
    }
  }

  /**
   * On Node >= 22.1, Node's own compile cache for the modules the bundle requires (undici,
   * ora, chalk and js-yaml in dist/vendor/), in a private folder beside the bundle's cache:
   * 2 to 4 ms less per real invocation on Node 22 and 24 (docs/benchmarks.md). The bundle
   * itself keeps the cache above, made at exit: Node's holds only what V8 compiled before
   * the first run, and starting the bundle through it measured 4 to 5 ms slower.
   */
  function cacheRequiredModules(dir) {
    const { enableCompileCache } = require('node:module');
    if (typeof enableCompileCache !== 'function') return;
    const modules = path.join(dir, 'modules');
    try {
      fs.mkdirSync(modules, { mode: 0o700 });
    } catch (error) {
      if (error.code !== 'EEXIST') return;
    }
    try {
      if (isPrivate(fs.lstatSync(modules))) enableCompileCache(modules);
    } catch {
      // Only ever an optimisation.
    }
  }

  function isPrivate(stat) {
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  }

  // The file is the key, `|complete` or `|top-level`, a line break, then V8's data.
  function readOwnFile(cachePath, key) {
    let fd;
    try {
      fd = fs.openSync(cachePath, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
      if (!isPrivate(fs.fstatSync(fd))) return undefined;
      const data = fs.readFileSync(fd);
      for (const complete of [true, false]) {
        const header = Buffer.from(`${key}|${complete ? 'complete' : 'top-level'}\n`);
        if (data.length > header.length && data.subarray(0, header.length).equals(header)) return { data: data.subarray(header.length), complete };
      }
      return undefined;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  function writeOwnFile(cachePath, key, complete, data) {
    const partial = `${cachePath}.${process.pid}.tmp`;
    try {
      const header = Buffer.from(`${key}|${complete ? 'complete' : 'top-level'}\n`);
      fs.writeFileSync(partial, Buffer.concat([header, data]), { mode: 0o600, flag: 'wx' });
      fs.renameSync(partial, cachePath);
    } catch {
      try {
        fs.rmSync(partial, { force: true });
      } catch {
        // Nothing more to do: the cache is only ever an optimisation.
      }
    }
  }
}
