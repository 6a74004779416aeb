// FC 3.0 as an FcApi: the registry, target rules, limits and -H rules, how it reads answers,
// errors and async tasks, its words, and what it redacts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiError, UsageError } from '../../../src/errors.js';
import { API_VERSIONS, DEFAULT_API_VERSION, findApi } from '../../../src/fc/api-version.js';
import { parseHeaderArgsWith } from '../../../src/fc/headers.js';
import type { FunctionTarget } from '../../../src/fc/names.js';
import { TARGET_RULES as FC2_RULES } from '../../../src/fc/v2016/target.js';
import { v2023 } from '../../../src/fc/v2023/index.js';
import { MIGRATED_FUNCTION_RULE, MIGRATED_SERVICE_RULE } from '../../../src/fc/v2023/target.js';

describe('the registry', () => {
  it('has FC 3.0 beside FC 2.0, which stays the default', () => {
    expect(API_VERSIONS['2023-03-30']).toBe(v2023);
    expect(findApi('2023-03-30')).toBe(v2023);
    expect(DEFAULT_API_VERSION).toBe('2016-08-15');
    expect(() => findApi('2099-01-01')).toThrow('unknown API version "2099-01-01": use one of 2016-08-15, 2023-03-30');
    expect([v2023.version, v2023.name]).toEqual(['2023-03-30', 'FC 3.0']);
  });
});

type Args = [service: string | undefined, fn: string, qualifier?: string];

