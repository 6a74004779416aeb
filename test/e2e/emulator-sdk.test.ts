// The official FC 2.0 Node.js SDK (@alicloud/fc2) as the client of the emulator: the
// evidence that the emulator checks what the service checks and answers as it answers.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_ACCOUNT_ID } from '../../src/emulator/defaults.js';
import { AK_KEY, STS_KEY, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';

interface FcResponse {
  headers: Record<string, string | undefined>;
  data: unknown;
}
interface FcClient {
  invokeFunction(
    service: string,
    fn: string,
    event?: string | Buffer,
    headers?: Record<string, string>,
    qualifier?: string,
    opts?: { rawBuf?: boolean },
  ): Promise<FcResponse>;
}
interface FcError extends Error {
  code: string;
}
type FcConstructor = new (
  accountId: string,
  config: { accessKeyID: string; accessKeySecret: string; securityToken?: string; region: string; endpoint?: string; secure?: boolean },
) => FcClient;

// The SDK is CommonJS; its endpoint option is the whole base URL (http here: no `secure` needed).
const FC = createRequire(import.meta.url)('@alicloud/fc2') as FcConstructor;

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

function client(key: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = AK_KEY, accountId = EMULATOR_ACCOUNT_ID): FcClient {
  return new FC(accountId, {
    accessKeyID: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    ...(key.securityToken === undefined ? {} : { securityToken: key.securityToken }),
    region: 'cn-hangzhou',
    endpoint: emulator.url,
  });
}

async function rejection(promise: Promise<unknown>): Promise<FcError> {
  try {
    await promise;
  } catch (error) {
    return error as FcError;
  }
  throw new Error('expected the SDK call to fail');
}

describe('@alicloud/fc2 against the emulator', () => {
  it('invokes demo/hello', async () => {
    const response = await client().invokeFunction('demo', 'hello', 'ignored');
    expect(response.data).toBe('hello world');
    expect(response.headers['x-fc-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers['x-fc-invocation-service-version']).toBe('LATEST');
  });

  it('echoes binary data byte-exact', async () => {
    const event = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < event.length; i++) event[i] = (i * 31 + (i >> 8)) & 0xff;
    const response = await client().invokeFunction('demo', 'echo', event, {}, undefined, { rawBuf: true });
    expect(Buffer.isBuffer(response.data)).toBe(true);
    expect((response.data as Buffer).equals(event)).toBe(true);
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const small = await client().invokeFunction('demo', 'echo', all, {}, undefined, { rawBuf: true });
    expect((small.data as Buffer).equals(all)).toBe(true);
  });

  it('passes a qualifier and reports the version that served', async () => {
    const alias = await client().invokeFunction('demo', 'json', 'q', {}, 'prod');
    expect(alias.headers['x-fc-invocation-service-version']).toBe('1');
    expect(JSON.parse(alias.data as string)).toMatchObject({ event: 'q', context: { service: { qualifier: 'prod' } } });
    const latest = await client().invokeFunction('fixtures', 'callback', 'q', {}, 'LATEST');
    expect(latest.headers['x-fc-invocation-service-version']).toBe('LATEST');
    const missing = await rejection(client().invokeFunction('demo', 'hello', '', {}, 'nope'));
    expect(missing.name).toBe('FCAliasNotFoundError');
  });

  it('returns the log tail with X-Fc-Log-Type: Tail', async () => {
    const response = await client().invokeFunction('demo', 'hello', '', { 'X-Fc-Log-Type': 'Tail' });
    const requestId = response.headers['x-fc-request-id'];
    const log = Buffer.from(response.headers['x-fc-log-result'] ?? '', 'base64').toString('utf8');
    expect(log).toContain(`FC Invoke Start RequestId: ${requestId}`);
    expect(log).toContain(`${requestId} [INFO] hello from demo/hello`);
    expect(log).toContain(`FC Invoke End RequestId: ${requestId}`);
  });

  it('reports function errors in headers and body, not as HTTP errors', async () => {
    const handled = await client().invokeFunction('demo', 'fail', '');
    expect(handled.headers['x-fc-error-type']).toBe('HandledInvocationError');
    expect(handled.data).toMatchObject({ errorMessage: 'demo/fail: this function always fails', errorType: 'Error' });
    const unhandled = await client().invokeFunction('demo', 'crash', '');
    expect(unhandled.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
  });

  it('refuses a wrong secret with 403 SignatureNotMatch', async () => {
    const error = await rejection(client({ ...AK_KEY, accessKeySecret: 'not-the-secret' }).invokeFunction('demo', 'hello', ''));
    expect(error.name).toBe('FCSignatureNotMatchError');
    expect(error.code).toBe('SignatureNotMatch');
    expect(error.message).toContain('failed with 403');
    expect(error.message).toContain('The request signature we calculated does not match the signature you provided');
  });

  it('refuses an unknown AccessKey ID with 403 InvalidAccessKeyID', async () => {
    const error = await rejection(client({ accessKeyId: 'fake-unknown-id', accessKeySecret: 'x' }).invokeFunction('demo', 'hello', ''));
    expect(error.name).toBe('FCInvalidAccessKeyIDError');
    expect(error.message).toContain("invalid access key ID 'fake-unknown-id'");
    expect(error.message).toContain('failed with 403');
  });

  it('works with the STS triple, and refuses a wrong token', async () => {
    expect((await client(STS_KEY).invokeFunction('demo', 'hello', '')).data).toBe('hello world');
    const error = await rejection(client({ ...STS_KEY, securityToken: 'expired' }).invokeFunction('demo', 'hello', ''));
    expect(error.name).toBe('FCInvalidSecurityTokenError');
  });

  it('refuses another account with 403 AccessDenied', async () => {
    const error = await rejection(client(AK_KEY, '999999').invokeFunction('demo', 'hello', ''));
    expect(error.name).toBe('FCAccessDeniedError');
  });

  it('answers 404 FunctionNotFound and ServiceNotFound', async () => {
    expect((await rejection(client().invokeFunction('demo', 'missing', ''))).name).toBe('FCFunctionNotFoundError');
    expect((await rejection(client().invokeFunction('missing', 'hello', ''))).name).toBe('FCServiceNotFoundError');
  });

  it('still serves demo/hello after a crash and a timeout', async () => {
    const exited = await client().invokeFunction('demo', 'crash', 'exit');
    expect(exited.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    const timedOut = await client().invokeFunction('fixtures', 'hang', '');
    expect(timedOut.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(timedOut.data).toEqual({ errorMessage: 'Function timed out after 1 seconds' });
    expect((await client().invokeFunction('demo', 'hello', '')).data).toBe('hello world');
  });
});
