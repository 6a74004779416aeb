// No secret (AccessKey secret, STS token, Authorization signature) reaches any output, in
// any mode; signals end the process with the contract's codes and leave no temp files.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { LEAK_SECRET as SECRET, LEAK_TOKEN as TOKEN, leakTestEnv as env } from '../helpers/leak-credentials.js';


let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('no secret in any output', () => {
  it.each([
    ['success, verbose', ['-v'], 200],
    ['json', ['--json'], 200],
    ['dry run', ['--dry-run'], 200],
    ['dry run json', ['--dry-run', '--json'], 200],
    ['API error, verbose', ['-v'], 403],
    ['API error, json', ['--json'], 403],
    ['function error, verbose', ['-v'], 299],
  ])('%s', async (_name, flags, status) => {
    server = await startTestServer((_req, res) => {
      if (status === 403) {
        res.writeHead(403, { 'x-fc-request-id': 'r' });
        res.end(JSON.stringify({ ErrorCode: 'SignatureNotMatch', ErrorMessage: 'no' }));
      } else if (status === 299) {
        res.writeHead(200, { 'x-fc-error-type': 'UnhandledInvocationError', 'x-fc-log-result': Buffer.from('log line').toString('base64') });
        res.end(JSON.stringify({ errorMessage: 'boom', errorType: 'Error' }));
      } else {
        res.writeHead(200, { 'x-fc-request-id': 'r' });
        res.end('fine');
      }
    });
    const r = await runCli(['run', 'svc', 'fn', '-e', 'x', ...flags], { env: env(server.url) });
    const all = `${r.out}\n${r.stderr}`;
    expect(r.code).toBe(status === 403 ? 4 : status === 299 ? 1 : 0);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
    // What was sent carries a signature that must not show; a dry run sends nothing, so for
    // every row no HMAC-SHA256 in base64 (43 characters and "=") may appear anywhere.
    const dryRun = flags.includes('--dry-run');
    expect(server.requests).toHaveLength(dryRun ? 0 : 1);
    if (!dryRun) {
      const signature = String(server.requests[0]!.headers.authorization).split(':')[1];
      expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(all).not.toContain(signature);
    }
    expect(all).not.toMatch(/[A-Za-z0-9+/]{43}=/);
    if (flags.includes('-v') || flags.includes('--dry-run')) {
      expect(all).toMatch(/authorization"?: "?FC \*{4}test:<redacted>/);
      expect(all).toMatch(/x-fc-security-token"?: "?<redacted>/);
    }
  });

  it('dry run prints the signed request on stdout and sends nothing', async () => {
    server = await startTestServer((_req, res) => res.end());
    const r = await runCli(['run', 'svc.prod', 'fn', '-e', 'abc', '--dry-run'], { env: env(server.url) });
    expect(r.code).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(r.out.split('\n')[0]).toBe(`POST ${server.url}/2016-08-15/services/svc.prod/functions/fn/invocations`);
    expect(r.out).toContain('content-length: 3\n');
    expect(r.out).toContain('(body: 3 bytes from inline event; not sent)');
    expect(r.stderr).toBe('');
  });
});

