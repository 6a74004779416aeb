// The invocation engine against a real server on 127.0.0.1, with a fixed clock, fixed
// randomness, counted nonces and a sleep that only records: what is retried, what is never
// sent twice, and what each outcome says.
import { Readable } from 'node:stream';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, InterruptedError, NetworkError, UsageError } from '../../../src/errors.js';
import type { FcApi, SignStamp } from '../../../src/fc/fc-api.js';
import { invokeFunction, type InvocationCall, type InvocationClient, type InvocationOutcome } from '../../../src/fc/invocation.js';
import { Secrets } from '../../../src/fc/redact.js';
import { createDispatcher } from '../../../src/fc/send.js';
import { abortableSleep } from '../../../src/fc/sleep.js';
import { v2016 } from '../../../src/fc/v2016/index.js';
import { startTestServer, type TestServer } from '../../helpers/http-server.js';

const NOW = new Date('2026-12-01T08:00:00Z');
const SECRET = 'fake-secret-for-engine-tests';

let server: TestServer | undefined;
let dispatcher: Dispatcher;
let delays: number[];
let stamps: SignStamp[];

beforeEach(() => {
  dispatcher = createDispatcher({}, {});
  delays = [];
  stamps = [];
});

afterEach(async () => {
  await dispatcher.close();
  await server?.close();
  server = undefined;
});

/** FC 2.0, with every attempt's stamp recorded. */
const recordingApi: FcApi = {
  ...v2016,
  buildInvoke: (connection, spec, stamp) => {
    stamps.push(stamp);
    return v2016.buildInvoke(connection, spec, stamp);
  },
};

function client(baseUrl: string, secrets?: Secrets): InvocationClient {
  let n = 0;
  return {
    api: recordingApi,
    connection: { baseUrl, credentials: { accessKeyId: 'fake-key-id-engine', accessKeySecret: SECRET }, accountId: '1234567890', userAgent: 'fcinvoke/test' },
    dispatcher,
    secrets,
    environment: {
      now: () => NOW,
      random: () => 0.5,
      nonce: () => `nonce-${++n}`,
      sleep: async (ms) => {
        delays.push(ms);
      },
    },
  };
}

function call(overrides: Partial<InvocationCall> = {}): InvocationCall {
  const event = Buffer.from('hi');
  return {
    target: { service: 'svc', functionName: 'fn', qualifier: undefined },
    async: false,
    logs: true,
    extraHeaders: {},
    contentLength: event.length,
    openBody: () => event,
    policy: { retries: 2, baseMs: 200, capMs: 10_000 },
    retryHint: '--async-id',
    ...overrides,
  };
}

type Answer = [status: number, headers?: Record<string, string>, body?: string];

/** A server answering the listed answers in turn (the last one again after that); `reset` closes the socket instead. */
async function answering(...answers: (Answer | 'reset')[]): Promise<TestServer> {
  server = await startTestServer((req, res, _body, i) => {
    const answer = answers[Math.min(i, answers.length - 1)]!;
    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    const [status, headers = {}, body = ''] = answer;
    res.writeHead(status, headers);
    res.end(body);
  });
  return server;
}

async function closedPort(): Promise<string> {
  const s = await startTestServer(() => {});
  await s.close();
  return s.url;
}

function expectKind<K extends InvocationOutcome['kind']>(outcome: InvocationOutcome, kind: K): Extract<InvocationOutcome, { kind: K }> {
  expect(outcome.kind).toBe(kind);
  return outcome as Extract<InvocationOutcome, { kind: K }>;
}

const throttled = (code: string, retryAfter: string): Answer => [code === 'ResourceExhausted' ? 429 : 503, { 'retry-after': retryAfter }, JSON.stringify({ ErrorCode: code, ErrorMessage: 'busy' })];

