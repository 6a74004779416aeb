import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACS3_MAX_CLOCK_SKEW_MS, verifyAcs3Request, type Acs3AuthInput } from '../../../src/emulator/acs3-auth.js';
import { NonceCache } from '../../../src/emulator/acs3-nonce-cache.js';
import { EMULATOR_KEYS } from '../../../src/emulator/defaults.js';
import { buildAcs3Headers, buildTriggerAcs3Headers } from '../../../src/fc/v2023/headers.js';
import { parseQueryString } from '../../../src/fc/v2023/query.js';
import { EMPTY_SHA256, sha256Hex, signAcs3 } from '../../../src/fc/v2023/sign.js';

interface VectorRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  bodyBase64?: string;
  body?: string;
}

function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

const sdk = readFixture<{
  fixedInputs: { accessKeyId: string; accessKeySecret: string; date: string; sts: { accessKeyId: string; accessKeySecret: string; securityToken: string } };
  cases: { name: string; request: VectorRequest }[];
}>('fc3-signatures.json');
// These fixtures keep the Authorization beside the request headers, as the signer's output.
const withAuthorization = (c: { name: string; request: VectorRequest; authorization: string }): [string, VectorRequest] => [
  c.name,
  { ...c.request, headers: { ...c.request.headers, authorization: c.authorization } },
];
type DocFixture = { cases: { name: string; request: VectorRequest; authorization: string }[] };
const doc = readFixture<DocFixture>('fc3-doc-signatures.json');
const trigger = readFixture<DocFixture & { fixedInputs: { date: string } }>('fc3-trigger-signatures.json');

const [AK, STS] = EMULATOR_KEYS as [(typeof EMULATOR_KEYS)[0], (typeof EMULATOR_KEYS)[0]];
const NOW = new Date('2024-01-15T08:00:00Z');
const PATH = '/2023-03-30/functions/my-func/invocations';
const BODY = '{"id":42}';

function fromVector(request: VectorRequest, body: Buffer | string, now: Date, keys: Acs3AuthInput['keys']): Acs3AuthInput {
  const q = request.url.indexOf('?');
  return {
    method: request.method,
    pathname: q < 0 ? request.url : request.url.slice(0, q),
    query: q < 0 ? {} : parseQueryString(request.url.slice(q + 1)),
    headers: request.headers,
    bodySha256: sha256Hex(body),
    keys,
    now,
    nonces: new NonceCache(),
  };
}

let nonceCounter = 0;

/** A request to the emulator as fcinvoke's FC 3.0 builder signs it. */
function signed(over: { key?: typeof AK; secret?: string; date?: Date; query?: Record<string, string>; nonce?: string; body?: string } = {}): Acs3AuthInput {
  const key = over.key ?? AK;
  const query = over.query ?? { qualifier: 'prod' };
  const body = over.body ?? BODY;
  const headers = buildAcs3Headers({
    method: 'POST',
    pathname: PATH,
    query,
    host: '127.0.0.1:9000',
    action: 'InvokeFunction',
    date: over.date ?? NOW,
    nonce: over.nonce ?? `nonce-${++nonceCounter}`,
    contentType: 'application/octet-stream',
    bodyHash: sha256Hex(body),
    credentials: { ...key, accessKeySecret: over.secret ?? key.accessKeySecret },
    headers: { 'x-fc-invocation-type': 'Sync', 'user-agent': 'fcinvoke-test' },
  });
  return { method: 'POST', pathname: PATH, query, headers, bodySha256: sha256Hex(body), keys: EMULATOR_KEYS, now: NOW, nonces: new NonceCache() };
}

/** The same request with its headers changed and signed again over the given list. */
function resigned(input: Acs3AuthInput, headers: Record<string, string>, signedHeaders?: string[], key = AK): Acs3AuthInput {
  const payloadHash = headers['x-acs-content-sha256'] ?? '';
  const { authorization: _, ...rest } = headers;
  const authorization = signAcs3({ ...input, headers: rest, payloadHash, signedHeaders }, key.accessKeyId, key.accessKeySecret).authorization;
  return { ...input, headers: { ...rest, authorization } };
}

function outcome(input: Acs3AuthInput): string {
  const result = verifyAcs3Request(input);
  return result.ok ? 'OK' : `${result.error.status} ${result.error.code}`;
}

