import { describe, expect, it } from 'vitest';
import { matchRoute, pathOf, splitServiceQualifier } from '../../../src/emulator/routes.js';

const invoke = '/2016-08-15/services/demo/functions/hello/invocations';

describe('matchRoute', () => {
  it.each([
    [invoke, { service: 'demo', qualifier: undefined, functionName: 'hello' }],
    ['/2016-08-15/services/demo.LATEST/functions/hello/invocations', { service: 'demo', qualifier: 'LATEST', functionName: 'hello' }],
    ['/2016-08-15/services/demo.prod/functions/hello/invocations', { service: 'demo', qualifier: 'prod', functionName: 'hello' }],
    ['/2016-08-15/services/my-svc.3/functions/fn_1/invocations', { service: 'my-svc', qualifier: '3', functionName: 'fn_1' }],
    ['/2016-08-15/services/a%20b/functions/c/invocations', { service: 'a b', qualifier: undefined, functionName: 'c' }],
  ])('POST %s is InvokeFunction', (path, target) => {
    expect(matchRoute('POST', path)).toEqual({ ok: true, route: { kind: 'invoke', target } });
  });

  it.each([
    ['GET', invoke],
    ['PUT', invoke],
    ['DELETE', invoke],
    ['POST', '/'],
    ['POST', '/2016-08-15/services'],
    ['POST', '/2016-08-15/services/demo/functions/hello'],
    ['POST', '/2016-08-15/services/demo/functions/hello/invocations/extra'],
    ['POST', '/2023-03-30/functions/hello/invocations'],
    ['POST', '/2016-08-15/proxy/demo/hello/'],
    ['POST', '/2016-08-15/services/%E0%A4%A/functions/x/invocations'],
    ['DELETE', '/2016-08-15/services/demo/functions/hello/stateful-async-invocations/x'],
  ])('%s %s is 400 PathNotSupported', (method, path) => {
    const result = matchRoute(method, path);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.status).toBe(400);
      expect(result.error.code).toBe('PathNotSupported');
      expect(result.error.message).toContain(method);
    }
  });

  it('matches the stateful async invocation APIs', () => {
    const base = '/2016-08-15/services/demo.prod/functions/hello/stateful-async-invocations';
    const target = { service: 'demo', qualifier: 'prod', functionName: 'hello' };
    expect(matchRoute('GET', base)).toEqual({ ok: true, route: { kind: 'async-list', target } });
    expect(matchRoute('GET', `${base}/abc`)).toEqual({ ok: true, route: { kind: 'async-get', target, invocationId: 'abc' } });
    expect(matchRoute('PUT', `${base}/abc`)).toEqual({ ok: true, route: { kind: 'async-stop', target, invocationId: 'abc' } });
    expect(matchRoute('POST', base).ok).toBe(false);
  });
});

describe('helpers', () => {
  it('splits the service and the qualifier at the first dot', () => {
    expect(splitServiceQualifier('svc')).toEqual({ service: 'svc', qualifier: undefined });
    expect(splitServiceQualifier('svc.1')).toEqual({ service: 'svc', qualifier: '1' });
    expect(splitServiceQualifier('svc.a.b')).toEqual({ service: 'svc', qualifier: 'a.b' });
  });

  it('drops the query string', () => {
    expect(pathOf(`${invoke}?x=1&y`)).toBe(invoke);
    expect(pathOf(invoke)).toBe(invoke);
  });
});
