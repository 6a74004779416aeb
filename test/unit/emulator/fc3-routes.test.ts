import { describe, expect, it } from 'vitest';
import { renderFc3ErrorBody, fc3Errors } from '../../../src/emulator/fc3-errors.js';
import { isValidFc3Name, migratedName, parseFc3Name } from '../../../src/emulator/fc3-names.js';
import { generateFc3RequestId } from '../../../src/emulator/fc3-request-id.js';
import { isFc3Path, matchFc3Route } from '../../../src/emulator/fc3-routes.js';

const base = '/2023-03-30/functions';

describe('matchFc3Route', () => {
  it.each([
    ['POST', `${base}/my-func/invocations`, { action: 'InvokeFunction', functionName: 'my-func' }],
    ['POST', `${base}/svc%24fn/invocations`, { action: 'InvokeFunction', functionName: 'svc$fn' }],
    ['GET', `${base}/f/async-tasks`, { action: 'ListAsyncTasks', functionName: 'f' }],
    ['GET', `${base}/f/async-tasks/job-1`, { action: 'GetAsyncTask', functionName: 'f', taskId: 'job-1' }],
    ['GET', `${base}/f/async-tasks/a%20b`, { action: 'GetAsyncTask', functionName: 'f', taskId: 'a b' }],
    ['PUT', `${base}/demo%24sleep/async-tasks/5a2df57f-bfd8-4b0e-9d1c-1c2f0a6b7e33/stop`, {
      action: 'StopAsyncTask',
      functionName: 'demo$sleep',
      taskId: '5a2df57f-bfd8-4b0e-9d1c-1c2f0a6b7e33',
    }],
  ])('%s %s', (method, path, route) => {
    expect(matchFc3Route(method, path)).toEqual({ ok: true, route });
  });

  it.each([
    ['GET', `${base}/f/invocations`],
    ['POST', `${base}/f/invocations/x`],
    ['POST', `${base}/f/async-tasks`],
    ['PUT', `${base}/f/async-tasks/x`],
    ['GET', `${base}/f/async-tasks/x/stop`],
    ['DELETE', `${base}/f/async-tasks/x`],
    ['POST', `${base}/f`],
    ['GET', `${base}`],
    ['GET', '/2023-03-30'],
    ['GET', `${base}/f/async-invoke-config`],
    ['POST', `${base}/%E0%A4%A/invocations`],
    ['GET', `${base}/f/async-tasks/%E0%A4%A`],
  ])('%s %s is 400 PathNotSupported', (method, path) => {
    const result = matchFc3Route(method, path);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ status: 400, code: 'PathNotSupported' });
  });

  it('knows which paths are FC 3.0 ones', () => {
    expect(isFc3Path('/2023-03-30')).toBe(true);
    expect(isFc3Path('/2023-03-30/anything')).toBe(true);
    expect(isFc3Path('/2023-03-300/x')).toBe(false);
    expect(isFc3Path('/2016-08-15/services/demo/functions/hello/invocations')).toBe(false);
    expect(isFc3Path('/')).toBe(false);
  });
});

describe('FC 3.0 function names', () => {
  it.each(['f', '_f', 'my-func_2', 'A', 'a'.repeat(64)])('%s is a native name', (name) => {
    expect(isValidFc3Name(name)).toBe(true);
    expect(parseFc3Name(name)).toEqual({ kind: 'native', name });
  });

  it.each(['', '9f', '-f', 'a.b', 'a b', 'a/b', '..', 'a'.repeat(65), 'fn:prod', 'é'])('%j is not a name', (name) => {
    expect(parseFc3Name(name)).toBeUndefined();
  });

  it('reads service$function as a migrated FC 2.0 function, each part by FC 2.0 rules', () => {
    expect(parseFc3Name('demo$echo')).toEqual({ kind: 'migrated', name: 'demo$echo', service: 'demo', functionName: 'echo' });
    const longService = 's'.repeat(128);
    expect(parseFc3Name(`${longService}$f`)).toMatchObject({ kind: 'migrated', service: longService });
    for (const name of ['$echo', 'demo$', 'a$b$c', '9svc$fn', 'svc$9fn', `${'s'.repeat(129)}$f`, `s$${'f'.repeat(65)}`]) {
      expect(parseFc3Name(name), name).toBeUndefined();
    }
    expect(isValidFc3Name('demo$echo')).toBe(false);
    expect(migratedName('demo', 'echo')).toBe('demo$echo');
  });
});

describe('FC 3.0 answers', () => {
  it('shapes request IDs like FC 3.0: 1-<seconds in hex>-<8 hex>-<12 hex>', () => {
    const fixed = generateFc3RequestId(new Date('2023-08-24T07:55:29Z'), (n) => Buffer.alloc(n, 0xab));
    expect(fixed).toBe('1-64e70cf1-abababab-abababababab');
    const ids = new Set(Array.from({ length: 50 }, () => generateFc3RequestId(new Date())));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{12}$/);
  });

  it('writes errors as {"Code", "Message", "RequestId"}', () => {
    const body = renderFc3ErrorBody(fc3Errors.functionNotFound('nope'), '1-64e70cf1-5cbef92e-a8fc8c42899c');
    expect(JSON.parse(body)).toEqual({
      Code: 'FunctionNotFound',
      Message: "function 'nope' does not exist",
      RequestId: '1-64e70cf1-5cbef92e-a8fc8c42899c',
    });
  });

  it('has the statuses the emulator documents', () => {
    expect(fc3Errors.invalidFunctionName('a$b$c')).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(fc3Errors.invalidFunctionName('a$b$c').message).toMatch(/^FunctionName doesn't match expected format \(allowed: \^\[_a-zA-Z\]\[-_a-zA-Z0-9\]\*\$/);
    expect(fc3Errors.entityTooLarge(131_072)).toEqual({ status: 400, code: 'EntityTooLarge', message: 'payload size exceeds maximum allowed size (131072 bytes)' });
    expect(fc3Errors.aliasNotFound('f', 'beta')).toMatchObject({ status: 404, code: 'AliasNotFound' });
    expect(fc3Errors.versionNotFound('f', '9')).toMatchObject({ status: 404, code: 'VersionNotFound' });
    expect(fc3Errors.taskNotFound('f', 'x')).toMatchObject({ status: 404, code: 'AsyncTaskNotFound' });
    expect(fc3Errors.taskExists('x')).toMatchObject({ status: 409, code: 'AsyncTaskAlreadyExists' });
    expect(fc3Errors.internal('boom')).toMatchObject({ status: 500, code: 'InternalServerError' });
  });

  it('never echoes control characters from the request', () => {
    expect(fc3Errors.functionNotFound('a\u001b[31mb').message).toBe("function 'a?[31mb' does not exist");
  });
});