function messageOf(input: Acs3AuthInput): string {
  const result = verifyAcs3Request(input);
  if (result.ok) throw new Error('expected a refusal');
  return result.error.message;
}

describe('verifyAcs3Request: the official SDK requests', () => {
  const { fixedInputs } = sdk;
  const keys = [{ accessKeyId: fixedInputs.accessKeyId, accessKeySecret: fixedInputs.accessKeySecret }, fixedInputs.sts];

  it.each(sdk.cases.map((c) => [c.name, c.request] as const))('accepts %s at the vector date', (_name, request) => {
    const result = verifyAcs3Request(fromVector(request, Buffer.from(request.bodyBase64 ?? '', 'base64'), new Date(fixedInputs.date), keys));
    const credential = request.headers['x-acs-security-token'] ? fixedInputs.sts : keys[0];
    expect(result).toEqual({ ok: true, key: credential });
  });

  it.each(doc.cases.map(withAuthorization))('accepts the documented %s', (_name, request) => {
    const docKeys = [{ accessKeyId: 'testAK', accessKeySecret: 'testSecret', securityToken: request.headers['x-acs-security-token'] }];
    expect(outcome(fromVector(request, request.body ?? '', new Date('2024-01-02T03:04:05Z'), docKeys))).toBe('OK');
  });

  it.each(trigger.cases.map(withAuthorization))('accepts the HTTP-trigger request %s as a trigger request', (_name, request) => {
    const token = request.headers['x-acs-security-token'];
    const triggerKeys = [{ accessKeyId: 'testAK', accessKeySecret: 'testSecret', securityToken: token === '' ? undefined : token }];
    const input = { ...fromVector(request, 'any body: not signed', new Date(trigger.fixedInputs.date), triggerKeys), variant: 'trigger' as const };
    expect(outcome(input)).toBe('OK');
    expect(outcome({ ...input, variant: 'api' })).toMatch(/^400 (InvalidArgument|MissingRequiredHeader)$/);
  });
});

