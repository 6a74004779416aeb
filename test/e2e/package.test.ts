// The published package as a user gets it: `npm pack` ships only what users need, the
// tarball installs without the network, and the installed copy works: `fcinvoke --version`,
// a real invocation against its own emulator, and `import { invoke } from 'fcinvoke'`
// (run, and type-checked as a TypeScript consumer would).
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
  exports?: Record<string, string | Record<string, string>>;
  types?: string;
};

interface PackResult {
  filename: string;
  files: { path: string }[];
}

let work: string;
let app: string;
let packed: PackResult;

/** npm without update checks, audits or funding notes, and never asking the network for the tarball. */
function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync('npm', args, {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      npm_config_loglevel: 'error',
    },
  });
}

function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: [dirname(process.execPath), process.env.PATH ?? '/usr/bin:/bin'].join(delimiter), HOME: work, LANG: 'C.UTF-8', ...extra };
}

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist', 'cli.cjs')), 'run `npm run build` first').toBe(true);
  work = mkdtempSync(join(tmpdir(), 'fcinvoke-package-'));
  const pack = npm(['pack', '--json', '--pack-destination', work], ROOT);
  expect(pack.status, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as PackResult[])[0]!;
  app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const install = npm(['install', '--offline', '--no-package-lock', join(work, packed.filename)], app);
  expect(install.status, install.stderr).toBe(0);
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every file the manifest points at: bin, exports and types. */
function manifestTargets(): string[] {
  const targets = Object.values(pkg.bin);
  const walk = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  if (pkg.types) targets.push(pkg.types);
  return targets.map((t) => t.replace(/^\.\//, ''));
}

/** dist/types/api.d.ts and every declaration file it reaches through relative imports. */
function declarationsOfApi(): string[] {
  const found = new Set<string>();
  const visit = (path: string): void => {
    if (found.has(path)) return;
    found.add(path);
    const text = readFileSync(join(ROOT, path), 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) visit(posix.join(posix.dirname(path), `${spec}.d.ts`));
  };
  visit('dist/types/api.d.ts');
  return [...found].sort();
}

describe('the tarball', () => {
  it('holds the launcher, the bundle, the README and docs, and nothing for development', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'bin/fcinvoke.cjs', 'dist/cli.cjs', 'dist/emulator-runner.js']),
    );
    // The packages the bundle requires lazily, each bundled on its own.
    expect(files.filter((f) => f.startsWith('dist/vendor/') && f.endsWith('.cjs')).sort()).toEqual(
      ['chalk', 'js-yaml', 'ora', 'undici'].map((name) => `dist/vendor/${name}.cjs`),
    );
    for (const dir of ['src/', 'test/', 'bench/', '.ci/', 'node_modules/', 'scripts/', 'coverage/']) {
      expect(files.filter((f) => f.startsWith(dir)), dir).toEqual([]);
    }
    expect(files.filter((f) => /\.(ts|tsx|map|tgz)$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    // The API's declarations and what they import, not the declarations of every source file.
    expect(files.filter((f) => f.endsWith('.d.ts')).sort()).toEqual(declarationsOfApi());
  });

  it('holds every file package.json points at', () => {
    const files = new Set(packed.files.map((f) => f.path));
    for (const target of manifestTargets()) expect(files.has(target), target).toBe(true);
  });

  it('installs with nothing else: the bundle has no runtime dependencies', () => {
    const installed = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['fcinvoke']);
  });
});

describe('the installed copy', () => {
  const bin = () => join(app, 'node_modules', '.bin', 'fcinvoke');

  it('prints its version', () => {
    const result = spawnSync(bin(), ['--version'], { env: cleanEnv(), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${pkg.version}\n`);
    expect(result.status).toBe(0);
  });

  it('invokes a function of its own emulator, from the CLI and from `import ... from "fcinvoke"`', async () => {
    const emulator = spawn(bin(), ['emulator', '--port', '0'], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const vars = await new Promise<Record<string, string>>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`no endpoint printed: ${out}`)), 15_000);
        emulator.on('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
        emulator.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const found = Object.fromEntries([...out.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
          if (found.FCINVOKE_ENDPOINT) {
            clearTimeout(timer);
            resolve(found);
          }
        });
      });

      const run = spawnSync(bin(), ['run', 'demo', 'echo', '-e', 'hello from the tarball'], { env: cleanEnv(vars), encoding: 'utf8' });
      expect(run.stdout).toBe('hello from the tarball');
      expect(run.stderr).toContain('echo: 22 bytes');
      expect(run.status).toBe(0);

      writeFileSync(
        join(app, 'consumer.mjs'),
        `import { createClient, invoke, ApiError, VERSION } from 'fcinvoke';
const env = process.env;
const options = { accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, accountId: env.ALIBABA_CLOUD_ACCOUNT_ID, endpoint: env.FCINVOKE_ENDPOINT };
const result = await invoke('demo', 'echo', { ...options, event: 'from the API' });
const client = createClient({ ...options, accessKeySecret: 'wrong' });
const error = await client.invoke('demo', 'hello').catch((e) => e);
await client.close();
console.log(JSON.stringify({ body: result.body.toString(), status: result.status, apiError: error instanceof ApiError, code: error.code, version: VERSION }));
`,
      );
      const api = spawnSync(process.execPath, ['consumer.mjs'], { cwd: app, env: cleanEnv(vars), encoding: 'utf8' });
      expect(api.stderr).toBe('');
      expect(JSON.parse(api.stdout)).toEqual({ body: 'from the API', status: 200, apiError: true, code: 'SignatureNotMatch', version: pkg.version });
    } finally {
      emulator.kill('SIGTERM');
    }
  });

  it('gives TypeScript consumers its types', () => {
    writeFileSync(
      join(app, 'consumer.ts'),
      `import { createClient, invoke, NetworkError, type InvokeResult } from 'fcinvoke';
const client = createClient({ accessKeyId: 'id', accessKeySecret: 'secret', region: 'cn-hangzhou', accountId: '123' });
const pending: Promise<InvokeResult> = client.invoke('svc', 'fn', { event: Buffer.from('x'), qualifier: 'prod', logs: false });
const status: Promise<number> = invoke('svc', 'fn', { accessKeyId: 'id', accessKeySecret: 'secret', endpoint: 'http://127.0.0.1:9' }).then((r) => r.status);
const isNetwork = (e: unknown): boolean => e instanceof NetworkError && e.exitCode === 5;
// @ts-expect-error: the event must be text, bytes or a sized stream
client.invoke('svc', 'fn', { event: 42 });
export { pending, status, isNetwork };
`,
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules', '@types'), 'consumer.ts'];
    const result = spawnSync(process.execPath, [tsc, ...args], { cwd: app, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
