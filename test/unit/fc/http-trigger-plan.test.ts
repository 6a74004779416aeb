// The pure parts of `fcinvoke http` before anything is sent: targets, queries, headers, the
// plan and the request it resolves to, as tables of input and exact result.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import { parseHttpHeaderArgs } from '../../../src/fc/http-trigger/headers.js';
import { defaultScheme, planTrigger, resolveTriggerSpec, type TriggerPlanInput } from '../../../src/fc/http-trigger/plan.js';
import { acs3QueryMap, appendQuery, canonicalQueryLines, encodeQueryArg, parseQueryEntries } from '../../../src/fc/http-trigger/query.js';
import { accountOfHost, describeAddress, parseHttpTarget } from '../../../src/fc/http-trigger/target.js';

function usage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseHttpTarget', () => {
  it.each([
    ['demo/web', { service: 'demo', functionName: 'web', qualifier: undefined }, '', ''],
    ['demo.prod/web/a/b', { service: 'demo', functionName: 'web', qualifier: 'prod' }, '/a/b', ''],
    ['svc.3/fn/?x=1&y', { service: 'svc', functionName: 'fn', qualifier: '3' }, '/', 'x=1&y'],
    ['svc/fn?x=1', { service: 'svc', functionName: 'fn', qualifier: undefined }, '', 'x=1'],
  ])('short form %s', (arg, target, path, search) => {
    expect(parseHttpTarget(arg)).toEqual({ form: 'short', target, path, search });
  });

  it.each([
    ['https://x.cn-hangzhou.fcapp.run/hello?a=1#frag', 'https://x.cn-hangzhou.fcapp.run/hello?a=1'],
    ['HTTP://127.0.0.1:9000/2016-08-15/proxy/demo/web', 'http://127.0.0.1:9000/2016-08-15/proxy/demo/web/'],
    ['http://127.0.0.1:9000/2016-08-15/proxy/demo.prod/web/x y', 'http://127.0.0.1:9000/2016-08-15/proxy/demo.prod/web/x%20y'],
    ['https://www.example.com', 'https://www.example.com/'],
  ])('URL %s', (arg, href) => {
    const parsed = parseHttpTarget(arg);
    expect(parsed.form === 'url' && parsed.url.href).toBe(href);
  });

  it.each([
    ['demo', 'give a URL (https://…) or service[.qualifier]/function[/path]'],
    ['', 'give a URL (https://…) or service[.qualifier]/function[/path]'],
    ['web.cn-hangzhou.fcapp.run/hello', '"web.cn-hangzhou.fcapp.run" looks like a host name: a URL needs its scheme, e.g. https://web.cn-hangzhou.fcapp.run/hello'],
    ['localhost:9000/x', '"localhost:9000" looks like a host name'],
    ['ftp://example.com/x', 'only http:// and https:// URLs can be called'],
    ['https://user:pw@example.com/', 'user name and password in a URL are not sent'],
    ['https://exa mple.com/', 'not a valid URL'],
    ['9svc/fn', 'invalid service name "9svc"'],
    ['svc.bad.q/fn', 'looks like a host name'],
  ])('refuses %j', (arg, message) => {
    expect(usage(() => parseHttpTarget(arg))).toContain(message);
  });
});

describe('describeAddress', () => {
  const at = (url: string, host?: string) => describeAddress(new URL(url), host);
  it('tells /proxy/ URLs, trigger domains (Host, host name, first path segment) and custom domains apart', () => {
    expect(at('https://1.cn-hangzhou.fc.aliyuncs.com/2016-08-15/proxy/svc.prod/fn/a')).toEqual({
      kind: 'proxy',
      proxyPath: '/2016-08-15/proxy/svc.prod/fn/a',
      function: { service: 'svc', functionName: 'fn', qualifier: 'prod' },
    });
    expect(at('http://gw.example.com/fc/2016-08-15/proxy/s/f/').proxyPath).toBe('/2016-08-15/proxy/s/f/');
    expect(at('https://abc.cn-hangzhou.fcapp.run/x').kind).toBe('trigger-domain');
    expect(at('https://ABC.CN-HANGZHOU.FCAPP.RUN/x').kind).toBe('trigger-domain');
    expect(at('http://127.0.0.1:9000/web.fcapp.run/x').kind).toBe('trigger-domain');
    expect(at('http://127.0.0.1:9000/hello', 'web.fcapp.run:80').kind).toBe('trigger-domain');
    // A trigger domain in the Host makes the whole path the function's, /proxy/ included.
    expect(at('http://127.0.0.1:9000/2016-08-15/proxy/s/f/', 'web.fcapp.run').kind).toBe('trigger-domain');
    expect(at('https://api.example.com/v1/items').kind).toBe('custom');
    expect(at('https://fcapp.run.example.com/').kind).toBe('custom');
  });

  it('reads the account of an account host only', () => {
    expect(accountOfHost('1234567890.cn-hangzhou.fc.aliyuncs.com')).toBe('1234567890');
    expect(accountOfHost('1234567890.cn-hangzhou-internal.fc.aliyuncs.com')).toBe('1234567890');
    expect(accountOfHost('x.cn-hangzhou.fcapp.run')).toBeUndefined();
    expect(accountOfHost('127.0.0.1')).toBeUndefined();
  });
});