describe('no secret in any output, FC 3.0 (ACS3: x-acs-security-token, Signature=)', () => {
  /** The hex ACS3 signature a request carried. */
  const signatureOf = (authorization: unknown) => /Signature=([0-9a-f]{64})$/.exec(String(authorization))?.[1];

  it.each([
    ['success, verbose', ['-v'], 200],
    ['json', ['--json'], 200],
    ['dry run', ['--dry-run'], 200],
    ['dry run json', ['--dry-run', '--json'], 200],
    ['API error, verbose', ['-v'], 403],
    ['API error, json', ['--json'], 403],
    ['function error, verbose', ['-v'], 299],
    ['batch', ['--repeat', '3', '-c', '2'], 200],
    ['batch, API errors', ['--repeat', '3'], 403],
  ])('%s', async (_name, flags, status) => {
    server = await startTestServer((_req, res) => {
      if (status === 403) {
        res.writeHead(403, { 'content-type': 'application/json', 'x-fc-request-id': '1-aaaaaaaa-bbbbbbbb-cccccccccccc' });
        res.end(JSON.stringify({ Code: 'SignatureNotMatch', Message: 'no', RequestId: '1-aaaaaaaa-bbbbbbbb-cccccccccccc' }));
      } else if (status === 299) {
        res.writeHead(200, { 'x-fc-error-type': 'UnhandledInvocationError', 'x-fc-log-result': Buffer.from('log line').toString('base64') });
        res.end(JSON.stringify({ errorMessage: 'boom', errorType: 'Error' }));
      } else {
        res.writeHead(200, { 'x-fc-request-id': '1-aaaaaaaa-bbbbbbbb-dddddddddddd' });
        res.end('fine');
      }
    });
    const r = await runCli(['run', 'fn', '-e', 'x', ...flags], { env: env(server.url) });
    const all = `${r.out}\n${r.stderr}`;
    expect(r.code).toBe(status === 403 ? 4 : status === 299 ? 1 : 0);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
    const dryRun = flags.includes('--dry-run');
    expect(server.requests.length > 0).toBe(!dryRun);
    for (const request of server.requests) {
      expect(request.headers['x-acs-security-token']).toBe(TOKEN);
      const signature = signatureOf(request.headers.authorization);
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(all).not.toContain(signature);
    }
    // No ACS3 signature (64 hex digits) shows anywhere, sent or only built for the dry run.
    expect(all).not.toMatch(/Signature=[0-9a-f]/);
    expect(all.replace(/x-acs-content-sha256"?: "?[0-9a-f]{64}/g, '')).not.toMatch(/[0-9a-f]{64}/);
    if (flags.includes('-v') || dryRun) {
      expect(all).toMatch(/authorization"?: "?ACS3-HMAC-SHA256 Credential=\*{4}test,SignedHeaders=[^,]+,Signature=<redacted>/);
      expect(all).toMatch(/x-acs-security-token"?: "?<redacted>/);
      expect(all).toMatch(/x-acs-accesskey-id"?: "?\*{4}test/);
    }
  });

  it('status, list and stop of async tasks, also with a wrong secret, and in JSON', async () => {
    const { emulatorEnv, startTestEmulator, STS_KEY } = await import('../helpers/emulator.js');
    const emulator = await startTestEmulator();
    try {
      const stsEnv = emulatorEnv(emulator, STS_KEY);
      const runs = [
        ['status', 'hello', 'no_such_task'],
        ['status', 'hello', 'no_such_task', '--json'],
        ['list', 'hello', '--json'],
        ['list', 'hello'],
        ['stop', 'hello', 'no_such_task'],
        ['run', 'echo', '--repeat', '3', '-e', 'x', '-c', '2'],
        ['run', 'hello', '--async', '--json'],
        ['run', 'hello', '--async-id', 'secret_test_task', '--wait', '-v'],
      ];
      for (const args of runs) {
        for (const variant of [stsEnv, { ...stsEnv, ALIBABA_CLOUD_ACCESS_KEY_SECRET: `${STS_KEY.accessKeySecret}-wrong` }]) {
          const r = await runCli(args, { env: variant });
          const all = `${r.out}\n${r.stderr}`;
          expect(all, args.join(' ')).not.toContain(STS_KEY.accessKeySecret);
          expect(all, args.join(' ')).not.toContain(STS_KEY.securityToken!);
          expect(all, args.join(' ')).not.toMatch(/Signature=[0-9a-f]/);
        }
      }
    } finally {
      await emulator.close();
    }
  }, 60_000);
});

describe('signals', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while waiting: exit %i, no -o temp file left', async (signal, code) => {
    server = await startTestServer(() => {
      /* never answers */
    });
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-sig-'));
    const r = await runCli(['run', 'svc', 'fn', '-o', join(dir, 'out')], {
      env: env(server.url),
      onSpawn: (child) => {
        setTimeout(() => child.kill(signal), 700);
      },
    });
    expect(r.code).toBe(code);
    expect(readdirSync(dir)).toEqual([]);
    expect(r.stderr).toContain(`interrupted by ${signal}`);
  });
});

describe('no secret in the output of any command', () => {
  it('status, list, stop, config, completion and run --batch, with errors and in JSON', async () => {
    const { emulatorEnv, startTestEmulator, STS_KEY } = await import('../helpers/emulator.js');
    const emulator = await startTestEmulator();
    try {
      const stsEnv = emulatorEnv(emulator, STS_KEY);
      const runs = [
        ['status', 'demo', 'hello', 'no_such_id'],
        ['status', 'demo', 'hello', 'no_such_id', '--json'],
        ['list', 'demo', 'hello', '--json'],
        ['list', 'demo', 'hello'],
        ['stop', 'demo', 'hello', 'no_such_id'],
        ['config', '--sources'],
        ['config', '--json', '--sources'],
        ['completion', 'bash'],
        ['run', 'demo', 'echo', '--repeat', '3', '-e', 'x', '-c', '2'],
        ['run', 'demo', 'hello', '--async', '--json'],
      ];
      for (const args of runs) {
        for (const env of [stsEnv, { ...stsEnv, ALIBABA_CLOUD_ACCESS_KEY_SECRET: `${STS_KEY.accessKeySecret}-wrong` }]) {
          const r = await runCli(args, { env });
          const all = `${r.out}\n${r.stderr}`;
          expect(all, args.join(' ')).not.toContain(STS_KEY.accessKeySecret);
          expect(all, args.join(' ')).not.toContain(STS_KEY.securityToken!);
        }
      }
    } finally {
      await emulator.close();
    }
  }, 60_000);
});

