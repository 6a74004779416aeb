import { describe, expect, it } from 'vitest';
import { buildBaseUrl } from '../../../src/fc/endpoint.js';
import { invocationPath, statefulAsyncPath } from '../../../src/fc/v2016/paths.js';

describe('buildBaseUrl', () => {
  it('builds the public and internal hosts', () => {
    expect(buildBaseUrl({ accountId: '123', region: 'cn-hangzhou' })).toBe('https://123.cn-hangzhou.fc.aliyuncs.com');
    expect(buildBaseUrl({ accountId: '123', region: 'cn-hangzhou', internal: true })).toBe(
      'https://123.cn-hangzhou-internal.fc.aliyuncs.com',
    );
  });
  it('lets an endpoint replace the whole base URL, without a trailing slash', () => {
    expect(buildBaseUrl({ endpoint: 'http://127.0.0.1:9000/', accountId: '1', region: 'r' })).toBe('http://127.0.0.1:9000');
    expect(buildBaseUrl({ endpoint: 'https://proxy.example.test/fc/' })).toBe('https://proxy.example.test/fc');
  });
  it('names what is missing', () => {
    expect(() => buildBaseUrl({ region: 'cn-hangzhou' })).toThrow(/no account ID to build the endpoint/);
    expect(() => buildBaseUrl({})).toThrow(/no account ID and no region/);
  });
  it('rejects endpoints that are not http(s) URLs', () => {
    expect(() => buildBaseUrl({ endpoint: 'localhost:9000' })).toThrow(/scheme must be http or https|invalid endpoint/);
    expect(() => buildBaseUrl({ endpoint: 'not a url' })).toThrow(/invalid endpoint/);
  });
});

describe('paths', () => {
  it('joins the qualifier with a dot', () => {
    expect(invocationPath({ service: 's', functionName: 'f', qualifier: undefined })).toBe(
      '/2016-08-15/services/s/functions/f/invocations',
    );
    expect(invocationPath({ service: 's', functionName: 'f', qualifier: 'LATEST' })).toBe(
      '/2016-08-15/services/s.LATEST/functions/f/invocations',
    );
    expect(statefulAsyncPath({ service: 's', functionName: 'f', qualifier: 'prod' }, 'id1')).toBe(
      '/2016-08-15/services/s.prod/functions/f/stateful-async-invocations/id1',
    );
  });
});
