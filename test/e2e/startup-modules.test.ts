// What a call loads: a real invocation never loads Node's HTTP/2 module (undici's HTTP/2
// client is required on first use, scripts/undici-lazy-h2.mjs), and --dry-run loads no network
// module at all. Both FC 2.0 and FC 3.0, through the library bundle too.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

let work: string;
let probe: string;
let server: TestServer;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'fcinvoke-modules-'));
  probe = join(work, 'probe.cjs');
  // Preloaded: at exit, writes the public built-in modules the process loaded.
  writeFileSync(
    probe,
    `process.on('exit', () => require('node:fs').writeFileSync(process.env.PROBE_OUT, process.moduleLoadList.filter((m) => m.startsWith('NativeModule ') && !m.startsWith('NativeModule internal/')).map((m) => m.slice(13)).join('\\n')));\n`,
  );
  server = await startTestServer((_req, res) => res.end('ok'));
});

afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

async function loaded(name: string, args: string[]): Promise<{ code: number | null; out: string; modules: string[] }> {
  const out = join(work, `${name}.txt`);
  const result = await runCli(args, {
    env: {
      NODE_OPTIONS: `--require ${probe}`,
      PROBE_OUT: out,
      FCINVOKE_ENDPOINT: server.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-key-id-modules',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-secret-modules',
      ALIBABA_CLOUD_ACCOUNT_ID: '1234567890',
    },
  });
  return { code: result.code, out: result.out, modules: readFileSync(out, 'utf8').split('\n') };
}

describe('modules a call loads', () => {
  it.each([
    ['FC 2.0', ['run', 'svc', 'fn', '-e', 'x', '--quiet']],
    ['FC 3.0', ['run', 'fn', '-e', 'x', '--quiet']],
  ])('a real invocation (%s) loads node:http but never node:http2', async (api, args) => {
    const result = await loaded(`run-${api}`, args);
    expect({ code: result.code, out: result.out }).toEqual({ code: 0, out: 'ok' });
    expect(result.modules).toContain('http');
    expect(result.modules).not.toContain('http2');
  });

  it('--dry-run loads neither HTTP module nor TLS (a piped stdout alone loads node:net)', async () => {
    const result = await loaded('dry-run', ['run', 'svc', 'fn', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.modules.filter((m) => ['http', 'http2', 'tls'].includes(m))).toEqual([]);
  });

  it('the library bundle invokes without loading node:http2', async () => {
    const out = join(work, 'library.txt');
    const script = join(work, 'library.mjs');
    const api = pathToFileURL(join(import.meta.dirname, '../../dist/api.js')).href;
    writeFileSync(
      script,
      `import { createClient } from ${JSON.stringify(api)};\nconst client = createClient({ endpoint: ${JSON.stringify(server.url)}, accessKeyId: 'fake-key-id-modules', accessKeySecret: 'fake-secret-modules' });\nconst result = await client.invoke('svc', 'fn', { event: 'x' });\nawait client.close();\nprocess.stdout.write(result.body.toString());\n`,
    );
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--require', probe, script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', PROBE_OUT: out } });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'ok' });
    const modules = readFileSync(out, 'utf8').split('\n');
    expect(modules).toContain('http');
    expect(modules).not.toContain('http2');
  });
});