describe('a second Ctrl-C', () => {
  it('exits at once, without waiting for the grace period of the first', async () => {
    const { emulatorEnv, startTestEmulator } = await import('../helpers/emulator.js');
    const emulator = await startTestEmulator();
    try {
      const started = Date.now();
      // The first SIGINT lets in-flight batch invocations finish (each sleeps 4 s); the second must not wait.
      const r = await runCli(['run', 'demo', 'sleep', '-e', '4000', '--repeat', '4', '-c', '2'], {
        env: emulatorEnv(emulator),
        onSpawn: (child) => {
          setTimeout(() => child.kill('SIGINT'), 1200);
          setTimeout(() => child.kill('SIGINT'), 1500);
        },
      });
      expect(r.code).toBe(130);
      expect(Date.now() - started).toBeLessThan(3500);
    } finally {
      await emulator.close();
    }
  });
});

describe('--json still prints its one document when interrupted (D21)', () => {
  interface Document {
    ok: boolean;
    status: number | null;
    requestId: string | null;
    asyncInvocationId: string | null;
    error: { code: string; message: string } | null;
    attempts: number;
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('run --async --wait --json, %s while waiting: the accepted IDs, error Interrupted, exit %i', async (signal, code) => {
    const { emulatorEnv, startTestEmulator } = await import('../helpers/emulator.js');
    const emulator = await startTestEmulator();
    try {
      const r = await runCli(['run', 'demo', 'sleep', '-e', '5000', '--async', '--wait', '--json'], {
        env: emulatorEnv(emulator),
        onSpawn: (child) => setTimeout(() => child.kill(signal), 1200),
      });
      expect(r.code).toBe(code);
      const document = JSON.parse(r.out) as Document;
      expect(document).toMatchObject({ ok: false, status: 202, error: { code: 'Interrupted', message: `interrupted by ${signal}` } });
      expect(document.asyncInvocationId).toMatch(/^[0-9a-f]{8}-/);
      expect(document.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.stderr).toContain(`fcinvoke status demo sleep ${document.asyncInvocationId}`);
    } finally {
      await emulator.close();
    }
  });

  it.each([
    ['FC 2.0', 'SIGINT', 130, ['demo', 'sleep'], 'invocationId'],
    ['FC 2.0', 'SIGTERM', 143, ['demo', 'sleep'], 'invocationId'],
    ['FC 2.0', 'SIGHUP', 129, ['demo', 'sleep'], 'invocationId'],
    ['FC 3.0', 'SIGTERM', 143, ['sleep'], 'taskId'],
  ] as const)('status --wait --json (%s), %s while waiting: the last state seen, as the service sent it, exit %i', async (_api, signal, code, target, idKey) => {
    const { emulatorEnv, startTestEmulator } = await import('../helpers/emulator.js');
    const emulator = await startTestEmulator();
    try {
      const id = `e2e_status_${signal}_${target.length}`;
      expect((await runCli(['run', ...target, '-e', '5000', '--async-id', id, '--quiet'], { env: emulatorEnv(emulator) })).code).toBe(0);
      const r = await runCli(['status', ...target, id, '--wait', '--json'], {
        env: emulatorEnv(emulator),
        onSpawn: (child) => setTimeout(() => child.kill(signal), 1200),
      });
      expect(r.code).toBe(code);
      const document = JSON.parse(r.out) as Record<string, unknown>;
      expect(document[idKey]).toBe(id);
      expect(['Enqueued', 'Running']).toContain(document.status);
      expect(r.stderr).toContain(`fcinvoke status ${target.join(' ')} ${id}`);
      expect(r.stderr).toContain(`fcinvoke: interrupted by ${signal}`);
    } finally {
      await emulator.close();
    }
  });

  it('during a Retry-After wait: ok false, the attempt counted, exit 143', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(429, { 'retry-after': '10' });
      res.end('{"ErrorCode":"ResourceExhausted","ErrorMessage":"busy"}');
    });
    const r = await runCli(['run', 'svc', 'fn', '-e', 'x', '--json'], { env: env(server.url), onSpawn: (child) => setTimeout(() => child.kill('SIGTERM'), 900) });
    expect(r.code).toBe(143);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, status: null, error: { code: 'Interrupted', message: 'interrupted by SIGTERM' }, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('while the answer streams in: the request ID of the answer is in the document', async () => {
    server = await startTestServer((_req, res) => {
      res.writeHead(200, { 'x-fc-request-id': 'req-streaming', 'content-length': '100' });
      res.write('partial');
    });
    const r = await runCli(['run', 'svc', 'fn', '-e', 'x', '--json'], { env: env(server.url), onSpawn: (child) => setTimeout(() => child.kill('SIGINT'), 900) });
    expect(r.code).toBe(130);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, status: 200, requestId: 'req-streaming', error: { code: 'Interrupted' }, body: null });
  });
});
