import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { getAsyncInvocation, listAsyncInvocations, stopAsyncInvocation, type AsyncApiClient } from '../../../src/fc/async-api.js';
import { buildGetInvocationRequest, buildListInvocationsRequest, buildListQuery, buildStopInvocationRequest } from '../../../src/fc/v2016/async.js';
import { v2016 } from '../../../src/fc/v2016/index.js';
import { buildAuthorization } from '../../../src/fc/v2016/sign.js';

const BASE = 'http://127.0.0.1:9';
const connection = {
  baseUrl: BASE,
  credentials: { accessKeyId: 'AK', accessKeySecret: 'secret' },
  accountId: '123',
  userAgent: 'fcinvoke/test',
};
const DATE = new Date('2024-05-01T12:00:00Z');
const target = { service: 'svc', functionName: 'fn', qualifier: 'prod' };
const PATH = '/2016-08-15/services/svc.prod/functions/fn/stateful-async-invocations';

describe('buildListQuery', () => {
  it.each([
    [{}, 50, null, { limit: '50' }],
    [{}, 500, 'tok', { limit: '100', nextToken: 'tok' }],
    [{}, 0, null, { limit: '1' }],
    [
      { status: 'Failed', invocationIdPrefix: 'job-', startedTimeBegin: 1, startedTimeEnd: 2, sortOrderByTime: 'asc' as const },
      7,
      undefined,
      { limit: '7', status: 'Failed', invocationIdPrefix: 'job-', startedTimeBegin: '1', startedTimeEnd: '2', sortOrderByTime: 'asc' },
    ],
  ])('%j, page %i, token %j', (filter, size, token, query) => {
    expect(buildListQuery(filter, size, token)).toEqual(query);
  });
});

describe('request builders', () => {
  it('GET one: the stateful path, signed with the account ID', () => {
    const request = buildGetInvocationRequest(connection, target, 'job-1', DATE);
    expect(request).toMatchObject({ method: 'GET', url: `${BASE}${PATH}/job-1`, path: `${PATH}/job-1` });
    expect(request.headers).toMatchObject({ date: DATE.toUTCString(), 'x-fc-account-id': '123', 'user-agent': 'fcinvoke/test' });
    const { authorization, ...rest } = request.headers;
    expect(authorization).toBe(buildAuthorization({ method: 'GET', path: `${PATH}/job-1`, headers: rest }, 'AK', 'secret'));
  });

  it('PUT to stop: same path, JSON content type, empty body', () => {
    const request = buildStopInvocationRequest(connection, target, 'job-1', DATE);
    expect(request).toMatchObject({ method: 'PUT', path: `${PATH}/job-1` });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', 'content-length': '0' });
  });

  it('list: the query goes on the URL, not into the signed path', () => {
    const request = buildListInvocationsRequest(connection, target, { limit: '5', nextToken: 'a b' }, DATE);
    expect(request.path).toBe(PATH);
    expect(request.url).toBe(`${BASE}${PATH}?limit=5&nextToken=a+b`);
  });
});

let agent: MockAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

function client(): { client: AsyncApiClient; pool: ReturnType<MockAgent['get']> } {
  agent = new MockAgent();
  agent.disableNetConnect();
  const pool = agent.get(BASE);
  return {
    client: { ...connection, api: v2016, dispatcher: agent, policy: { retries: 0, baseMs: 1, capMs: 1 }, now: () => DATE },
    pool,
  };
}

const json = { 'content-type': 'application/json', 'x-fc-request-id': 'req-1' };

describe('calls', () => {
  it('get: the object read and kept as sent', async () => {
    const { client: c, pool } = client();
    const body = { invocationId: 'job-1', status: 'Running', extra: 1 };
    pool.intercept({ path: `${PATH}/job-1`, method: 'GET' }).reply(200, body, { headers: json });
    const fetched = await getAsyncInvocation(c, target, 'job-1');
    expect(fetched).toMatchObject({ json: body, requestId: 'req-1', invocation: { invocationId: 'job-1', status: 'Running' } });
  });

  it('stop: an API refusal becomes ApiError with the service message', async () => {
    const { client: c, pool } = client();
    pool.intercept({ path: `${PATH}/job-1`, method: 'PUT' }).reply(200, '', { headers: { 'x-fc-request-id': 'req-2' } });
    expect(await stopAsyncInvocation(c, target, 'job-1')).toEqual({ requestId: 'req-2' });
    pool
      .intercept({ path: `${PATH}/job-1`, method: 'PUT' })
      .reply(400, { ErrorCode: 'InvalidArgument', ErrorMessage: 'already finished' }, { headers: json });
    const error = await stopAsyncInvocation(c, target, 'job-1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'InvalidArgument', status: 400, serviceMessage: 'already finished' });
  });

  it('list: follows nextToken with shrinking pages until the limit, and says when there is more', async () => {
    const { client: c, pool } = client();
    const seen: string[] = [];
    const page = (ids: string[], nextToken?: string) => ({ invocations: ids.map((invocationId) => ({ invocationId, status: 'Succeeded' })), nextToken });
    const reply = (body: unknown) => (options: { path: string }) => {
      seen.push(options.path);
      return { statusCode: 200, data: JSON.stringify(body), responseOptions: { headers: json } };
    };
    pool.intercept({ path: (p) => p.startsWith(PATH), method: 'GET' }).reply(reply(page(['a', 'b', 'c'], 't1')));
    pool.intercept({ path: (p) => p.startsWith(PATH), method: 'GET' }).reply(reply(page(['d', 'e'], 't2')));
    const listed = await listAsyncInvocations(c, target, { status: 'Succeeded' }, 5);
    expect(listed.more).toBe(true);
    expect(listed.invocations.map((i) => (i as { invocationId: string }).invocationId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(seen).toEqual([`${PATH}?limit=5&status=Succeeded`, `${PATH}?limit=2&nextToken=t1&status=Succeeded`]);
  });

  it('list: stops at the last page, and on a token that does not advance', async () => {
    const { client: c, pool } = client();
    pool.intercept({ path: (p) => p.startsWith(PATH), method: 'GET' }).reply(200, { invocations: [{ invocationId: 'a', status: 'Running' }] }, { headers: json });
    expect(await listAsyncInvocations(c, target, {}, 50)).toEqual({ invocations: [{ invocationId: 'a', status: 'Running' }], more: false });
    pool.intercept({ path: (p) => p.startsWith(PATH), method: 'GET' }).reply(200, { invocations: [{ invocationId: 'a', status: 'Running' }], nextToken: 'same' }, { headers: json });
    pool.intercept({ path: (p) => p.startsWith(PATH), method: 'GET' }).reply(200, { invocations: [{ invocationId: 'b', status: 'Running' }], nextToken: 'same' }, { headers: json });
    expect((await listAsyncInvocations(c, target, {}, 50)).invocations).toHaveLength(2);
  });
});
