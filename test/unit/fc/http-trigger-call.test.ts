// The HTTP-trigger call against a real server on 127.0.0.1, with a fixed clock and a sleep
// that only records: every answer is the function's whatever its status, and only FC's own
// 429/503 refusals and connections that never opened are sent again.
import type { Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callHttpTrigger, type TriggerCall, type TriggerOutcome } from '../../../src/fc/http-trigger/call.js';
import type { TriggerRequestSpec } from '../../../src/fc/http-trigger/request.js';
import { describeAddress } from '../../../src/fc/http-trigger/target.js';
import { readBody } from '../../../src/fc/body.js';
import { Secrets } from '../../../src/fc/redact.js';
import { createDispatcher } from '../../../src/fc/send.js';
import { startTestServer, type TestServer } from '../../helpers/http-server.js';

const NOW = new Date('2026-12-01T08:00:00Z');
const SECRET = 'fake-secret-for-trigger-tests';

let server: TestServer | undefined;
let dispatcher: Dispatcher;
let delays: number[];

beforeEach(() => {
  dispatcher = createDispatcher({}, {});
  delays = [];
});

afterEach(async () => {
  await dispatcher.close();
  await server?.close();
  server = undefined;
});

type Answer = [status: number, headers?: Record<string, string>, body?: string];

async function answering(...answers: (Answer | 'reset')[]): Promise<TestServer> {
  server = await startTestServer((req, res, _body, i) => {
    const answer = answers[Math.min(i, answers.length - 1)]!;
    if (answer === 'reset') return void req.socket.destroy();
    const [status, headers = {}, body = ''] = answer;
    res.writeHead(status, headers);
    res.end(body);
  });
  return server;
}

function spec(url: string, overrides: Partial<TriggerRequestSpec> = {}): TriggerRequestSpec {
  return { method: 'POST', url, address: describeAddress(new URL(url)), auth: 'function', scheme: 'fc', headers: {}, async: false, logs: true, contentLength: 2, ...overrides };
}

function run(url: string, overrides: Partial<TriggerRequestSpec> = {}, secrets?: Secrets): Promise<TriggerOutcome> {
  const call: TriggerCall = { spec: spec(url, overrides), openBody: () => Buffer.from('hi'), policy: { retries: 2, baseMs: 200, capMs: 10_000 } };
  const client = {
    dispatcher,
    signer: { credentials: { accessKeyId: 'fake-key-id-trigger', accessKeySecret: SECRET }, accountId: '1234567890' },
    userAgent: 'fcinvoke/test',
    secrets,
    environment: { now: () => NOW, random: () => 0.5, sleep: async (ms: number) => void delays.push(ms) },
  };
  return callHttpTrigger(client, call);
}

const refusal = (status: number): Answer => [status, { 'x-fc-error-type': 'FcCommonError', 'retry-after': '1' }, JSON.stringify({ ErrorCode: 'Busy', ErrorMessage: 'busy' })];

describe('callHttpTrigger', () => {
  it.each([
    ['a function 200', [200, { 'x-fc-request-id': 'r1' }, 'ok'] as Answer, 'ok'],
    ['a function 404', [404, {}, 'no such page'] as Answer, 'error-status'],
    ['a function 503 of its own', [503, {}, 'down'] as Answer, 'error-status'],
    ['a function 429 of its own', [429, {}, 'slow down'] as Answer, 'error-status'],
    ['a redirect', [302, { location: '/elsewhere' }, ''] as Answer, 'ok'],
    ['a crash', [502, { 'x-fc-error-type': 'UnhandledInvocationError' }, '{"errorMessage":"boom"}'] as Answer, 'function-error'],
    ['a handled error', [200, { 'x-fc-error-type': 'HandledInvocationError' }, '{"errorMessage":"no"}'] as Answer, 'function-error'],
    ['FC refusing the signature', [403, { 'x-fc-error-type': 'FcCommonError' }, '{"ErrorCode":"SignatureNotMatch"}'] as Answer, 'refused'],
    ['FC failing with 500', refusal(500), 'refused'],
  ])('%s: one attempt, the answer as it came', async (_name, answer, kind) => {
    const s = await answering(answer);
    const outcome = await run(`${s.url}/2016-08-15/proxy/svc/fn/`);
    expect(outcome.kind).toBe('answered');
    if (outcome.kind !== 'answered') return;
    expect(outcome.status).toBe(answer[0]);
    expect(outcome.answer).toBe(kind);
    expect((await readBody(outcome.body)).toString()).toBe(answer[2]);
    expect(s.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it.each([429, 503])('FC refusing with %i is sent again, Retry-After honoured, with a fresh signature each time', async (status) => {
    const s = await answering(refusal(status), refusal(status), [200, {}, 'done']);
    const secrets = new Secrets();
    const outcome = await run(`${s.url}/2016-08-15/proxy/svc/fn/`, {}, secrets);
    expect(outcome.kind === 'answered' && outcome.status).toBe(200);
    expect(outcome.kind === 'answered' && outcome.attempts).toBe(3);
    expect(s.requests).toHaveLength(3);
    expect(delays).toEqual([1000, 1000]);
    expect(s.requests.map((r) => r.body.toString())).toEqual(['hi', 'hi', 'hi']);
    const signature = String(s.requests[0]!.headers.authorization).split(':')[1]!;
    expect(secrets.scrub(`echo ${signature}`)).toBe('echo <redacted>');
  });

  it('gives the last refusal back as the answer when the retries run out', async () => {
    const s = await answering(refusal(429));
    const outcome = await run(`${s.url}/2016-08-15/proxy/svc/fn/`);
    expect(outcome.kind === 'answered' && [outcome.status, outcome.answer, outcome.attempts]).toEqual([429, 'refused', 3]);
  });

  it('sends again after a connection that never opened, never after one that reached the server', async () => {
    const closed = await startTestServer(() => {});
    await closed.close();
    const refused = await run(`${closed.url}/x`);
    expect(refused).toMatchObject({ kind: 'failed', mayHaveRun: false, attempts: 3 });
    expect(delays).toHaveLength(2);

    delays = [];
    const s = await answering('reset');
    const reset = await run(`${s.url}/x`);
    expect(reset.kind).toBe('failed');
    if (reset.kind === 'failed') {
      expect(reset.mayHaveRun).toBe(true);
      expect(reset.error.message).toContain('the function may have run');
    }
    expect(s.requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('classifies an --async answer: 202 accepted, anything else below 400 not', async () => {
    const s = await answering([202, { 'x-fc-stateful-async-invocation-id': 'id-1' }], [200, {}, 'ran']);
    const accepted = await run(`${s.url}/x`, { async: true });
    expect(accepted.kind === 'answered' && [accepted.answer, accepted.meta.asyncInvocationId]).toEqual(['ok', 'id-1']);
    const ran = await run(`${s.url}/x`, { async: true });
    expect(ran.kind === 'answered' && ran.answer).toBe('not-accepted');
    expect(s.requests.map((r) => r.headers['x-fc-invocation-type'])).toEqual(['Async', 'Async']);
  });
});
