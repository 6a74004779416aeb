import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand } from '../../../src/emulator/command.js';
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

    controller.abort();
    await running;
    await expect(signedRequest(url, { path: invokePath('demo', 'hello') })).rejects.toThrow();
  });

  it('rejects with a UsageError when the port is taken', async () => {
    const controller = new AbortController();
    const first = capture();
    const running = runEmulatorCommand({ port: 0 }, { stdout: first.stream, stderr: capture().stream, signal: controller.signal });
    await until(() => first.text().includes('Try:'));
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(first.text())?.[1]);
    await expect(
      runEmulatorCommand({ port }, { stdout: capture().stream, stderr: capture().stream, signal: new AbortController().signal }),
    ).rejects.toMatchObject({ name: 'UsageError', code: 'PortInUse' });
    controller.abort();
    await running;
  });

  it('returns at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await runEmulatorCommand({ port: 0 }, { stdout: capture().stream, stderr: capture().stream, signal: controller.signal });
  });
});
