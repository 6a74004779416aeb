import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildStringToSign } from '../../../src/fc/v2016/sign.js';
import { buildEventQueryParameters, buildHandlerQueries, buildTriggerResources, parseQueryEntries } from '../../../src/emulator/trigger-query.js';

describe('parseQueryEntries', () => {
  it('decodes keys and values, + as a space, and tells a bare key from an empty value', () => {
    expect(parseQueryEntries('a=1&a=2&b=&c&d=x+y&e=%E4%B8%AD&&f=a=b')).toEqual([
      { key: 'a', value: '1' },
      { key: 'a', value: '2' },
      { key: 'b', value: '' },
      { key: 'c', value: undefined },
      { key: 'd', value: 'x y' },
      { key: 'e', value: '中' },
      { key: 'f', value: 'a=b' },
    ]);
    expect(parseQueryEntries('')).toEqual([]);
    expect(parseQueryEntries('bad=%E0%A4%A')).toEqual([{ key: 'bad', value: '%E0%A4%A' }]);
  });
});

describe('the query as functions get it', () => {
  const entries = parseQueryEntries('k=1&k=2&k=3&e=&bare&__proto__=x');

  it('FC 2.0 queries: a string, or the strings of a repeated key in order', () => {
    const queries = buildHandlerQueries(entries);
    expect(queries).toEqual({ k: ['1', '2', '3'], e: '', bare: '', ['__proto__']: 'x' });
    expect(Object.getPrototypeOf(queries)).toBe(Object.prototype);
  });

  it('FC 3.0 queryParameters: repeated values joined with a comma', () => {
    expect(buildEventQueryParameters(entries)).toEqual({ k: '1,2,3', e: '', bare: '', ['__proto__']: 'x' });
  });
});

describe('buildTriggerResources', () => {
  it('is the path, a newline and the sorted raw lines, both spellings of a bare key, for each path', () => {
    expect(buildTriggerResources(['/p/a%20b', '/p/a b'], parseQueryEntries('y=b&x=1&flag&y=a'))).toEqual([
      '/p/a%20b\nflag=\nx=1\ny=a\ny=b',
      '/p/a%20b\nflag\nx=1\ny=a\ny=b',
      '/p/a b\nflag=\nx=1\ny=a\ny=b',
      '/p/a b\nflag\nx=1\ny=a\ny=b',
    ]);
  });

  it('ends in a newline without a query (fc-go-sdk issue 32)', () => {
    expect(buildTriggerResources(['/hello'], [])).toEqual(['/hello\n']);
  });

  it('rebuilds the string to sign of every FC 2.0 vector of the protocol notes', () => {
    const vectors = JSON.parse(readFileSync(new URL('../../fixtures/fc2-trigger-signatures.json', import.meta.url), 'utf8')) as {
      cases: { request: { method: string; url: string; headers: Record<string, string> }; stringToSign: string }[];
    };
    for (const { request, stringToSign } of vectors.cases) {
      const url = new URL(request.url, 'http://x');
      const [resource] = buildTriggerResources([url.pathname], parseQueryEntries(url.search.slice(1)));
      expect(buildStringToSign({ method: request.method, path: '', headers: request.headers }) + resource).toBe(stringToSign);
    }
  });
});
