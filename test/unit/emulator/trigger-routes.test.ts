import { describe, expect, it } from 'vitest';
import { apiOfTrigger, hostnameOf, matchTriggerRoute, parseTriggerDomain } from '../../../src/emulator/trigger-routes.js';

describe('matchTriggerRoute', () => {
  it('reads /2016-08-15/proxy/{service}[.{qualifier}]/{function}/{path}', () => {
    expect(matchTriggerRoute('127.0.0.1:9000', '/2016-08-15/proxy/svc.prod/fn/a/b%20c')).toEqual({
      kind: 'proxy',
      service: 'svc',
      qualifier: 'prod',
      functionName: 'fn',
      rawPath: '/a/b%20c',
    });
    expect(matchTriggerRoute(undefined, '/2016-08-15/proxy/svc/fn/')).toMatchObject({ qualifier: undefined, rawPath: '/' });
    expect(matchTriggerRoute(undefined, '/2016-08-15/proxy/svc/fn')).toMatchObject({ functionName: 'fn', rawPath: '/' });
    expect(matchTriggerRoute(undefined, '/2016-08-15/proxy/my%2Dsvc/f%6E/')).toMatchObject({ service: 'my-svc', functionName: 'fn' });
  });

  it('reads a trigger domain as the first path segment, the region optional', () => {
    expect(matchTriggerRoute('127.0.0.1:9000', '/web.cn-hangzhou.fcapp.run/hello')).toEqual({
      kind: 'domain',
      prefix: 'web',
      region: 'cn-hangzhou',
      rawPath: '/hello',
      via: 'path',
    });
    expect(matchTriggerRoute(undefined, '/web.fcapp.run')).toMatchObject({ prefix: 'web', region: undefined, rawPath: '/' });
    expect(matchTriggerRoute(undefined, '/svc%24fn.fcapp.run/x')).toMatchObject({ prefix: 'svc$fn', rawPath: '/x' });
    expect(matchTriggerRoute(undefined, '/svc$fn.FCAPP.RUN/x')).toMatchObject({ prefix: 'svc$fn' });
  });

  it('takes a trigger domain in the Host header over everything in the path', () => {
    expect(matchTriggerRoute('web.cn-hangzhou.fcapp.run', '/2016-08-15/proxy/svc/fn/')).toEqual({
      kind: 'domain',
      prefix: 'web',
      region: 'cn-hangzhou',
      rawPath: '/2016-08-15/proxy/svc/fn/',
      via: 'host',
    });
    expect(matchTriggerRoute('web.fcapp.run:9000', '/')).toMatchObject({ prefix: 'web', rawPath: '/' });
  });

  it.each([
    ['127.0.0.1:9000', '/'],
    [undefined, '/2016-08-15/services/demo/functions/hello/invocations'],
    [undefined, '/2023-03-30/functions/hello/invocations'],
    [undefined, '/2016-08-15/proxy/svc'],
    [undefined, '/a.b.fcapp.run.example/x'],
    [undefined, '/a.b.c.fcapp.run/x'],
    ['example.com', '/x/web.fcapp.run/'],
  ])('Host %s, %s is no trigger request', (host, path) => {
    expect(matchTriggerRoute(host, path)).toBeUndefined();
  });
});

describe('apiOfTrigger', () => {
  it("is the function's API: FC 2.0 for /proxy/ and service$function, FC 3.0 for other names", () => {
    expect(apiOfTrigger(matchTriggerRoute(undefined, '/2016-08-15/proxy/s/f/')!)).toBe('2016-08-15');
    expect(apiOfTrigger(matchTriggerRoute(undefined, '/s$f.fcapp.run/')!)).toBe('2016-08-15');
    expect(apiOfTrigger(matchTriggerRoute(undefined, '/web.fcapp.run/')!)).toBe('2023-03-30');
  });
});

describe('host names', () => {
  it('drop the port, also of an IPv6 literal', () => {
    expect(hostnameOf('a.fcapp.run:9000')).toBe('a.fcapp.run');
    expect(hostnameOf('[::1]:9000')).toBe('[::1]');
    expect(hostnameOf('localhost')).toBe('localhost');
  });

  it('parse {prefix}[.{region}].fcapp.run, the -vpc region too', () => {
    expect(parseTriggerDomain('web.cn-hangzhou-vpc.fcapp.run')).toEqual({ prefix: 'web', region: 'cn-hangzhou-vpc' });
    expect(parseTriggerDomain('fcapp.run')).toBeUndefined();
    expect(parseTriggerDomain('web.fc.aliyuncs.com')).toBeUndefined();
  });
});