describe('invokeFunction', () => {
  it('retries 429 and 503, waiting at least Retry-After, each attempt freshly stamped and with the whole body', async () => {
    const s = await answering(throttled('ResourceExhausted', '2'), throttled('ResourceThrottled', '1'), [200, { 'x-fc-request-id': 'req-3' }, 'done']);
    const retries: unknown[] = [];
    const outcome = expectKind(await invokeFunction(client(s.url), call(), { onRetry: (info) => retries.push(info) }), 'answered');
    expect(outcome).toMatchObject({ status: 200, attempts: 3, acceptedEarlier: false, meta: { requestId: 'req-3' } });
    // Full jitter with random 0.5: 100 and 200 ms, each raised to its Retry-After.
    expect(delays).toEqual([2000, 1000]);
    expect(retries).toEqual([
      { attempt: 1, delayMs: 2000, reason: 'HTTP 429', status: 429, throttled: true },
      { attempt: 2, delayMs: 1000, reason: 'HTTP 503', status: 503, throttled: true },
    ]);
    expect(stamps.map((stamp) => stamp.nonce)).toEqual(['nonce-1', 'nonce-2', 'nonce-3']);
    expect(s.requests.map((r) => r.body.toString())).toEqual(['hi', 'hi', 'hi']);
    expect(s.requests.every((r) => r.headers.date === NOW.toUTCString())).toBe(true);
  });

  it('reports throttling that outlasts the retries as an API error marked throttled', async () => {
    const s = await answering(throttled('ResourceThrottled', '0'));
    const outcome = expectKind(await invokeFunction(client(s.url), call({ policy: { retries: 1, baseMs: 1, capMs: 1 } })), 'api-error');
    expect(outcome).toMatchObject({ throttled: true, attempts: 2, error: { code: 'ResourceThrottled', status: 503 } });
    expect(s.requests).toHaveLength(2);
  });

  it('never sends a synchronous call again after a 500', async () => {
    const s = await answering([500, { 'x-fc-request-id': 'req-500' }, '{"ErrorCode":"InternalServerError","ErrorMessage":"oops"}']);
    const outcome = expectKind(await invokeFunction(client(s.url), call()), 'api-error');
    expect(outcome.error).toBeInstanceOf(ApiError);
    expect(outcome).toMatchObject({ throttled: false, attempts: 1, meta: { requestId: 'req-500' }, error: { code: 'InternalServerError', requestId: 'req-500' } });
    expect(s.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('never sends a synchronous call again after the connection broke once the body was sent', async () => {
    const s = await answering('reset');
    const outcome = expectKind(await invokeFunction(client(s.url), call()), 'failed');
    expect(outcome.error).toBeInstanceOf(NetworkError);
    expect(outcome).toMatchObject({ mayHaveRun: true, attempts: 1, requestId: null });
    expect(outcome.error.message).toMatch(/; the function may have run: use --async-id for safely retryable invocations$/);
    expect(s.requests).toHaveLength(1);
  });

  it('retries a connection that never opened, and says the function did not run', async () => {
    const url = await closedPort();
    const outcome = expectKind(await invokeFunction(client(url), call()), 'failed');
    expect(outcome).toMatchObject({ mayHaveRun: false, attempts: 3, error: { code: 'ConnectionRefused' } });
    expect(outcome.error.message).toBe(`connection refused (${new URL(url).host})`);
    expect(delays).toEqual([100, 200]);
  });

  it('retries an async call with an ID after a 500 and after a reset: it cannot run twice', async () => {
    const s = await answering([500, {}, '{"ErrorCode":"InternalServerError","ErrorMessage":"x"}'], 'reset', [202, { 'x-fc-stateful-async-invocation-id': 'job-1' }]);
    const outcome = expectKind(await invokeFunction(client(s.url), call({ async: true, asyncId: 'job-1' })), 'answered');
    expect(outcome).toMatchObject({ status: 202, attempts: 3, meta: { asyncInvocationId: 'job-1' } });
    expect(s.requests.map((r) => r.headers['x-fc-stateful-async-invocation-id'])).toEqual(['job-1', 'job-1', 'job-1']);
  });

  it('takes a duplicate-ID refusal of a retry as the acceptance of an earlier attempt', async () => {
    const s = await answering(
      [500, { 'x-fc-request-id': 'r0' }, '{"ErrorCode":"InternalServerError","ErrorMessage":"accepted, then failed"}'],
      [409, { 'x-fc-request-id': 'r1' }, '{"ErrorCode":"StatefulAsyncInvocationAlreadyExists","ErrorMessage":"job-7 exists"}'],
    );
    const outcome = expectKind(await invokeFunction(client(s.url), call({ async: true, asyncId: 'job-7' })), 'answered');
    expect(outcome).toMatchObject({ acceptedEarlier: true, status: 202, attempts: 2, response: { status: 409 }, meta: { requestId: 'r1', asyncInvocationId: 'job-7' } });
    expect(outcome.refusal?.code).toBe('StatefulAsyncInvocationAlreadyExists');
    expect((await outcome.body.toArray()).length).toBe(0);
  });

  it('keeps a duplicate-ID refusal of the first attempt an API error', async () => {
    const s = await answering([409, {}, '{"ErrorCode":"StatefulAsyncInvocationAlreadyExists","ErrorMessage":"exists"}']);
    const outcome = expectKind(await invokeFunction(client(s.url), call({ async: true, asyncId: 'job-7' })), 'api-error');
    expect(outcome.error.code).toBe('StatefulAsyncInvocationAlreadyExists');
  });

  it('rethrows the abort reason when the signal ends a backoff sleep, without sending again', async () => {
    const s = await answering(throttled('ResourceThrottled', '30'));
    const controller = new AbortController();
    const reason = new InterruptedError('SIGINT');
    const c = { ...client(s.url), environment: { now: () => NOW, random: () => 0.5, sleep: abortableSleep } };
    const pending = invokeFunction(c, call({ signal: controller.signal }), { onRetry: () => setTimeout(() => controller.abort(reason), 20) });
    await expect(pending).rejects.toBe(reason);
    expect(s.requests).toHaveLength(1);
  });

  it('surfaces a failure of the body stream itself unchanged, not as a network error', async () => {
    const s = await answering([200]);
    const changed = new UsageError('the event file changed while it was read; nothing complete was sent', { code: 'EventFileChanged' });
    const openBody = () =>
      new Readable({
        read() {
          this.push(Buffer.from('h'));
          this.destroy(changed);
        },
      });
    await expect(invokeFunction(client(s.url), call({ openBody }))).rejects.toBe(changed);
  });

  it('words a deadline that ran out by its label, and counts the attempt', async () => {
    server = await startTestServer(() => {
      // never answers
    });
    const signal = AbortSignal.timeout(100);
    const deadline = { expired: () => signal.aborted, label: '--timeout 0.1 s' };
    const outcome = expectKind(await invokeFunction(client(server.url), call({ signal, deadline })), 'failed');
    expect(outcome).toMatchObject({ mayHaveRun: true, attempts: 1, error: { code: 'Timeout' } });
    expect(outcome.error.message).toBe('no complete answer within --timeout 0.1 s; the function may have run');
  });

  it('adds each signature sent to the secrets, and scrubs one the service reflects', async () => {
    server = await startTestServer((req, res) => {
      res.writeHead(403, { 'x-fc-request-id': 'r' });
      res.end(JSON.stringify({ ErrorCode: 'SignatureNotMatch', ErrorMessage: `we got ${req.headers.authorization}` }));
    });
    const secrets = new Secrets();
    const outcome = expectKind(await invokeFunction(client(server.url, secrets), call()), 'api-error');
    const signature = String(server.requests[0]!.headers.authorization).split(':')[1]!;
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(outcome.error.message).not.toContain(signature);
    expect(outcome.error.message).toContain('<redacted>');
    expect(secrets.scrub(`echo ${signature}`)).toBe('echo <redacted>');
  });
  it.each([302, 307])('takes an HTTP %i as a refusal naming the Location: one request, never followed or retried', async (status) => {
    const target = await startTestServer((_req, res) => res.end('must never be asked'));
    try {
      const s = await answering([status, { location: `${target.url}/elsewhere` }, 'moved']);
      const outcome = expectKind(await invokeFunction(client(s.url), call()), 'api-error');
      expect(outcome.error).toBeInstanceOf(ApiError);
      expect(outcome).toMatchObject({ throttled: false, attempts: 1, error: { code: 'UnexpectedRedirect', status } });
      expect(outcome.error.message).toContain(`a redirect to ${target.url}/elsewhere, not followed`);
      expect(s.requests).toHaveLength(1);
      expect(target.requests).toHaveLength(0);
    } finally {
      await target.close();
    }
  });

  it('skips an interim 1xx (102 Processing) and judges the final answer: a 307 after it is still a refusal', async () => {
    server = await startTestServer((_req, res) => {
      res.writeProcessing();
      res.writeHead(307, { location: 'http://127.0.0.1:1/login' });
      res.end();
    });
    const outcome = expectKind(await invokeFunction(client(server.url), call()), 'api-error');
    expect(outcome.error.message).toContain('a redirect to http://127.0.0.1:1/login');
  });

  it('says that a synchronous call refused with a 5xx may have run, and an async one does not', async () => {
    const s = await answering([502, {}, '{"ErrorCode":"BadGateway","ErrorMessage":"Please retry."}']);
    const sync = expectKind(await invokeFunction(client(s.url), call()), 'api-error');
    expect(sync.error.message).toBe('BadGateway (HTTP 502): Please retry. (not retried: the function may have run; use --async-id for safely retryable invocations)');
    const async = expectKind(await invokeFunction(client(s.url), call({ async: true, policy: { retries: 0, baseMs: 1, capMs: 1 } })), 'api-error');
    expect(async.error.message).toBe('BadGateway (HTTP 502): Please retry.');
  });

  it('does not add the note to a throttling 503 that outlasted the retries (it never ran)', async () => {
    const s = await answering(throttled('ResourceThrottled', '0'));
    const outcome = expectKind(await invokeFunction(client(s.url), call({ policy: { retries: 0, baseMs: 1, capMs: 1 } })), 'api-error');
    expect(outcome.error.message).not.toContain('may have run');
  });

  it('scrubs the token, the secret and this request\'s signature from every header, the log tail and the error, even without a run', async () => {
    let reflected = '';
    server = await startTestServer((req, res, _body, i) => {
      reflected = `sig=${String(req.headers.authorization)} token=${String(req.headers['x-fc-security-token'])} key=${SECRET}`;
      const headers = {
        'x-fc-request-id': `r-${reflected}`,
        'x-fc-error-type': i === 0 ? reflected : '',
        'x-fc-log-result': Buffer.from(`log ${reflected} ${encodeURIComponent(String(req.headers.authorization))}`).toString('base64'),
      };
      if (i === 0) {
        res.writeHead(200, headers);
        res.end('body');
      } else {
        res.writeHead(403, headers);
        res.end(JSON.stringify({ ErrorCode: `Code-${reflected}`, ErrorMessage: reflected }));
      }
    });
    const base = client(server.url);
    const sts = { ...base, connection: { ...base.connection, credentials: { ...base.connection.credentials, securityToken: 'fake-sts-token-for-engine' } } };
    const answered = expectKind(await invokeFunction(sts, call()), 'answered');
    const refused = expectKind(await invokeFunction(sts, call()), 'api-error');
    const signatures = server.requests.map((r) => String(r.headers.authorization).split(':')[1]!);
    const shown = JSON.stringify([answered.meta, answered.response.headers, refused.meta, refused.response.headers, refused.error.code, refused.error.message]);
    for (const secret of [...signatures, ...signatures.map(encodeURIComponent), 'fake-sts-token-for-engine', SECRET]) expect(shown).not.toContain(secret);
    expect(answered.meta.log.text).toContain('sig=FC fake-key-id-engine:<redacted> token=<redacted> key=<redacted>');
    expect(refused.error.code).toContain('Code-sig=FC fake-key-id-engine:<redacted>');
  });

  it('retries a connection that ran out of file descriptors beyond --retries (nothing was sent), marking it a local limit', async () => {
    const s = await answering([200, { 'x-fc-request-id': 'req-fd' }, 'done']);
    const connector = buildConnector({});
    let refused = 0;
    const starved = new Agent({
      connect: (options, callback) => {
        if (refused < 5) {
          refused++;
          callback(Object.assign(new Error('connect EMFILE 127.0.0.1 - Local (undefined:undefined)'), { code: 'EMFILE', syscall: 'connect' }), null);
          return;
        }
        connector(options, callback);
      },
    });
    try {
      const retries: { localLimit?: boolean; throttled: boolean }[] = [];
      const outcome = expectKind(await invokeFunction({ ...client(s.url), dispatcher: starved }, call(), { onRetry: (info) => retries.push(info) }), 'answered');
      expect(outcome).toMatchObject({ status: 200, attempts: 6 });
      expect(retries).toHaveLength(5);
      expect(retries.every((info) => info.localLimit === true && !info.throttled)).toBe(true);
      expect(s.requests).toHaveLength(1);
    } finally {
      await starved.close();
    }
  });

  it('does not retry a TLS handshake with a server that does not speak TLS', async () => {
    const s = await answering([200, {}, 'plain']);
    const outcome = expectKind(await invokeFunction(client(s.url.replace('http:', 'https:')), call()), 'failed');
    expect(outcome).toMatchObject({ mayHaveRun: false, attempts: 1, error: { code: 'TlsHandshakeFailed' } });
    expect(delays).toEqual([]);
  });
});