describe('targets', () => {
  const t = (functionName: string, qualifier?: string): FunctionTarget => ({ service: undefined, functionName, qualifier });

  it.each<[Args, FunctionTarget]>([
    [[undefined, 'fn'], t('fn')],
    [[undefined, 'fn:prod'], t('fn', 'prod')],
    [[undefined, 'fn:prod', 'prod'], t('fn', 'prod')],
    [[undefined, 'fn', 'LATEST'], t('fn', 'LATEST')],
    [[undefined, '_f-1:2'], t('_f-1', '2')],
    [[undefined, 'svc$fn'], t('svc$fn')],
    [[undefined, 'svc$fn:1'], t('svc$fn', '1')],
    [['svc', 'fn'], t('svc$fn')],
    [['svc.prod', 'fn'], t('svc$fn', 'prod')],
    [['svc', 'fn:prod', 'prod'], t('svc$fn', 'prod')],
    [[undefined, 'f'.repeat(64)], t('f'.repeat(64))],
    [[undefined, `${'s'.repeat(128)}$${'f'.repeat(64)}`], t(`${'s'.repeat(128)}$${'f'.repeat(64)}`)],
  ])('%j → %j', (args, target) => {
    expect(v2023.resolveTarget(...args)).toEqual(target);
  });

  it.each<[Args, string]>([
    [[undefined, 'fn:prod', 'other'], 'qualifier given twice and they disagree: "fn:prod" says prod, --qualifier says other; give one'],
    [['svc.a', 'fn:b'], 'qualifier given twice and they disagree: "svc.a" says a, "fn:b" says b; give one'],
    [[undefined, 'a:b:c'], 'invalid target "a:b:c": more than one ":"; write function:qualifier with one ":" (FC 3.0 names cannot contain ":")'],
    [[undefined, 'fn:'], 'invalid target "fn:": nothing after ":"; write function:qualifier with one ":" (FC 3.0 names cannot contain ":")'],
    [[undefined, ':prod'], 'no function name in ":prod": use 1-64 letters, digits, "_" or "-", not starting with a digit or "-"'],
    [[undefined, ''], 'no function name: use 1-64'],
    [[undefined, '1fn'], 'invalid function name "1fn": use 1-64 letters, digits, "_" or "-", not starting with a digit or "-"'],
    [[undefined, 'my.func:prod'], 'invalid function name "my.func" in "my.func:prod": use 1-64'],
    [[undefined, 'f'.repeat(65)], `invalid function name "${'f'.repeat(65)}": use 1-64`],
    [[undefined, '$fn'], `no service name in "$fn": an FC 2.0 function seen through FC 3.0 is service$function, each part by FC 2.0's rules: use 1-128`],
    [[undefined, 'svc$:1'], 'no function name in "svc$:1": an FC 2.0 function seen through FC 3.0 is service$function'],
    [[undefined, 'a$b$c'], 'invalid function name "b$c" in "a$b$c"'],
    [[undefined, '-s$fn'], 'invalid service name "-s" in "-s$fn"'],
    [['svc', 'a$b'], 'invalid function name "a$b" in "svc a$b"'],
    [['svc.', 'fn'], 'invalid target "svc.": nothing after "."; write service.qualifier with one "."'],
    [[undefined, 'fn:bad!'], 'invalid qualifier "bad!": use LATEST, a version number or an alias name'],
  ])('%j is a usage error: %s', (args, message) => {
    let error: unknown;
    try {
      v2023.resolveTarget(...args);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toContain(message);
  });

  it('checks each half of a migrated name by FC 2.0’s rules', () => {
    const names = ['a', '_', 'A-b_9', '9a', '-a', 'a.b', 'a$b', 'a:b', 'é', 'a b', 's'.repeat(64), 's'.repeat(65), 's'.repeat(128), 's'.repeat(129)];
    const ok = (name: string, rule: { pattern: RegExp; max: number }) => name.length <= rule.max && rule.pattern.test(name);
    for (const name of names) {
      expect(ok(name, MIGRATED_SERVICE_RULE), name).toBe(ok(name, FC2_RULES.serviceName!));
      expect(ok(name, MIGRATED_FUNCTION_RULE), name).toBe(ok(name, FC2_RULES.functionName));
    }
  });

  it('has no services, and shows a target as it would be typed again', () => {
    expect(v2023.targetRules.service).toBe('forbidden');
    expect(v2023.targetArgs(t('my-func', 'prod'))).toBe('my-func:prod');
    expect(v2023.targetArgs(t('my-func'))).toBe('my-func');
    expect(v2023.targetArgs(t('svc$fn', '1'))).toBe("'svc$fn:1'");
    for (const typed of ['fn', 'fn:prod', 'svc$fn:1']) {
      const again = v2023.targetArgs(v2023.resolveTarget(undefined, typed)).replace(/^'(.*)'$/, '$1');
      expect(again).toBe(typed);
    }
  });
});

describe('targets, for any input', () => {
  const name = (max: number) => fc.stringMatching(new RegExp(`^[_a-zA-Z][-_a-zA-Z0-9]{0,${max - 1}}$`));
  const qualifier = fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,20}$/), { nil: undefined });

  it('reads back what targetArgs shows, native or migrated', () => {
    const functionName = fc.oneof(name(64), fc.tuple(name(128), name(64)).map(([s, f]) => `${s}$${f}`));
    fc.assert(
      fc.property(functionName, qualifier, (fn, q) => {
        const target = { service: undefined, functionName: fn, qualifier: q };
        const typed = v2023.targetArgs(target).replace(/^'(.*)'$/, '$1');
        expect(v2023.resolveTarget(undefined, typed)).toEqual(target);
        expect(v2023.resolveTarget(undefined, typed, q)).toEqual(target);
      }),
    );
  });

  it('either resolves or refuses with a usage error, whatever is typed', () => {
    const typed = fc.string({ unit: fc.constantFrom('a', 'Z', '_', '-', '1', ':', '$', '.', ' ', 'é', '\u0000'), maxLength: 12 });
    fc.assert(
      fc.property(fc.option(typed, { nil: undefined }), typed, fc.option(typed, { nil: undefined }), (service, fn, q) => {
        try {
          const target = v2023.resolveTarget(service, fn, q);
          expect(target.service).toBeUndefined();
          expect(target.functionName).toMatch(/^[_a-zA-Z][-_a-zA-Z0-9]*(\$[_a-zA-Z][-_a-zA-Z0-9]*)?$/);
        } catch (error) {
          expect(error).toBeInstanceOf(UsageError);
        }
      }),
    );
  });
});

describe('limits and -H', () => {
  it('limits events to 32 MiB sync, 128 KiB async, and list pages to 100', () => {
    expect(v2023.limits).toEqual({ sync: 33_554_432, async: 131_072, listPage: 100 });
    expect(v2023.buildListQuery({}, 500).limit).toBe('100');
    expect(v2023.buildListQuery({}, 0).limit).toBe('1');
  });

  it('allows x-fc-* headers, refuses the signer’s, and names the flag for fcinvoke’s own', () => {
    const parse = (arg: string) => parseHeaderArgsWith(v2023.headerRules, [arg]);
    expect(parse('X-Fc-Trace-Id: t')).toEqual({ 'x-fc-trace-id': 't' });
    expect(parse('X-Fc-Account-Id: 1')).toEqual({ 'x-fc-account-id': '1' });
    for (const name of ['Host', 'Authorization', 'X-Acs-Date', 'x-acs-content-sha256', 'X-Acs-Security-Token', 'Accept', 'Content-Type']) {
      expect(() => parse(`${name}: x`), name).toThrow(
        `header ${name.toLowerCase()} is not allowed: only x-fc-* headers can be added (host, authorization and the x-acs-* headers are set and signed by fcinvoke)`,
      );
    }
    expect(() => parse('X-Fc-Async-Task-Id: j')).toThrow('header x-fc-async-task-id is set by fcinvoke: use --async-id instead');
    expect(() => parse('X-Fc-Invocation-Type: Async')).toThrow(/use --async instead/);
    expect(() => parse('X-Fc-Log-Type: None')).toThrow(/use --no-logs instead/);
    expect(() => parse('X-Fc-Stateful-Async-Invocation-Id: j')).toThrow(/use --async-id instead/);
    expect(() => parse('X-Fc-Security-Token: t')).toThrow(/use the credential settings instead/);
  });
});

