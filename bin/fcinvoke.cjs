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

/** The kinds of call one cache records; past this many, it is not made again for another. */
const MAX_TAGS = 24;

/**
 * Runs the bundle like require() would, but through V8's code cache: compiling the bundle and
 * the packages it requires from dist/vendor/ (undici above all) is most of what a call costs
 * once Node has started. The cache is kept per user in $XDG_CACHE_HOME/fcinvoke
 * (~/.cache/fcinvoke), one file per script of each installed copy, and is used only when it is
 * the user's own and writable by nobody else. Without it (first call after an install,
 * NODE_DISABLE_COMPILE_CACHE set, Windows, no home directory) the scripts compile as usual;
 * the cache never changes what runs, only how fast it starts.
 *
 * Node's own module.enableCompileCache() (Node >= 22.1) is not used: it keeps only what V8
 * compiled before a module first ran, and a real invocation through it measured 30 to 35 ms
 * slower on Node 22 and 24 than through this cache, which is made at exit and so also holds
 * every function the call compiled while it ran (docs/benchmarks.md).
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
  const cacheDir = compileCacheDir();
  /** Scripts whose cache may be written at exit: { entry, script, early, tags }. */
  const toWrite = [];
  const vendored = new Map();
  const baseRequire = createRequire(file);
  // The bundle requires its vendored packages as './vendor/<name>.cjs' (scripts/build.mjs).
  const bundleRequire = Object.assign((id) => (id.startsWith('./vendor/') ? requireVendored(id) : baseRequire(id)), baseRequire);
  runScript(file, source, bundleRequire);

  function requireVendored(id) {
    let module = vendored.get(id);
    if (!module) {
      const vendorFile = path.join(path.dirname(file), id);
      module = runScript(vendorFile, fs.readFileSync(vendorFile, 'utf8'), createRequire(vendorFile));
      vendored.set(id, module);
    }
    return module.exports;
  }

  /** Compiles `text` as the CommonJS module `scriptFile`, through the cache where it can, and runs it. */
  function runScript(scriptFile, text, scriptRequire) {
    // V8 rejects a cache under flags other than those it was made with: once fcinvoke changed
    // one (src/v8-flags.ts), a script loaded later is compiled as usual and its cache left alone.
    const entry = cacheDir && !flagRestorer() ? cacheEntry(cacheDir, scriptFile) : undefined;
    const cached = entry ? readOwnFile(entry.path, entry.key) : undefined;
    const script = new vm.Script(wrap(text), { filename: scriptFile, cachedData: cached?.data });
    const accepted = cached !== undefined && !script.cachedDataRejected;
    if (entry) {
      if (toWrite.length === 0) process.once('exit', writeCaches);
      // `tags`: the calls a complete cache was made by; null when there is none to keep.
      const tags = accepted && cached.tags ? cached.tags : null;
      toWrite.push({ entry, script, early: accepted ? undefined : script.createCachedData(), tags });
    }
    const module = { exports: {} };
    script.runInThisContext().call(module.exports, module.exports, scriptRequire, module, scriptFile, path.dirname(scriptFile));
    return module;
  }

  /** Set by src/v8-flags.ts once a flag was changed: puts V8's defaults back, false when it cannot. */
  function flagRestorer() {
    const restore = globalThis[Symbol.for('fcinvoke.restoreV8Flags')];
    return typeof restore === 'function' ? restore : undefined;
  }

  /**
   * Made at exit, a cache also holds what this call compiled while it ran. But V8 stamps a
   * cache with the flags in force, so a flag fcinvoke changed meanwhile (src/v8-flags.ts) is
   * put back to V8's default first. Where that cannot be done (the call was started with such
   * a flag), what compiled before the script ran is kept instead.
   *
   * A complete cache lists the kinds of call it was made by (src/compile-cache-tag.ts). A call
   * of another kind (a real invocation after a first `--dry-run`) makes it again, with what
   * both compiled, so that each kind of call a user makes compiles nothing after the first.
   */
  function writeCaches() {
    const tag = callTag();
    const pending = toWrite.filter(({ tags }) => !tags || (!tags.includes(tag) && tags.length < MAX_TAGS));
    if (pending.length === 0) return;
    const restore = flagRestorer();
    const restored = !restore || restore();
    for (const { entry, script, early, tags } of pending) {
      if (restored) writeOwnFile(entry.path, entry.key, [...(tags ?? []), tag], script.createCachedData());
      else if (early) writeOwnFile(entry.path, entry.key, null, early);
    }
  }

  /** This call's kind: the command the bundle ran, and whether it sent anything (undici loaded). */
  function callTag() {
    const command = globalThis[Symbol.for('fcinvoke.compileCacheTag')];
    const name = typeof command === 'string' ? command.replace(/[^a-z0-9 -]/g, '').slice(0, 40) : '';
    return `${name || '-'}${vendored.has('./vendor/undici.cjs') ? ' +send' : ''}`;
  }

  function compileCacheDir() {
    if (process.env.NODE_DISABLE_COMPILE_CACHE || typeof process.getuid !== 'function') return undefined;
    try {
      const base = process.env.XDG_CACHE_HOME || path.join(require('node:os').homedir(), '.cache');
      // Never create a home directory (or XDG_CACHE_HOME's parent) that is not there.
      if (!path.isAbsolute(base) || !fs.statSync(path.dirname(base)).isDirectory()) return undefined;
      const dir = path.join(base, 'fcinvoke');
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      return isPrivate(fs.statSync(dir)) ? dir : undefined;
    } catch {
      return undefined;
    }
  }

  function cacheEntry(dir, scriptFile) {
    try {
      // What makes a cache valid: this Node (V8 version and flags), and this exact file.
      const stat = fs.statSync(scriptFile);
      const key = ['v3', process.version, process.arch, process.execArgv.join(' '), stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs].join('|');
      const name = scriptFile.replace(/[^A-Za-z0-9.-]+/g, '_').slice(-200);
      return { path: path.join(dir, `${name}.v8cache`), key };
    } catch {
      return undefined;
    }
  }

  function isPrivate(stat) {
    return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  }

  // The file is the key, `|top-level` or `|complete:` and the kinds of call it was made by
  // (`run +send,run`), a line break, then V8's data.
  function readOwnFile(cachePath, key) {
    let fd;
    try {
      fd = fs.openSync(cachePath, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
      if (!isPrivate(fs.fstatSync(fd))) return undefined;
      const data = fs.readFileSync(fd);
      const prefix = Buffer.from(`${key}|`);
      if (!data.subarray(0, prefix.length).equals(prefix)) return undefined;
      const end = data.indexOf(0x0a, prefix.length);
      if (end < 0) return undefined;
      const state = data.subarray(prefix.length, end).toString('latin1');
      const body = data.subarray(end + 1);
      if (state === 'top-level') return { data: body, tags: null };
      if (state.startsWith('complete:')) return { data: body, tags: state.slice('complete:'.length).split(',') };
      return undefined;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** `tags` null: what compiled before the script ran; else complete, made by those kinds of call. */
  function writeOwnFile(cachePath, key, tags, data) {
    const partial = `${cachePath}.${process.pid}.tmp`;
    try {
      const header = Buffer.from(`${key}|${tags ? `complete:${tags.join(',')}` : 'top-level'}\n`);
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
