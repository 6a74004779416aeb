// Every signature vector of the protocol notes (http-triggers.md §1.3-§1.5, §3), reproduced by
// the request builder of `fcinvoke http`, stage by stage.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFcTriggerResource, buildFcTriggerStringToSign } from '../../../src/fc/http-trigger/sign.js';
import { buildTriggerRequest, type TriggerRequestSpec } from '../../../src/fc/http-trigger/request.js';
import { describeAddress } from '../../../src/fc/http-trigger/target.js';
import { computeSignature } from '../../../src/fc/v2016/sign.js';
import { buildCanonicalRequest, buildStringToSign, sha256Hex, signAcs3 } from '../../../src/fc/v2023/sign.js';
import { acs3QueryMap } from '../../../src/fc/http-trigger/query.js';

interface Case {
  name: string;
  request: { method: string; url: string; headers: Record<string, string> };
  stringToSign?: string;
  signedHeaders?: string[];
  authorization: string;
}

function readFixture(name: string): { fixedInputs: Record<string, string>; cases: Case[] } {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')) as { fixedInputs: Record<string, string>; cases: Case[] };
}

const fc2 = readFixture('fc2-trigger-signatures.json');
const fc3 = readFixture('fc3-trigger-signatures.json');

function spec(url: string, method: string, scheme: 'fc' | 'acs3', headers: Record<string, string> = {}): TriggerRequestSpec {
  const parsed = new URL(url);
  return {
    method: method as TriggerRequestSpec['method'],
    url,
    address: describeAddress(parsed),
    auth: 'function',
    scheme,
    headers,
    async: false,
    logs: false,
    contentLength: 0,
  };
}

describe('FC 2.0 scheme: the fc2 trigger vectors', () => {
  const { accessKeyId = '', accessKeySecret = '', date = '', accountId } = fc2.fixedInputs;
  const credentials = { accessKeyId, accessKeySecret };
  const hosts: Record<string, string> = {
    'proxy-get-sorted-queries': 'https://1234567890.cn-hangzhou.fc.aliyuncs.com',
    'proxy-post-no-query': 'http://127.0.0.1:9000',
    'trigger-domain-bare-path': 'https://x.cn-hangzhou.fcapp.run',
  };

  it('has the three cases', () => expect(fc2.cases.map((c) => c.name)).toEqual(Object.keys(hosts)));

  it.each(fc2.cases.map((c) => [c.name, c] as const))('%s: resource, string to sign, Authorization', (name, vector) => {
    const { method, url, headers } = vector.request;
    const full = new URL(url, hosts[name]);
    const resource = buildFcTriggerResource(full.pathname, full.search.slice(1));
    expect(`${buildFcTriggerStringToSign(method, headers, resource)}`).toBe(vector.stringToSign);
    expect(`FC ${accessKeyId}:${computeSignature(vector.stringToSign ?? '', accessKeySecret)}`).toBe(vector.authorization);

    // The builder, given the caller's headers (content-type, capitalised or not, and the log
    // type it sets itself), signs exactly what it sends.
    const caller: Record<string, string> = {};
    if (headers['content-type']) caller['content-type'] = headers['content-type'];
    const built = buildTriggerRequest(
      { ...spec(full.href, method, 'fc', caller), logs: headers['x-fc-log-type'] === 'Tail' },
      { credentials, accountId },
      'fcinvoke/test',
      { date: new Date(date), nonce: 'n' },
    );
    expect(built.headers.date).toBe(date);
    expect(built.headers['x-fc-account-id']).toBe(accountId);
    expect(built.url).toBe(full.href);
    if (headers['x-fc-invocation-type']) expect(built.headers.authorization).toBe(vector.authorization);
    else {
      // The builder always says Sync, which the first and third vectors do not sign: add it.
      const withType = buildFcTriggerStringToSign(method, built.headers, resource);
      expect(withType).toContain('x-fc-invocation-type:Sync\n');
      expect(built.headers.authorization).toBe(`FC ${accessKeyId}:${computeSignature(withType, accessKeySecret)}`);
      expect(withType.replace('x-fc-invocation-type:Sync\n', '')).toBe(vector.stringToSign);
    }
  });

  it('reads a Content-Type of any case as sent, and signs the bare path of a custom domain with its sorted queries', () => {
    const resource = buildFcTriggerResource('/api/%E4%B8%AD', 'b=2&a=1&a=0&flag');
    expect(resource).toBe('/api/中\na=0\na=1\nb=2\nflag');
    const text = buildFcTriggerStringToSign('POST', { 'Content-Type': 'application/json', date: date }, resource);
    expect(text).toBe(`POST\n\napplication/json\n${date}\n${resource}`);
  });

  it('the signed URL vector of fc-go-sdk TestSignURL: the expiry in the Date line, the auth queries in the resource', () => {
    const search = 'x-fc-access-key-id=akid&x-fc-expires=1583339600&x-fc-security-token=stsToken';
    const resource = buildFcTriggerResource('/2016-08-15/proxy/service/func/', search);
    const text = buildFcTriggerStringToSign('GET', { date: '1583339600' }, resource);
    expect(text).toBe('GET\n\n\n1583339600\n/2016-08-15/proxy/service/func/\nx-fc-access-key-id=akid\nx-fc-expires=1583339600\nx-fc-security-token=stsToken');
    expect(computeSignature(text, 'akSec')).toBe('Yi0jCBQ6cTZc+tN8wtYUz9FbYNijx5jDiE3sVNW6XwA=');
    const without = buildFcTriggerStringToSign('GET', { date: '1583339600' }, buildFcTriggerResource('/2016-08-15/proxy/service/func/', 'x-fc-access-key-id=akid&x-fc-expires=1583339600'));
    expect(computeSignature(without, 'akSec')).toBe('6Rc4KxEAv3+lHpbNQWceIUqWVWq3ewxhadlJBRzZ0XQ=');
  });
});