describe('the list query', () => {
  it('maps the neutral filter onto FC 3.0’s names and leaves unset ones out', () => {
    expect(v2023.buildListQuery({ invocationIdPrefix: 'job-', status: 'Running', includePayload: false }, 20, 'tok')).toEqual({
      limit: '20',
      nextToken: 'tok',
      status: 'Running',
      prefix: 'job-',
      includePayload: 'false',
    });
    expect(v2023.buildListQuery({}, 20, null)).toEqual({ limit: '20' });
    expect(v2023.buildListQuery({}, 20, '')).toEqual({ limit: '20' });
  });
});

describe('answers', () => {
  it('decodes the invocation headers; what is not sent is null, never NaN or undefined', () => {
    const meta = v2023.decodeInvocation({ 'x-fc-request-id': '1-65bf56b2-1368aa6d-c7da7fa6a4d4', 'x-fc-async-task-id': 'job-1' });
    expect(meta).toEqual({
      requestId: '1-65bf56b2-1368aa6d-c7da7fa6a4d4',
      functionError: null,
      durationMs: null,
      maxMemoryMB: null,
      instanceId: null,
      codeChecksum: null,
      serviceVersion: null,
      asyncInvocationId: 'job-1',
      log: { text: null, problem: null },
    });
    const full = v2023.decodeInvocation({
      'x-fc-invocation-duration': '12',
      'x-fc-max-memory-usage': 'n/a',
      'x-fc-error-type': 'UnhandledInvocationError',
      'x-fc-log-result': Buffer.from('tail').toString('base64'),
      'x-fc-invocation-service-version': 'LATEST',
      'x-fc-stateful-async-invocation-id': 'fc2-name',
    });
    expect(full).toMatchObject({ durationMs: 12, maxMemoryMB: null, functionError: 'UnhandledInvocationError', serviceVersion: 'LATEST', asyncInvocationId: null });
    expect(full.log.text).toBe('tail');
  });

  const r = { 'x-fc-request-id': 'header-id' };
  it.each([
    ['FC 3.0', 404, '{"Code":"FunctionNotFound","Message":"function not found","RequestId":"1-64e70cf1-5cbef92ea8fc8c42899cf5d1"}', r, { code: 'FunctionNotFound', message: 'function not found', requestId: '1-64e70cf1-5cbef92ea8fc8c42899cf5d1' }],
    ['lower-case keys', 400, '{"code":"InvalidArgument","message":"bad","requestId":"1-a-b"}', {}, { code: 'InvalidArgument', message: 'bad', requestId: '1-a-b' }],
    ['FC 2.0', 403, '{"ErrorCode":"SignatureNotMatch","ErrorMessage":"no match"}', r, { code: 'SignatureNotMatch', message: 'no match', requestId: 'header-id' }],
    ['no request ID in the body', 409, '{"Code":"AsyncTaskAlreadyExists","Message":"exists"}', r, { code: 'AsyncTaskAlreadyExists', message: 'exists', requestId: 'header-id' }],
    ['the gateway’s header', 400, '{"Code":"X","Message":"y"}', { 'x-acs-request-id': 'acs-id' }, { code: 'X', message: 'y', requestId: 'acs-id' }],
    ['not JSON', 502, '<html>\n  Bad Gateway\n</html>', r, { code: 'HTTP502', message: '<html> Bad Gateway </html>', requestId: 'header-id' }],
    ['JSON without a code', 500, '{"other":1}', {}, { code: 'HTTP500', message: '{"other":1}', requestId: null }],
    ['empty', 503, '', {}, { code: 'HTTP503', message: '(empty response body)', requestId: null }],
  ] as const)('reads an error body: %s', (_name, status, body, headers, expected) => {
    expect(v2023.parseError(status, headers, Buffer.from(body))).toEqual(expected);
  });

  it.each([
    [429, 'TooManyRequests', true],
    [503, 'ServiceUnavailable', true],
    [400, 'Throttling.User', true],
    [403, 'ThrottlingError', true],
    [500, 'InternalServerError', false],
    [502, 'HTTP502', false],
    [404, 'FunctionNotFound', false],
  ])('HTTP %i %s is throttling: %s', (status, code, expected) => {
    expect(v2023.isThrottling(status, code)).toBe(expected);
  });

  it('counts 429 and 503 as throttling whose body did not arrive', () => {
    expect([v2023.isThrottling(429), v2023.isThrottling(503), v2023.isThrottling(500)]).toEqual([true, true, false]);
  });

  it('knows the clock codes, the emulator’s among them', () => {
    for (const code of ['RequestTimeTooSkewed', 'RequestTimeExpired', 'InvalidDate', 'InvalidTimeStamp.Expired']) expect(v2023.isClockSkew(code), code).toBe(true);
    for (const code of ['SignatureNotMatch', 'SignatureNonceUsed', 'InvalidArgument']) expect(v2023.isClockSkew(code), code).toBe(false);
  });

  it.each([
    [409, 'AsyncTaskAlreadyExists', true],
    [409, 'Conflict', true],
    [400, 'TaskAlreadyExists', true],
    [400, 'DuplicateTaskId', true],
    [400, 'InvalidArgument', false],
    [404, 'AsyncTaskNotFound', false],
  ])('HTTP %i %s refuses a task ID as used before: %s', (status, code, expected) => {
    expect(v2023.isDuplicateAsyncId(status, code)).toBe(expected);
  });

  it('tells an unknown task from an unknown function, alias, version or service', () => {
    expect(v2023.isUnknownAsyncId(new ApiError('AsyncTaskNotFound', 'x', 404, null))).toBe(true);
    expect(v2023.isUnknownAsyncId({ status: 400, code: 'TaskNotFound' })).toBe(true);
    for (const code of ['FunctionNotFound', 'AliasNotFound', 'VersionNotFound', 'ServiceNotFound', 'InvalidArgument', 'HTTP404']) {
      expect(v2023.isUnknownAsyncId({ status: 404, code }), code).toBe(false);
    }
  });

  it('accepts an async call on any 2xx, and reports 202 when only a duplicate refusal proved it', () => {
    expect([200, 201, 202, 204, 299].map((s) => v2023.isAsyncAccepted(s))).toEqual([true, true, true, true, true]);
    expect([199, 300, 400, 500].map((s) => v2023.isAsyncAccepted(s))).toEqual([false, false, false, false]);
    expect(v2023.acceptedStatus).toBe(202);
  });
});

