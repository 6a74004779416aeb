// FC 2.0 as an FcApi: the registry, target rules, limits, the requests it builds and
// signs, how it reads answers and errors, and what it redacts.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/errors.js';
import { API_VERSIONS, DEFAULT_API_VERSION, findApi } from '../../../src/fc/api-version.js';
import { parseHeaderArgsWith } from '../../../src/fc/headers.js';
import { v2016 } from '../../../src/fc/v2016/index.js';
import { buildAuthorization, buildStringToSign, computeSignature } from '../../../src/fc/v2016/sign.js';

const connection = {
  baseUrl: 'http://127.0.0.1:9000',
  credentials: { accessKeyId: 'fake-key-id-v2016', accessKeySecret: 'fake-secret-v2016', securityToken: 'fake-sts-token-v2016' },
  accountId: '1234567890',
  userAgent: 'fcinvoke/test',
};
const stamp = { date: new Date('2026-12-01T08:00:00Z'), nonce: 'unused-by-fc2' };
const target = { service: 'svc', functionName: 'fn', qualifier: 'prod' };
const BASE = '/2016-08-15/services/svc.prod/functions/fn';

describe('the registry', () => {
  it('has FC 2.0 as the default and refuses versions it does not know', () => {
    expect(DEFAULT_API_VERSION).toBe('2016-08-15');
    expect(findApi()).toBe(v2016);
    expect(API_VERSIONS['2016-08-15']).toBe(v2016);
    expect(() => findApi('2099-01-01')).toThrow(/unknown API version "2099-01-01": use one of 2016-08-15/);
  });
});

describe('targets and limits', () => {
  it('needs a service, splits service.qualifier, and shows the target as typed', () => {
    expect(v2016.targetRules.service).toBe('required');
    expect(v2016.resolveTarget('svc.prod', 'fn')).toEqual(target);
    expect(v2016.resolveTarget('svc', 'fn', 'LATEST')).toEqual({ service: 'svc', functionName: 'fn', qualifier: 'LATEST' });
    expect(() => v2016.resolveTarget(undefined, 'fn')).toThrow(/invalid service name ""/);
    expect(() => v2016.resolveTarget('svc', 'a$b')).toThrow(/invalid function name "a\$b"/);
    expect(v2016.targetArgs(target)).toBe('svc.prod fn');
    expect(v2016.targetArgs({ ...target, qualifier: undefined })).toBe('svc fn');
  });

  it('limits events to 32 MiB sync, 128 KiB async, and list pages to 100', () => {
    expect(v2016.limits).toEqual({ sync: 33_554_432, async: 131_072, listPage: 100 });
  });

  it('allows only x-fc-* headers in -H, and none fcinvoke sets itself', () => {
    expect(parseHeaderArgsWith(v2016.headerRules, ['X-Fc-Trace-Id: t'])).toEqual({ 'x-fc-trace-id': 't' });
    expect(() => parseHeaderArgsWith(v2016.headerRules, ['Accept: x'])).toThrow('header accept is not allowed: only x-fc-* headers can be added (they are signed)');
    expect(() => parseHeaderArgsWith(v2016.headerRules, ['X-Fc-Stateful-Async-Invocation-Id: j'])).toThrow(/use --async-id instead/);
    expect(Object.keys(v2016.headerRules.reserved).sort()).toEqual([
      'x-fc-account-id',
      'x-fc-date',
      'x-fc-invocation-type',
      'x-fc-log-type',
      'x-fc-security-token',
      'x-fc-stateful-async-invocation-id',
    ]);
  });
});

