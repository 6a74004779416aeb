// The launcher's V8 code cache (bin/fcinvoke.cjs): private, per installed copy, never stale.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseEnv } from '../helpers/cli.js';
import { startTestServer } from '../helpers/http-server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'fcinvoke-cache-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A copy of the installed files (launcher, bundle, package.json) in its own folder. */
function installCopy(name: string): string {
  const dir = join(work, name);
  for (const part of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

function fcinvoke(copy: string, args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, [join(copy, 'bin', 'fcinvoke.cjs'), ...args], { env: baseEnv(env), cwd: work, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

/** The same, without blocking this process (whose test server the call talks to); `nodeArgs` go to node first. */
function fcinvokeAsync(copy: string, args: string[], env: Record<string, string | undefined>, nodeArgs: string[] = []) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, join(copy, 'bin', 'fcinvoke.cjs'), ...args], { env: baseEnv(env), cwd: work });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

interface InvocationSetup {
  copy: string;
  cacheHome: string;
  env: Record<string, string>;
  /** One real invocation of a server that answers `ok`; `nodeArgs` go to node first. */
  invoke: (nodeArgs?: string[]) => Promise<{ code: number | null; out: string; err: string }>;
}

/** Runs `test` with its own installed copy, cache folder and answering server. */
async function withInvocations(name: string, test: (setup: InvocationSetup) => Promise<void>): Promise<void> {
  const server = await startTestServer((_req, res) => res.end('ok'));
  try {
    const copy = installCopy(name);
    const cacheHome = join(work, `cache-${name}`);
    const env = { XDG_CACHE_HOME: cacheHome, FCINVOKE_ENDPOINT: server.url, ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-key-id-cache', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-secret-cache' };
    await test({ copy, cacheHome, env, invoke: (nodeArgs = []) => fcinvokeAsync(copy, ['run', 's', 'f', '-e', 'x', '--quiet'], env, nodeArgs) });
  } finally {
    await server.close();
  }
}

/** The cache files: one per script (the bundle, each vendored package it loaded). */
function cacheFiles(cacheHome: string): string[] {
  const dir = join(cacheHome, 'fcinvoke');
  return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
}

/** The bundle's own cache file. */
function bundleCacheFile(cacheHome: string): string {
  const files = cacheFiles(cacheHome).filter((file) => file.endsWith('_dist_cli.cjs.v8cache'));
  expect(files).toHaveLength(1);
  return files[0]!;
}

/** Whether a cache file is `complete` or `top-level`, the kinds of call it was made by, and its identity (inode, mtime). */
function cacheState(file: string): { kind: string | undefined; tags: string[]; id: number[] } {
  const text = readFileSync(file, 'latin1');
  const stat = statSync(file);
  const [kind, tags] = (text.slice(0, text.indexOf('\n')).split('|').at(-1) ?? '').split(':');
  return { kind, tags: tags === undefined ? [] : tags.split(','), id: [stat.ino, stat.mtimeMs] };
}

/** The cache file of a package the bundle requires from dist/vendor/. */
function vendorCacheFile(cacheHome: string, name: string): string {
  const files = cacheFiles(cacheHome).filter((file) => file.endsWith(`_dist_vendor_${name}.cjs.v8cache`));
  expect(files).toHaveLength(1);
  return files[0]!;
}

describe('the compile cache', () => {
  it('is written on the first call, private, and used as it is on the next', () => {
    const copy = installCopy('first');
    const cacheHome = join(work, 'cache-first');
    const first = fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome });
    expect(first.code).toBe(0);
    const files = cacheFiles(cacheHome);
    expect(files).toHaveLength(1);
    const file = files[0]!;
    expect(statSync(join(cacheHome, 'fcinvoke')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).subarray(0, 3).toString()).toBe('v3|');

    const before = statSync(file);
    const second = fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome });
    expect(second).toEqual(first);
    // Not written again: V8 took it.
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('is completed by a real invocation too: the V8 flags it changed are put back before the cache is made', () =>
    withInvocations('flags', async ({ cacheHome, invoke }) => {
      const state = () => cacheState(bundleCacheFile(cacheHome));
      // Sending sets V8 flags (undici's parser) after the bundle compiled; they are put back at
      // exit, so the cache made then carries the flags the next call starts with.
      expect(await invoke()).toEqual({ code: 0, out: 'ok', err: '' });
      const first = state();
      expect(first.kind).toBe('complete');
      expect((await invoke()).out).toBe('ok');
      expect(state()).toEqual(first); // taken by V8, not written again
      expect(first.tags).toEqual(['run +send']);
    }));

  it('is made again, once, by the first real invocation after a --dry-run made it: then it holds both', () =>
    withInvocations('grows', async ({ copy, cacheHome, env, invoke }) => {
      const state = () => cacheState(bundleCacheFile(cacheHome));
      expect(fcinvoke(copy, ['run', 's', 'f', '--dry-run'], env).code).toBe(0);
      const dryRun = state();
      expect(dryRun).toMatchObject({ kind: 'complete', tags: ['run'] });
      const dryRunSize = statSync(bundleCacheFile(cacheHome)).size;

      // The invocation's own code was not in it: made again at exit, with what both compiled.
      expect(await invoke()).toEqual({ code: 0, out: 'ok', err: '' });
      const both = state();
      expect(both).toMatchObject({ kind: 'complete', tags: ['run', 'run +send'] });
      expect(both.id).not.toEqual(dryRun.id);
      expect(statSync(bundleCacheFile(cacheHome)).size).toBeGreaterThan(dryRunSize);
      expect(cacheState(vendorCacheFile(cacheHome, 'undici'))).toMatchObject({ kind: 'complete', tags: ['run +send'] });

      // Every later call of either kind takes it as it is.
      expect(await invoke()).toEqual({ code: 0, out: 'ok', err: '' });
      expect(fcinvoke(copy, ['run', 's', 'f', '--dry-run'], env).code).toBe(0);
      expect(state()).toEqual(both);

      // Another command is one more kind; its names are the program's, never what was typed.
      expect(fcinvoke(copy, ['config'], env).code).toBe(0);
      expect(state().tags).toEqual(['run', 'run +send', 'config']);
    }));

  it('keeps what compiled before the flags changed when the call was started with one of them', () =>
    withInvocations('given-flag', async ({ cacheHome, invoke }) => {
      expect(await invoke(['--no-wasm-tier-up'])).toEqual({ code: 0, out: 'ok', err: '' });
      // Its defaults for that flag were not V8's: put back, the cache would be rejected next time.
      expect(cacheState(bundleCacheFile(cacheHome)).kind).toBe('top-level');
      expect(cacheState(vendorCacheFile(cacheHome, 'undici')).kind).toBe('top-level');
    }));

  it('keeps undici, which the bundle requires, in a cache of its own that the next invocation takes as it is', () =>
    withInvocations('vendored', async ({ cacheHome, env, copy, invoke }) => {
      expect(await invoke()).toEqual({ code: 0, out: 'ok', err: '' });
      const undici = vendorCacheFile(cacheHome, 'undici');
      expect(statSync(undici).mode & 0o777).toBe(0o600);
      const first = cacheState(undici);
      // Complete: made at exit, after the flags sending set were put back.
      expect(first.kind).toBe('complete');
      expect(await invoke()).toEqual({ code: 0, out: 'ok', err: '' });
      expect(cacheState(undici)).toEqual(first); // taken by V8, not written again

      // A call that sets a flag before undici loads (FC 3.0 hashes a large -d file first, running
      // the GC as it streams) compiles undici as usual and leaves its cache alone.
      const big = join(work, 'big-event');
      writeFileSync(big, Buffer.alloc(9 * 1024 * 1024, 97));
      expect((await fcinvokeAsync(copy, ['run', 'f', '-d', big, '--quiet'], env)).code).toBe(0);
      expect(cacheState(undici)).toEqual(first);
      expect((await invoke()).out).toBe('ok');
      expect(cacheState(undici)).toEqual(first);

      // A file others can write is not used, and is replaced by a private one.
      chmodSync(undici, 0o666);
      expect(await invoke()).toEqual({ code: 0, out: 'ok', err: '' });
      expect(statSync(undici).mode & 0o777).toBe(0o600);
      expect(cacheState(undici).id).not.toEqual(first.id);
    }));

  it('never runs an old undici after its file changed', () =>
    withInvocations('vendored-changed', async ({ copy, invoke }) => {
      expect(await invoke()).toEqual({ code: 0, out: 'ok', err: '' });
      const undici = join(copy, 'dist', 'vendor', 'undici.cjs');
      const source = readFileSync(undici, 'utf8');
      const marker = 'module.exports = {';
      expect(source).toContain(marker);
      writeFileSync(undici, source.replace(marker, `process.stderr.write('new undici\\n');${marker}`));
      const result = await invoke();
      expect(result.err).toContain('new undici');
    }));

  it('never runs old code after the bundle changed, even at the same size', () => {
    const copy = installCopy('changed');
    const cacheHome = join(work, 'cache-changed');
    expect(fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome }).out).toContain('invoke a function');
    const bundle = join(copy, 'dist', 'cli.cjs');
    const source = readFileSync(bundle, 'utf8');
    expect(source).toContain('"invoke a function:');
    writeFileSync(bundle, source.replace('"invoke a function:', '"INVOKE A FUNCTION:'));
    expect(statSync(bundle).size).toBe(Buffer.byteLength(source));

    const result = fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome });
    expect(result.out).toContain('INVOKE A FUNCTION');
    expect(result.code).toBe(0);
  });

  it('ignores a damaged cache file and replaces it', () => {
    const copy = installCopy('damaged');
    const cacheHome = join(work, 'cache-damaged');
    const clean = fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome });
    const file = cacheFiles(cacheHome)[0]!;
    const valid = readFileSync(file);
    // The right key with garbage after it, then a file that is all garbage.
    for (const damaged of [Buffer.concat([valid.subarray(0, valid.indexOf(10) + 1), Buffer.alloc(4096, 7)]), Buffer.alloc(4096, 7)]) {
      writeFileSync(file, damaged, { mode: 0o600 });
      expect(fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome })).toEqual(clean);
      expect(readFileSync(file).subarray(0, 3).toString()).toBe('v3|');
      expect(readFileSync(file).equals(damaged)).toBe(false);
    }
  });

  it('does not use a cache file that others can write, nor one in a folder others can write', () => {
    const copy = installCopy('shared');
    const cacheHome = join(work, 'cache-shared');
    const clean = fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome });
    const file = cacheFiles(cacheHome)[0]!;

    chmodSync(file, 0o666);
    expect(fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome })).toEqual(clean);
    // Replaced (a file it had used would have been left alone), and private again.
    expect(statSync(file).mode & 0o777).toBe(0o600);

    chmodSync(join(cacheHome, 'fcinvoke'), 0o777);
    const before = statSync(file);
    expect(fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome })).toEqual(clean);
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('writes nothing with NODE_DISABLE_COMPILE_CACHE, a relative XDG_CACHE_HOME or a missing home', () => {
    const copy = installCopy('off');
    const cacheHome = join(work, 'cache-off');
    const clean = fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(clean.code).toBe(0);
    expect(existsSync(cacheHome)).toBe(false);

    mkdirSync(join(work, 'cwd-files'));
    expect(fcinvoke(copy, ['run', '--help'], { XDG_CACHE_HOME: 'relative-cache' })).toEqual(clean);
    expect(existsSync(join(work, 'relative-cache'))).toBe(false);

    const missingHome = join(work, 'no-such-home');
    expect(fcinvoke(copy, ['run', '--help'], { HOME: missingHome })).toEqual(clean);
    expect(existsSync(missingHome)).toBe(false);
  });
});

describe('a clone that was not built', () => {
  it('says to run the build, instead of a stack trace', () => {
    const dir = join(work, 'unbuilt');
    for (const part of ['bin', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    const result = fcinvoke(dir, ['run', 'demo', 'hello']);
    expect(result.err).toBe(`fcinvoke: not built yet (no dist/cli.cjs): run \`npm run build\` in ${dir} first\n`);
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
  });
});