describe('async tasks', () => {
  const task = {
    taskId: 'job-1',
    status: 'Failed',
    destinationStatus: 'Succeeded',
    startedTime: 1705305600000,
    endTime: '1705305601500',
    durationMs: 1400,
    alreadyRetriedTimes: 3,
    functionArn: 'acs:fc:cn-shanghai:1234:functions/svc$fn',
    qualifier: 'prod',
    requestId: '1-65bf56b2-1368aa6d-c7da7fa6a4d4',
    instanceId: 'i-1',
    taskPayload: 'event',
    taskErrorMessage: 'UnhandledInvocationError',
    returnPayload: 'out',
    events: [{ eventId: 1, status: 'Enqueued', timestamp: 1705305600000, eventDetail: '' }, 'junk'],
  };

  it('reads an AsyncTask into the neutral shape', () => {
    expect(v2023.readAsyncInvocation(task, null)).toEqual({
      apiVersion: '2023-03-30',
      invocationId: 'job-1',
      status: 'Failed',
      serviceName: null,
      functionName: 'svc$fn',
      functionArn: 'acs:fc:cn-shanghai:1234:functions/svc$fn',
      qualifier: 'prod',
      requestId: '1-65bf56b2-1368aa6d-c7da7fa6a4d4',
      instanceId: 'i-1',
      startedTime: 1705305600000,
      endTime: 1705305601500,
      durationMs: 1400,
      alreadyRetriedTimes: 3,
      destinationStatus: 'Succeeded',
      invocationErrorMessage: 'UnhandledInvocationError',
      returnPayload: 'out',
      events: [{ eventId: 1, status: 'Enqueued', timestamp: 1705305600000, eventDetail: '' }],
    });
    expect(v2023.readAsyncInvocation({ ...task, functionArn: 'acs:fc:cn-hangzhou:1234567890:functions/echo' }, null).functionName).toBe('echo');
  });

  it('leaves every missing field null, and takes a digit-first generated ID', () => {
    const bare = v2023.readAsyncInvocation({ taskId: '0f8e4c7a-2b1d-4e6f-9a3c-5d7e9f1b3c5a', status: 'Enqueued' }, null);
    expect(bare).toMatchObject({ invocationId: '0f8e4c7a-2b1d-4e6f-9a3c-5d7e9f1b3c5a', functionName: null, functionArn: null, durationMs: null, endTime: null, events: [] });
    for (const value of Object.values(bare)) expect(value).not.toBeUndefined();
    expect(Object.values(bare).some((value) => typeof value === 'number' && Number.isNaN(value))).toBe(false);
  });

  it.each([null, [], 'text', {}, { taskId: 'a' }, { status: 'Running' }, { invocationId: 'job-1', status: 'Running' }])('refuses %j as an InvalidResponse', (json) => {
    expect(() => v2023.readAsyncInvocation(json, '1-r')).toThrow(expect.objectContaining({ code: 'InvalidResponse', requestId: '1-r' }));
  });

  it('reads a page of tasks; an empty token is the last page', () => {
    expect(v2023.readAsyncPage({ tasks: [task], nextToken: 'next' }, null)).toEqual({ invocations: [task], nextToken: 'next' });
    expect(v2023.readAsyncPage({ tasks: [], nextToken: '' }, null)).toEqual({ invocations: [], nextToken: null });
    expect(v2023.readAsyncPage({}, null)).toEqual({ invocations: [], nextToken: null });
    expect(() => v2023.readAsyncPage({ tasks: 'x' }, '1-r')).toThrow(ApiError);
    expect(() => v2023.readAsyncPage({ invocations: [task], nextToken: '' }, '1-r')).not.toThrow();
  });
});