describe('requests', () => {
  const spec = { target, async: false, logs: true, extraHeaders: { 'x-fc-trace-id': 't' }, contentLength: 5 };

  it('InvokeFunction: the path, the headers, and an "FC" signature over them', () => {
    const request = v2016.buildInvoke(connection, spec, stamp);
    expect(request).toMatchObject({ method: 'POST', path: `${BASE}/invocations`, url: `http://127.0.0.1:9000${BASE}/invocations` });
    expect(request.headers).toEqual({
      'x-fc-trace-id': 't',
      'content-type': 'application/octet-stream',
      'content-length': '5',
      'x-fc-invocation-type': 'Sync',
      'x-fc-log-type': 'Tail',
      date: 'Tue, 01 Dec 2026 08:00:00 GMT',
      'user-agent': 'fcinvoke/test',
      'x-fc-account-id': '1234567890',
      'x-fc-security-token': 'fake-sts-token-v2016',
      authorization: request.headers.authorization,
    });
    const { authorization, ...signed } = request.headers;
    expect(authorization).toBe(buildAuthorization({ method: 'POST', path: request.path, headers: signed }, 'fake-key-id-v2016', 'fake-secret-v2016'));
  });

  it('async with an ID: Async type, the ID header, no log tail; the body hash is not signed', () => {
    const request = v2016.buildInvoke(connection, { ...spec, async: true, asyncId: 'job-1', bodySha256: 'ab'.repeat(32) }, stamp);
    expect(request.headers).toMatchObject({ 'x-fc-invocation-type': 'Async', 'x-fc-stateful-async-invocation-id': 'job-1' });
    expect(request.headers['x-fc-log-type']).toBeUndefined();
    expect(JSON.stringify(request)).not.toContain('abab');
  });

  it('signs by the date alone: the same second and headers give the same signature, whatever the nonce', () => {
    const a = v2016.buildInvoke(connection, spec, stamp);
    const b = v2016.buildInvoke(connection, spec, { date: new Date(stamp.date.getTime() + 999), nonce: 'other' });
    expect(b.headers.authorization).toBe(a.headers.authorization);
  });

  it('the async invocation APIs: get, stop (PUT, JSON, empty) and list with its query on the URL only', () => {
    expect(v2016.buildAsyncGet(connection, target, 'job-1', stamp)).toMatchObject({ method: 'GET', path: `${BASE}/stateful-async-invocations/job-1` });
    const stop = v2016.buildAsyncStop(connection, target, 'job-1', stamp);
    expect(stop).toMatchObject({ method: 'PUT', path: `${BASE}/stateful-async-invocations/job-1` });
    expect(stop.headers).toMatchObject({ 'content-type': 'application/json', 'content-length': '0' });
    const query = v2016.buildListQuery({ invocationIdPrefix: 'job-', status: 'Running' }, 500, 'tok');
    expect(query).toEqual({ limit: '100', nextToken: 'tok', status: 'Running', invocationIdPrefix: 'job-' });
    expect(v2016.buildListQuery({ includePayload: true }, 10)).toEqual({ limit: '10', includePayload: 'true' });
    const list = v2016.buildAsyncList(connection, target, query, stamp);
    expect(list.path).toBe(`${BASE}/stateful-async-invocations`);
    expect(list.url).toBe(`http://127.0.0.1:9000${BASE}/stateful-async-invocations?limit=100&nextToken=tok&status=Running&invocationIdPrefix=job-`);
    const { authorization, ...signed } = list.headers;
    expect(authorization).toBe(`FC fake-key-id-v2016:${computeSignature(buildStringToSign({ method: 'GET', path: list.path, headers: signed }), 'fake-secret-v2016')}`);
  });
});