describe('ACS3 trigger variant: the fc3 trigger vectors', () => {
  const { accessKeyId = '', accessKeySecret = '', date = '' } = fc3.fixedInputs;
  const canonical: Record<string, string> = {
    'post-with-query': 'POST\n/hello\nfoo=bar\nx-acs-date:2024-01-02T03:04:05Z\nx-acs-security-token:\n\nx-acs-date;x-acs-security-token\n',
    'get-root': 'GET\n/\n\nx-acs-date:2024-01-02T03:04:05Z\nx-acs-security-token:\n\nx-acs-date;x-acs-security-token\n',
    'host-and-content-type-signed':
      'POST\n/hello\nfoo=bar\ncontent-type:application/json\nhost:x.cn-hangzhou.fcapp.run\nx-acs-date:2024-01-02T03:04:05Z\nx-acs-security-token:STS-TOKEN\n\ncontent-type;host;x-acs-date;x-acs-security-token\n',
  };

  it.each(fc3.cases.map((c) => [c.name, c] as const))('%s: canonical request, string to sign, signature', (name, vector) => {
    const { method, url, headers } = vector.request;
    const full = new URL(url, 'https://x.cn-hangzhou.fcapp.run');
    const input = { method, pathname: full.pathname, query: acs3QueryMap(full.search.slice(1)), headers, payloadHash: '', signedHeaders: vector.signedHeaders };
    const { canonicalRequest } = buildCanonicalRequest(input);
    expect(canonicalRequest).toBe(canonical[name]);
    expect(buildStringToSign(canonicalRequest)).toBe(`ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`);
    expect(signAcs3(input, accessKeyId, accessKeySecret).authorization).toBe(vector.authorization);
  });

  it.each(fc3.cases.filter((c) => c.name !== 'host-and-content-type-signed').map((c) => [c.name, c] as const))(
    '%s: the builder sends what the vector signs, host and the rest unsigned',
    (_name, vector) => {
      const full = new URL(vector.request.url, 'https://x.cn-hangzhou.fcapp.run');
      const built = buildTriggerRequest(spec(full.href, vector.request.method, 'acs3'), { credentials: { accessKeyId, accessKeySecret } }, 'fcinvoke/test', {
        date: new Date(date),
        nonce: 'n',
      });
      expect(built.headers['x-acs-date']).toBe(date);
      expect(built.headers['x-acs-security-token']).toBe('');
      expect(built.headers.authorization).toBe(vector.authorization);
      expect(built.headers['x-fc-account-id']).toBeUndefined();
      expect(built.headers['x-acs-content-sha256']).toBeUndefined();
    },
  );
});
