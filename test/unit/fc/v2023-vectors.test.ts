// The FC 3.0 FcApi against the official SDK's vectors, end to end: from the vector's fixed
// inputs (keys, date, nonce, base URL, target, qualifier, headers, body hash) each builder
// gives the vector's method, URL, signed headers and Authorization exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ApiConnection, InvokeSpec, SignedRequest, SignStamp } from '../../../src/fc/fc-api.js';
import type { FunctionTarget } from '../../../src/fc/names.js';
import { v2023 } from '../../../src/fc/v2023/index.js';
import { EMPTY_SHA256 } from '../../../src/fc/v2023/sign.js';

interface SdkCase {
  name: string;
  request: { method: string; url: string; headers: Record<string, string>; bodyBase64: string; bodySha256: string };
  signedHeaders: string[];
  authorization: string;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/fc3-signatures.json', import.meta.url), 'utf8')) as {
  fixedInputs: { accessKeyId: string; accessKeySecret: string; date: string; sts: { accessKeyId: string; accessKeySecret: string; securityToken: string } };
  cases: SdkCase[];
};
const { fixedInputs } = fixture;

const AK = { accessKeyId: fixedInputs.accessKeyId, accessKeySecret: fixedInputs.accessKeySecret };
const HOST = 'https://1234567890.cn-hangzhou.fc.aliyuncs.com';

function connection(baseUrl = HOST, credentials: ApiConnection['credentials'] = AK): ApiConnection {
  return { baseUrl, credentials, accountId: '1234567890', userAgent: 'fcinvoke/test' };
}

const stamp: SignStamp = { date: new Date(fixedInputs.date), nonce: 'nonce-0001' };
const fn = (functionName: string, qualifier?: string): FunctionTarget => ({ service: undefined, functionName, qualifier });

function invoke(target: FunctionTarget, vector: SdkCase, extra: Partial<InvokeSpec> = {}): InvokeSpec {
  const contentLength = Buffer.from(vector.request.bodyBase64, 'base64').length;
  return { target, async: false, logs: false, extraHeaders: {}, contentLength, bodySha256: vector.request.bodySha256, ...extra };
}

/** How each vector's request is built through the FcApi, from the inputs the SDK was given. */
const builds: Record<string, (v: SdkCase) => SignedRequest> = {
  'sync-json-qualifier-tail': (v) => v2023.buildInvoke(connection(), invoke(fn('my-func', 'prod'), v, { logs: true }), stamp),
  'sync-empty-body': (v) => v2023.buildInvoke(connection(), invoke(fn('my-func'), v, { bodySha256: undefined }), stamp),
  'sync-binary-256': (v) => v2023.buildInvoke(connection(), invoke(fn('bin_func-2'), v), stamp),
  'async-task-id-sts': (v) => v2023.buildInvoke(connection(HOST, fixedInputs.sts), invoke(fn('my-func'), v, { async: true, asyncId: 'job-42' }), stamp),
  'migrated-name': (v) => v2023.buildInvoke(connection(), invoke(v2023.resolveTarget(undefined, 'my-service$my-function:LATEST'), v), stamp),
  'custom-x-fc-header': (v) => v2023.buildInvoke(connection(), invoke(fn('my-func'), v, { extraHeaders: { 'x-fc-trace-id': 'abc123' } }), stamp),
  'endpoint-with-port': (v) => v2023.buildInvoke(connection('http://127.0.0.1:9000'), invoke(fn('my-func'), v), stamp),
  'get-async-task': () => v2023.buildAsyncGet(connection(), fn('my-func', 'prod'), 'job-42', stamp),
  'stop-async-task': () => v2023.buildAsyncStop(connection(), fn('my-func'), 'job-42', stamp),
  'list-async-tasks': () => {
    const filter = {
      status: 'Succeeded',
      invocationIdPrefix: 'job-',
      startedTimeBegin: 1705305600000,
      startedTimeEnd: 1705309200000,
      sortOrderByTime: 'asc' as const,
      includePayload: true,
    };
    const query = v2023.buildListQuery(filter, 50, 'a+b/c=d*e');
    return v2023.buildAsyncList(connection(), fn('my-func', 'LATEST'), query, stamp);
  },
};

function signedPart(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-')));
}