describe('answers', () => {
  it('decodes the invocation headers', () => {
    const meta = v2016.decodeInvocation({ 'x-fc-request-id': 'r', 'x-fc-stateful-async-invocation-id': 'job-1', 'x-fc-invocation-duration': '12' });
    expect(meta).toMatchObject({ requestId: 'r', asyncInvocationId: 'job-1', durationMs: 12, functionError: null });
  });

  it('reads error bodies, with the request ID from the header', () => {
    const body = Buffer.from('{"ErrorCode":"FunctionNotFound","ErrorMessage":"no fn"}');
    expect(v2016.parseError(404, { 'x-fc-request-id': 'r' }, body)).toEqual({ code: 'FunctionNotFound', message: 'no fn', requestId: 'r' });
    expect(v2016.parseError(502, {}, Buffer.from('<html>bad</html>'))).toEqual({ code: 'HTTP502', message: '<html>bad</html>', requestId: null });
  });

  it.each([
    [429, true],
    [503, true],
    [500, false],
    [502, false],
    [404, false],
  ])('HTTP %i is throttling: %s', (status, expected) => {
    expect(v2016.isThrottling(status, 'Whatever')).toBe(expected);
  });

  it('knows its clock codes, its duplicate-ID refusal, its unknown-ID 404 and its acceptance', () => {
    expect(['RequestTimeTooSkewed', 'InvalidDate', 'RequestTimeExpired'].every((code) => v2016.isClockSkew(code))).toBe(true);
    expect(v2016.isClockSkew('SignatureNotMatch')).toBe(false);
    expect(v2016.isDuplicateAsyncId(409, 'Anything')).toBe(true);
    expect(v2016.isDuplicateAsyncId(400, 'StatefulAsyncInvocationAlreadyExists')).toBe(true);
    expect(v2016.isDuplicateAsyncId(400, 'InvalidArgument')).toBe(false);
    expect(v2016.isUnknownAsyncId(new ApiError('StatefulAsyncInvocationNotFound', 'x', 404, null))).toBe(true);
    for (const code of ['ServiceNotFound', 'FunctionNotFound', 'AliasNotFound', 'VersionNotFound']) {
      expect(v2016.isUnknownAsyncId({ status: 404, code })).toBe(false);
    }
    expect(v2016.isUnknownAsyncId({ status: 400, code: 'StatefulAsyncInvocationNotFound' })).toBe(false);
    expect([v2016.isAsyncAccepted(202), v2016.isAsyncAccepted(200), v2016.acceptedStatus]).toEqual([true, false, 202]);
  });

  it('reads invocation objects and pages into the neutral shape', () => {
    expect(v2016.readAsyncInvocation({ invocationId: 'job-1', status: 'Running', invocationErrorMessage: 'e' }, null)).toMatchObject({
      invocationId: 'job-1',
      status: 'Running',
      invocationErrorMessage: 'e',
    });
    expect(v2016.readAsyncInvocation({ invocationId: 'job-1', status: 'Running', functionArn: 'x' }, null)).toMatchObject({ apiVersion: '2016-08-15', functionArn: null });
    expect(() => v2016.readAsyncInvocation({ taskId: 'job-1', status: 'Running' }, 'r')).toThrow(ApiError);
    expect(v2016.readAsyncPage({ invocations: [{ a: 1 }], nextToken: '' }, null)).toEqual({ invocations: [{ a: 1 }], nextToken: null });
  });
});

describe('words and body hashing', () => {
  it('names stateful async invocations, and needs no body hash', () => {
    expect(v2016.nouns).toEqual({
      asyncInvocation: 'stateful async invocation',
      asyncInvocations: 'stateful async invocations',
      asyncId: 'stateful async invocation ID',
      short: 'invocation',
      asyncIdHeader: 'x-fc-stateful-async-invocation-id',
      listAction: 'ListStatefulAsyncInvocations',
      enableAsync: "enable stateful invocation in the function's async config (statefulInvocation: true)",
    });
    expect(v2016.signsBody).toBe(false);
  });
});

describe('redaction', () => {
  it('masks the signature and the token, and finds the signature for the run to scrub', () => {
    const request = v2016.buildInvoke(connection, { target, async: false, logs: false, extraHeaders: {}, contentLength: 0 }, stamp);
    const shown = v2016.redactHeaders(request.headers);
    expect(shown.authorization).toBe('FC ****2016:<redacted>');
    expect(shown['x-fc-security-token']).toBe('<redacted>');
    expect(shown.date).toBe(request.headers.date);
    const signature = v2016.signatureOf(request);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(request.headers.authorization).toBe(`FC fake-key-id-v2016:${signature}`);
    expect(v2016.signatureOf({ ...request, headers: {} })).toBeNull();
  });
});