describe('queries', () => {
  it('encodes --query pieces and appends them after the target query', () => {
    expect(encodeQueryArg('q=a b&c')).toBe('q=a%20b%26c');
    expect(encodeQueryArg('flag')).toBe('flag');
    expect(encodeQueryArg('k=')).toBe('k=');
    expect(encodeQueryArg(['a=b', 'x+y'])).toBe('a%3Db=x%2By');
    expect(usage(() => encodeQueryArg('=v'))).toBe('invalid query parameter "=v": write it as name=value');
    expect(appendQuery('', [])).toBe('');
    expect(appendQuery('a=1', ['b=2', 'c'])).toBe('a=1&b=2&c');
  });

  it('reads entries as the receiving side does: + a space, %XX decoded, a bad escape kept', () => {
    expect(parseQueryEntries('y=b&x=a+b&y=a&flag&e=&bad=%ZZ')).toEqual([
      { key: 'y', value: 'b' },
      { key: 'x', value: 'a b' },
      { key: 'y', value: 'a' },
      { key: 'flag', value: undefined },
      { key: 'e', value: '' },
      { key: 'bad', value: '%ZZ' },
    ]);
  });

  it('signs FC 2.0 lines sorted and raw, a bare key bare; ACS3 a map with the last of a repeated key', () => {
    expect(canonicalQueryLines(parseQueryEntries('y=b&x=%E4%B8%AD&y=a&flag&e='))).toBe('e=\nflag\nx=中\ny=a\ny=b');
    expect(canonicalQueryLines([])).toBe('');
    expect(acs3QueryMap('y=b&y=a&flag&s=a+b')).toEqual({ y: 'a', flag: '', s: 'a b' });
  });
});

describe('-H for http', () => {
  it('takes any header, lower-cases names, joins a repeated one', () => {
    expect(parseHttpHeaderArgs(['Content-Type: application/json', 'X-Tag: a', 'x-tag:b', 'Cookie: a=1', 'cookie: b=2', 'Host: web.fcapp.run', 'X-Empty:'], 'function')).toEqual({
      'content-type': 'application/json',
      'x-tag': 'a, b',
      cookie: 'a=1; b=2',
      host: 'web.fcapp.run',
      'x-empty': '',
    });
  });

  it.each([
    ['Content-Length: 3', 'function', 'header content-length is set by fcinvoke from the body it sends'],
    ['Transfer-Encoding: chunked', 'anonymous', 'header transfer-encoding is set by fcinvoke from the body it sends'],
    ['Connection: close', 'anonymous', 'header connection is set by fcinvoke for its own connection'],
    ['X-Fc-Invocation-Type: Async', 'anonymous', 'header x-fc-invocation-type is set by fcinvoke from --async'],
    ['X-Fc-Log-Type: None', 'function', 'header x-fc-log-type is set by fcinvoke from --no-logs'],
    ['Authorization: Bearer x', 'function', 'header authorization is set by fcinvoke for the signature: give --auth anonymous to send one of your own'],
    ['Date: now', 'function', 'header date is set by fcinvoke for the signature'],
    ['X-Acs-Date: now', 'function', 'header x-acs-date is set by fcinvoke for the signature'],
    ['X-Fc-Account-Id: 1', 'function', 'header x-fc-account-id is set by fcinvoke for the signature, from --account-id'],
    ['X-Fc-Security-Token: t', 'function', 'header x-fc-security-token is set by fcinvoke for the signature, from the credential settings'],
    ['no colon', 'function', 'invalid header "no colon": write it as "Name: value"'],
    ['Bad Name: x', 'function', 'invalid header name "bad name": use letters, digits and "-"'],
    ['X-A: line\nbreak', 'function', 'invalid value for header x-a: use printable ASCII only (no line breaks)'],
  ] as const)('refuses %j with --auth %s', (arg, auth, message) => {
    expect(usage(() => parseHttpHeaderArgs([arg], auth))).toBe(message);
  });

  it('lets an anonymous call send its own Authorization and Date', () => {
    expect(parseHttpHeaderArgs(['Authorization: Bearer abc', 'Date: x'], 'anonymous')).toEqual({ authorization: 'Bearer abc', date: 'x' });
  });
});

