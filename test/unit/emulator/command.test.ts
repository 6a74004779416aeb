import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { describeStop, renderFunctionLog, runEmulatorCommand } from '../../../src/emulator/command.js';
import { InterruptedError } from '../../../src/errors.js';
import { FIXTURE_FUNCTIONS, invokePath, signedRequest } from '../../helpers/emulator.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('runEmulatorCommand', () => {
  it('prints the endpoint and credentials, logs requests on stderr, stops on abort', async () => {
    const stdout = capture();
    const stderr = capture();
    const controller = new AbortController();
    const running = runEmulatorCommand(
      { port: 0, functionsDir: FIXTURE_FUNCTIONS, accountId: '555' },
      { stdout: stdout.stream, stderr: stderr.stream, signal: controller.signal },
    );
    await until(() => stdout.text().includes('Try:'));
    const url = /export FCINVOKE_ENDPOINT=(\S+)/.exec(stdout.text())?.[1] ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout.text()).toContain('export ALIBABA_CLOUD_ACCOUNT_ID=555');
    expect(stdout.text()).toContain('export ALIBABA_CLOUD_ACCESS_KEY_ID=emulator-fake-key-id');
    expect(stdout.text()).toMatch(/fixtures\/callback\s+callback\/index\.js, timeout 5 s/);
    expect(stdout.text()).toMatch(/demo\/hello/);
    expect(stdout.text()).toMatch(/demo\/web {2}http:\/\/127\.0\.0\.1:\d+\/2016-08-15\/proxy\/demo\/web\/ {2}signed \(FC 2\.0 signature\), any method/);
    expect(stdout.text()).toMatch(/web {7}http:\/\/127\.0\.0\.1:\d+\/web\.fcapp\.run\/ +signed \(ACS3\), any method/);

    const response = await signedRequest(url, { path: invokePath('demo', 'hello'), accountId: '555' });
    expect(response.body.toString()).toBe('hello world');
    await until(() => stderr.text().includes('200 OK'));
    expect(stderr.text()).toMatch(/POST \/2016-08-15\/services\/demo\/functions\/hello\/invocations 200 OK/);
    expect(stdout.text()).not.toContain('/invocations 200');
    // The function's own log line, with its request ID, before the access-log line; no FC framing.
    const requestId = String(response.headers['x-fc-request-id']);
    const lines = stderr.text().split('\n');
    const logged = lines.findIndex((line) => /^\d{4}-\d\d-\d\dT[\d:.]+Z /.test(line) && line.includes(`${requestId} [INFO] hello from demo/hello`));
    expect(logged).toBeGreaterThanOrEqual(0);
    expect(logged).toBeLessThan(lines.findIndex((line) => line.includes('/invocations 200 OK')));
    expect(stderr.text()).not.toContain('FC Invoke Start');

    controller.abort(new InterruptedError('SIGINT'));
    await running;
    expect(stderr.text()).toMatch(new RegExp(`FC emulator on ${url} stopped: Ctrl-C \\(SIGINT\\)\n$`));
    await expect(signedRequest(url, { path: invokePath('demo', 'hello') })).rejects.toThrow();
  });

  it("shows a function's log as it logs it: control characters escaped, every line, each record when it comes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-emulator-log-'));
    mkdirSync(join(dir, 'svc', 'noisy'), { recursive: true });
    writeFileSync(
      join(dir, 'svc', 'noisy', 'index.js'),
      `exports.handler = (event, context, callback) => {
        console.log('red \\u001b[31malert\\u001b[0m and a bell \\u0007');
        console.warn('first line\\nsecond line');
        process.stdout.write('raw stdout\\n');
        setTimeout(() => callback(null, 'done'), 50);
      };`,
    );
    const stdout = capture();
    const stderr = capture();
    const controller = new AbortController();
    const running = runEmulatorCommand({ port: 0, functionsDir: dir }, { stdout: stdout.stream, stderr: stderr.stream, signal: controller.signal });
    await until(() => stdout.text().includes('Try:'));
    const url = /export FCINVOKE_ENDPOINT=(\S+)/.exec(stdout.text())?.[1] ?? '';
    const response = await signedRequest(url, { path: invokePath('svc', 'noisy') });
    expect(response.body.toString()).toBe('done');
    await until(() => stderr.text().includes('200 OK'));
    const requestId = String(response.headers['x-fc-request-id']);
    const text = stderr.text();
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    expect(text).toContain(`${requestId} [INFO] red \\x1b[31malert\\x1b[0m and a bell \\x07\n`);
    expect(text).toContain(`${requestId} [WARN] first line\nsecond line\n`);
    expect(text).toContain(`${requestId} [INFO] raw stdout\n`);
    controller.abort(new InterruptedError('SIGTERM'));
    await running;
    rmSync(dir, { recursive: true, force: true });
    expect(stderr.text()).toMatch(/stopped: SIGTERM\n$/);
  });

  it('renders records and stop reasons', () => {
    expect(renderFunctionLog('t id [INFO] a\u001b[2Jb\r\n')).toBe('t id [INFO] a\\x1b[2Jb\n');
    expect(renderFunctionLog('t id [INFO] cr\rinside\n')).toBe('t id [INFO] cr\\x0dinside\n');
    expect(renderFunctionLog('t id [INFO] tab\tkept')).toBe('t id [INFO] tab\tkept\n');
    expect(describeStop(new InterruptedError('SIGINT'))).toBe('Ctrl-C (SIGINT)');
    expect(describeStop(new InterruptedError('SIGTERM'))).toBe('SIGTERM');
  });

  it('rejects with a UsageError when the port is taken', async () => {
    const controller = new AbortController();
    const first = capture();
    const running = runEmulatorCommand({ port: 0 }, { stdout: first.stream, stderr: capture().stream, signal: controller.signal });
    await until(() => first.text().includes('Try:'));
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(first.text())?.[1]);
    await expect(
      runEmulatorCommand({ port }, { stdout: capture().stream, stderr: capture().stream, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ name: 'UsageError', code: 'PortInUse', message: expect.stringMatching(/^the FC emulator cannot start: port \d+ on 127\.0\.0\.1 is already in use/) });
    controller.abort();
    await running;
  });

  it('returns at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await runEmulatorCommand({ port: 0 }, { stdout: capture().stream, stderr: capture().stream, signal: controller.signal });
  });
});