describe('the FC 3.0 FcApi reproduces the SDK vectors', () => {
  it('has a build for every vector and a vector for every build', () => {
    expect(Object.keys(builds).sort()).toEqual(fixture.cases.map((c) => c.name).sort());
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (name, vector) => {
    const request = builds[name]!(vector);
    const sent = vector.request.headers;
    const origin = sent.host === '127.0.0.1:9000' ? 'http://127.0.0.1:9000' : HOST;
    expect(request.method).toBe(vector.request.method);
    // The SDK leaves `*` raw in the URL; fcinvoke sends it as the %2A it signs. Both decode alike.
    const url = vector.request.url.replace('d*e', 'd%2Ae');
    expect(request.url).toBe(`${origin}${url}`);
    expect(request.path).toBe(vector.request.url.split('?')[0]);
    expect(signedPart(request.headers)).toEqual(signedPart(sent));
    expect(Object.keys(signedPart(request.headers)).sort()).toEqual(vector.signedHeaders);
    expect(request.headers.authorization).toBe(vector.authorization);
    expect(v2023.signatureOf(request)).toBe(/Signature=([0-9a-f]{64})$/.exec(vector.authorization)![1]);
  });

  it('sends the x-fc-* headers the call asks for, unsigned, and frames every body with Content-Length', () => {
    const byName = Object.fromEntries(fixture.cases.map((c) => [c.name, c]));
    const headersOf = (name: string) => builds[name]!(byName[name]!).headers;
    const fcHeaders = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([n]) => n.startsWith('x-fc-')));
    expect(fcHeaders(headersOf('sync-json-qualifier-tail'))).toEqual({ 'x-fc-invocation-type': 'Sync', 'x-fc-log-type': 'Tail' });
    expect(fcHeaders(headersOf('async-task-id-sts'))).toEqual({ 'x-fc-invocation-type': 'Async', 'x-fc-async-task-id': 'job-42' });
    expect(fcHeaders(headersOf('custom-x-fc-header'))).toEqual({ 'x-fc-trace-id': 'abc123', 'x-fc-invocation-type': 'Sync' });
    expect(headersOf('sync-binary-256')['content-length']).toBe('256');
    expect(headersOf('sync-empty-body')['content-length']).toBe('0');
    expect(headersOf('stop-async-task')['content-length']).toBe('0');
    expect(headersOf('get-async-task')['content-length']).toBeUndefined();
    for (const name of Object.keys(builds)) {
      const headers = headersOf(name);
      expect(headers['transfer-encoding'], name).toBeUndefined();
      expect(headers.accept, name).toBe('application/json');
      expect(headers['user-agent'], name).toBe('fcinvoke/test');
    }
  });
});

describe('InvokeFunction details', () => {
  const target = fn('my-func');
  const spec: InvokeSpec = { target, async: false, logs: false, extraHeaders: {}, contentLength: 4, bodySha256: 'ab'.repeat(32) };

  it('signs afresh with each attempt’s date and nonce', () => {
    const a = v2023.buildInvoke(connection(), spec, stamp);
    const b = v2023.buildInvoke(connection(), spec, { ...stamp, nonce: 'nonce-0002' });
    const c = v2023.buildInvoke(connection(), spec, { ...stamp, date: new Date('2024-01-15T08:00:01Z') });
    expect(b.headers['x-acs-signature-nonce']).toBe('nonce-0002');
    expect(c.headers['x-acs-date']).toBe('2024-01-15T08:00:01Z');
    expect(new Set([a, b, c].map((r) => r.headers.authorization)).size).toBe(3);
  });

  it('takes the host exactly as the base URL gives it, and signs the API path, not a base path', () => {
    const request = v2023.buildInvoke(connection('http://localhost:8443/gateway'), spec, stamp);
    expect(request.headers.host).toBe('localhost:8443');
    expect(request.path).toBe('/2023-03-30/functions/my-func/invocations');
    expect(request.url).toBe('http://localhost:8443/gateway/2023-03-30/functions/my-func/invocations');
    expect(v2023.buildInvoke(connection('http://[::1]:9000'), spec, stamp).headers.host).toBe('[::1]:9000');
  });

  it('needs the body hash for a body, and takes the empty-body hash without one', () => {
    expect(() => v2023.buildInvoke(connection(), { ...spec, bodySha256: undefined }, stamp)).toThrow(/bodySha256 is required for a non-empty body/);
    expect(() => v2023.buildInvoke(connection(), { ...spec, bodySha256: 'AB'.repeat(32) }, stamp)).toThrow(/64 lower-case hex digits/);
    expect(() => v2023.buildInvoke(connection(), { ...spec, contentLength: 0 }, stamp)).toThrow(/not the hash of an empty body/);
    const empty = v2023.buildInvoke(connection(), { ...spec, contentLength: 0, bodySha256: undefined }, stamp);
    expect(empty.headers['x-acs-content-sha256']).toBe(EMPTY_SHA256);
    expect(empty.headers['content-type']).toBeUndefined();
    const full = v2023.buildInvoke(connection(), spec, stamp);
    expect(full.headers['x-acs-content-sha256']).toBe('ab'.repeat(32));
    expect(full.headers['content-type']).toBe('application/octet-stream');
  });

  it('asks for the log tail only for a synchronous call, and an async ID makes the call async', () => {
    expect(v2023.buildInvoke(connection(), { ...spec, logs: true, async: true }, stamp).headers['x-fc-log-type']).toBeUndefined();
    const withId = v2023.buildInvoke(connection(), { ...spec, logs: true, asyncId: 'job-1' }, stamp);
    expect(withId.headers).toMatchObject({ 'x-fc-invocation-type': 'Async', 'x-fc-async-task-id': 'job-1' });
    expect(withId.headers['x-fc-log-type']).toBeUndefined();
  });

  it('is the API that hashes the body; FC 2.0 is not', async () => {
    const { v2016 } = await import('../../../src/fc/v2016/index.js');
    expect([v2023.signsBody, v2016.signsBody]).toEqual([true, false]);
  });
});