const base: TriggerPlanInput = { target: 'demo/web', hasBody: false, headers: [], queries: [], async: false };

describe('planTrigger', () => {
  it.each([
    [{}, 'GET'],
    [{ hasBody: true }, 'POST'],
    [{ method: 'delete' }, 'DELETE'],
    [{ method: 'GET', hasBody: true }, 'GET'],
    [{ method: 'options' }, 'OPTIONS'],
  ])('method for %j is %s', (given, method) => {
    expect(planTrigger({ ...base, ...given }).method).toBe(method);
  });

  it.each([
    [{ method: 'PROPFIND' }, 'invalid -X/--request "PROPFIND": use GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS'],
    [{ auth: 'jwt' }, 'invalid --auth "jwt": use function, anonymous'],
    [{ sign: 'v4' }, 'invalid --sign "v4": use fc, acs3'],
    [{ sign: 'fc', auth: 'anonymous' }, '--sign chooses the signature, and --auth anonymous sends none: give one of them'],
  ])('refuses %j', (given, message) => {
    expect(usage(() => planTrigger({ ...base, ...given }))).toBe(message);
  });
});

describe('resolveTriggerSpec', () => {
  const resolve = (input: Partial<TriggerPlanInput>, settings: Partial<Parameters<typeof resolveTriggerSpec>[1]> = {}) =>
    resolveTriggerSpec(planTrigger({ ...base, ...input }), { baseUrl: 'http://127.0.0.1:9000', logs: true, ...settings });

  it('builds the /proxy/ URL of the short form on the endpoint, with the configured qualifier when it names none', () => {
    expect(resolve({}).url).toBe('http://127.0.0.1:9000/2016-08-15/proxy/demo/web/');
    expect(resolve({ target: 'demo/web/a b?x=1', queries: ['y=2'] }).url).toBe('http://127.0.0.1:9000/2016-08-15/proxy/demo/web/a%20b?x=1&y=2');
    expect(resolve({}, { qualifier: 'prod' }).url).toBe('http://127.0.0.1:9000/2016-08-15/proxy/demo.prod/web/');
    expect(resolve({ target: 'demo.1/web' }, { qualifier: 'prod' }).url).toBe('http://127.0.0.1:9000/2016-08-15/proxy/demo.1/web/');
    expect(resolve({ target: 'demo/web' }, { baseUrl: 'https://gw.example.com/base' }).url).toBe('https://gw.example.com/base/2016-08-15/proxy/demo/web/');
  });

  it('chooses the signature by the address and the API version, unless --sign says', () => {
    expect(resolve({}).scheme).toBe('fc');
    expect(resolve({ target: 'https://x.cn-hangzhou.fcapp.run/' }).scheme).toBe('acs3');
    expect(resolve({ target: 'https://x.cn-hangzhou.fcapp.run/' }, { apiVersion: '2016-08-15' }).scheme).toBe('fc');
    expect(resolve({ target: 'http://127.0.0.1:9000/web.fcapp.run/' }).scheme).toBe('acs3');
    expect(resolve({ target: 'http://127.0.0.1:9000/hi', headers: ['Host: web.fcapp.run'] }).scheme).toBe('acs3');
    expect(resolve({ target: 'https://api.example.com/' }).scheme).toBe('fc');
    expect(resolve({ target: 'https://api.example.com/' }, { apiVersion: '2023-03-30' }).scheme).toBe('acs3');
    expect(resolve({ target: 'https://x.fcapp.run/', sign: 'fc' }).scheme).toBe('fc');
    expect(defaultScheme('proxy', '2023-03-30')).toBe('fc');
  });

  it('refuses the FC 2.0 short form under API 2023-03-30', () => {
    expect(usage(() => resolve({}, { apiVersion: '2023-03-30' }))).toContain('give the FC 3.0 trigger URL');
  });
});