describe('words', () => {
  it('names async tasks as FC 3.0 does', () => {
    expect(v2023.nouns).toEqual({
      asyncInvocation: 'async task',
      asyncInvocations: 'async tasks',
      asyncId: 'async task ID',
      short: 'task',
      asyncIdHeader: 'x-fc-async-task-id',
      listAction: 'ListAsyncTasks',
      enableAsync: "enable async tasks in the function's async invoke config (asyncTask: true)",
    });
  });
});

describe('redaction', () => {
  const sts = { accessKeyId: 'STS.fake-temporary-id-wxyz', accessKeySecret: 'fake-sts-secret-v2023', securityToken: 'fake-sts-token-v2023' };
  const connection = { baseUrl: 'http://127.0.0.1:9000', credentials: sts, accountId: '1234567890', userAgent: 'fcinvoke/test' };
  const stamp = { date: new Date('2024-01-15T08:00:00Z'), nonce: 'nonce-1' };
  const request = v2023.buildInvoke(
    connection,
    { target: { service: undefined, functionName: 'fn', qualifier: undefined }, async: false, logs: true, extraHeaders: {}, contentLength: 0 },
    stamp,
  );

  it('shows the Authorization without its signature, masks the key ID, hides the token', () => {
    const shown = v2023.redactHeaders(request.headers);
    expect(shown.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=****wxyz,SignedHeaders=host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=<redacted>',
    );
    expect(shown['x-acs-security-token']).toBe('<redacted>');
    expect(shown['x-acs-accesskey-id']).toBe('****wxyz');
    expect(shown['x-acs-date']).toBe('2024-01-15T08:00:00Z');
    const text = JSON.stringify(shown);
    const signature = v2023.signatureOf(request)!;
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(request.headers.authorization).toContain(`Signature=${signature}`);
    for (const secret of [signature, sts.securityToken, sts.accessKeySecret, sts.accessKeyId]) expect(text).not.toContain(secret);
  });

  it('shows nothing of an Authorization it cannot read, and finds no signature in one', () => {
    expect(v2023.redactHeaders({ Authorization: 'FC id:c2ln' })).toEqual({ Authorization: '<redacted>' });
    expect(v2023.redactHeaders({ authorization: 'ACS3-HMAC-SHA256 garbage' })).toEqual({ authorization: '<redacted>' });
    expect(v2023.redactHeaders({ 'X-Fc-Security-Token': 't' })).toEqual({ 'X-Fc-Security-Token': '<redacted>' });
    expect(v2023.signatureOf({ ...request, headers: { authorization: 'FC id:c2ln' } })).toBeNull();
    expect(v2023.signatureOf({ ...request, headers: {} })).toBeNull();
  });
});