describe('verifyAcs3Request: refusals', () => {
  it('accepts the request fcinvoke signs, AccessKey pair and STS', () => {
    expect(verifyAcs3Request(signed())).toEqual({ ok: true, key: AK });
    expect(verifyAcs3Request(signed({ key: STS }))).toEqual({ ok: true, key: STS });
  });

  it('refuses a wrong secret', () => {
    expect(outcome(signed({ secret: 'wrong-fake-secret' }))).toBe('403 SignatureNotMatch');
  });

  it('refuses a replayed nonce, but a refused request does not use its nonce up', () => {
    const input = signed({ nonce: 'replayed' });
    const nonces = new NonceCache();
    expect(outcome({ ...signed({ nonce: 'replayed', secret: 'wrong-fake-secret' }), nonces })).toBe('403 SignatureNotMatch');
    expect(outcome({ ...input, nonces })).toBe('OK');
    expect(outcome({ ...input, nonces, now: new Date(NOW.getTime() + ACS3_MAX_CLOCK_SKEW_MS) })).toBe('400 SignatureNonceUsed');
    expect(outcome({ ...signed({ nonce: 'fresh' }), nonces })).toBe('OK');
  });

  it.each([
    ['exactly 15 minutes behind', -ACS3_MAX_CLOCK_SKEW_MS, 'OK'],
    ['exactly 15 minutes ahead', ACS3_MAX_CLOCK_SKEW_MS, 'OK'],
    ['15 minutes and 1 second behind', -ACS3_MAX_CLOCK_SKEW_MS - 1000, '403 RequestTimeTooSkewed'],
    ['15 minutes and 1 second ahead', ACS3_MAX_CLOCK_SKEW_MS + 1000, '403 RequestTimeTooSkewed'],
  ])('a date %s', (_label, offset, expected) => {
    expect(outcome(signed({ date: new Date(NOW.getTime() + offset) }))).toBe(expected);
  });

  it('says the server time for a stale date', () => {
    expect(messageOf(signed({ date: new Date('2024-01-15T07:00:00Z') }))).toBe(
      "the difference between the request time '2024-01-15T07:00:00Z' and the current time '2024-01-15T08:00:00Z' is too large (more than 15 minutes)",
    );
  });

  it('refuses a body other than the one hashed', () => {
    expect(outcome({ ...signed(), bodySha256: sha256Hex('{"id":43}') })).toBe('400 InvalidArgument');
    expect(messageOf({ ...signed(), bodySha256: EMPTY_SHA256 })).toContain('x-acs-content-sha256');
  });

  it('refuses a changed query', () => {
    expect(outcome({ ...signed(), query: { qualifier: 'LATEST' } })).toBe('403 SignatureNotMatch');
    expect(outcome({ ...signed(), query: {} })).toBe('403 SignatureNotMatch');
    expect(outcome({ ...signed(), query: { qualifier: 'prod', extra: '1' } })).toBe('403 SignatureNotMatch');
  });

  it('refuses a changed path, method or signed header', () => {
    const input = signed();
    expect(outcome({ ...input, pathname: '/2023-03-30/functions/other/invocations' })).toBe('403 SignatureNotMatch');
    expect(outcome({ ...input, method: 'PUT' })).toBe('403 SignatureNotMatch');
    expect(outcome({ ...input, headers: { ...input.headers, 'x-acs-action': 'StopAsyncTask' } })).toBe('403 SignatureNotMatch');
    expect(outcome({ ...input, headers: { ...input.headers, 'x-fc-invocation-type': 'Async' } })).toBe('OK');
  });

  it('refuses an unsigned host', () => {
    const input = signed();
    const list = ['content-type', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-credentials-provider', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];
    const unsignedHost = resigned(input, input.headers, list);
    expect(outcome(unsignedHost)).toBe('400 InvalidArgument');
    expect(messageOf(unsignedHost)).toBe('SignedHeaders must include host');
  });

  it('refuses an STS key with a wrong or missing token', () => {
    const input = signed({ key: STS });
    expect(outcome(resigned(input, { ...input.headers, 'x-acs-security-token': 'wrong-fake-token' }, undefined, STS))).toBe('403 InvalidSecurityToken');
    const { 'x-acs-security-token': _, ...noToken } = input.headers;
    expect(outcome(resigned(input, noToken, undefined, STS))).toBe('403 InvalidSecurityToken');
    expect(messageOf(resigned(input, noToken, undefined, STS))).toContain('x-acs-security-token');
  });

  it('checks in order: Authorization, date, signed list, nonce, body hash, key, signature', () => {
    const input = signed();
    const { authorization: _, ...noAuth } = input.headers;
    expect(outcome({ ...input, headers: noAuth })).toBe('400 MissingRequiredHeader');
    expect(messageOf({ ...input, headers: noAuth })).toBe('required HTTP header Authorization was not specified');
    expect(outcome({ ...input, headers: { ...input.headers, authorization: 'FC emulator-fake-key-id:c2ln' } })).toBe('400 InvalidArgument');
    expect(messageOf({ ...input, headers: { authorization: 'x' } })).toContain('the Authorization header must have the form');

    const { 'x-acs-date': __, ...noDate } = input.headers;
    expect(messageOf({ ...input, headers: noDate })).toBe('required HTTP header x-acs-date was not specified');
    for (const date of ['2024-01-15T08:00:00+08:00', 'Mon, 15 Jan 2024 08:00:00 GMT']) {
      expect(outcome({ ...input, headers: { ...input.headers, 'x-acs-date': date } })).toBe('400 InvalidArgument');
      expect(messageOf({ ...input, headers: { ...input.headers, 'x-acs-date': date } })).toContain("such as '2024-01-15T08:00:00Z'");
    }

    const { 'x-acs-signature-nonce': ___, ...noNonce } = input.headers;
    expect(messageOf(resigned(input, noNonce))).toBe('required HTTP header x-acs-signature-nonce was not specified');
    const { 'x-acs-content-sha256': ____, ...noHash } = input.headers;
    expect(messageOf(resigned(input, noHash))).toBe('required HTTP header x-acs-content-sha256 was not specified');

    const unknown = resigned(input, input.headers, undefined, { accessKeyId: 'unknown-fake-id', accessKeySecret: 'x' });
    expect(outcome(unknown)).toBe('403 InvalidAccessKeyId');
    expect(messageOf(unknown)).toBe("invalid access key ID 'unknown-fake-id'");
    expect(outcome({ ...unknown, bodySha256: EMPTY_SHA256 })).toBe('400 InvalidArgument');
  });

  it('refuses a SignedHeaders list that is unsorted, names an absent header, or leaves out a common header', () => {
    const input = signed();
    const sortedList = ['content-type', 'host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-credentials-provider', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];
    const unsorted = input.headers['authorization']!.replace('content-type;host', 'host;content-type');
    expect(messageOf({ ...input, headers: { ...input.headers, authorization: unsorted } })).toBe('SignedHeaders must list lower-case header names, sorted, each once');
    expect(messageOf(resigned(input, input.headers, [...sortedList, 'x-acs-zzz']))).toBe("SignedHeaders lists 'x-acs-zzz', which the request does not carry");
    expect(messageOf(resigned(input, input.headers, sortedList.filter((n) => n !== 'x-acs-signature-nonce')))).toBe(
      'the request sends x-acs-signature-nonce but does not sign it: add it to SignedHeaders',
    );
    expect(outcome(resigned(input, input.headers, sortedList.filter((n) => n !== 'x-acs-credentials-provider')))).toBe('OK');
  });

  it('refuses an x-acs-accesskey-id that is not the Credential', () => {
    const input = signed({ key: STS });
    expect(outcome(resigned(input, { ...input.headers, 'x-acs-accesskey-id': AK.accessKeyId }, undefined, STS))).toBe('400 InvalidArgument');
  });

  it('never puts a secret, token or signature in a message', () => {
    const base = signed({ key: STS });
    const signature = /Signature=([0-9a-f]+)/.exec(base.headers['authorization']!)![1]!;
    const refusals = [
      signed({ key: STS, secret: 'wrong-fake-secret' }),
      resigned(base, { ...base.headers, 'x-acs-security-token': 'wrong-fake-token' }, undefined, STS),
      { ...base, bodySha256: EMPTY_SHA256 },
      { ...base, now: new Date(NOW.getTime() + 3_600_000) },
    ];
    for (const input of refusals) {
      const message = messageOf(input);
      for (const secret of [STS.accessKeySecret, STS.securityToken!, 'wrong-fake-token', signature]) expect(message).not.toContain(secret);
    }
  });
});

describe('verifyAcs3Request: the HTTP-trigger variant', () => {
  function triggerRequest(key = AK, headers: Record<string, string> = {}): Acs3AuthInput {
    const query = { foo: 'bar' };
    const sent = buildTriggerAcs3Headers({ method: 'POST', pathname: '/hello', query, date: NOW, credentials: key, headers: { host: 'x.localhost:9000', ...headers } });
    return { method: 'POST', pathname: '/hello', query, headers: sent, bodySha256: sha256Hex('anything'), keys: EMULATOR_KEYS, now: NOW, nonces: new NonceCache(), variant: 'trigger' };
  }

  it('accepts an unsigned host and body, with or without STS', () => {
    expect(outcome(triggerRequest())).toBe('OK');
    expect(outcome({ ...triggerRequest(STS), bodySha256: EMPTY_SHA256 })).toBe('OK');
  });

  it('refuses a wrong token, a changed query and a stale date', () => {
    const sts = triggerRequest(STS);
    expect(outcome(resigned(sts, { ...sts.headers, 'x-acs-security-token': 'wrong-fake-token' }, ['x-acs-date', 'x-acs-security-token'], STS))).toBe(
      '403 InvalidSecurityToken',
    );
    expect(outcome({ ...triggerRequest(), query: { foo: 'baz' } })).toBe('403 SignatureNotMatch');
    expect(outcome({ ...triggerRequest(), now: new Date(NOW.getTime() + ACS3_MAX_CLOCK_SKEW_MS + 1000) })).toBe('403 RequestTimeTooSkewed');
    const input = triggerRequest();
    expect(outcome(resigned(input, input.headers, ['x-acs-date']))).toBe('400 InvalidArgument');
  });

  it('checks a nonce only when it is signed', () => {
    const nonces = new NonceCache();
    const unsigned = { ...triggerRequest(AK, { 'x-acs-signature-nonce': 'n' }), nonces };
    expect(outcome(unsigned)).toBe('OK');
    expect(outcome(unsigned)).toBe('OK');
    const withNonce = resigned(unsigned, unsigned.headers, ['x-acs-date', 'x-acs-security-token', 'x-acs-signature-nonce']);
    expect(outcome(withNonce)).toBe('OK');
    expect(outcome(withNonce)).toBe('400 SignatureNonceUsed');
  });
});
