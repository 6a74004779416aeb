import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_SKEW_MS, parseAuthorization, parseHttpDate, sanitizeForEcho, verifyRequest, type AuthInput } from '../../../src/emulator/auth.js';
import { EMULATOR_ACCOUNT_ID, EMULATOR_KEYS } from '../../../src/emulator/defaults.js';
import { buildAuthorization } from '../../../src/fc/v2016/sign.js';

const NOW = new Date('2024-01-15T08:00:00Z');
const PATH = '/2016-08-15/services/demo/functions/hello/invocations';
const [AK, STS] = EMULATOR_KEYS as [(typeof EMULATOR_KEYS)[0], (typeof EMULATOR_KEYS)[0]];

function signed(overrides: { headers?: Record<string, string>; key?: typeof AK; secret?: string; path?: string; date?: Date } = {}): AuthInput {
  const key = overrides.key ?? AK;
  const headers: Record<string, string> = {
    date: (overrides.date ?? NOW).toUTCString(),
    'content-type': 'application/octet-stream',
    'x-fc-account-id': EMULATOR_ACCOUNT_ID,
    ...(key.securityToken ? { 'x-fc-security-token': key.securityToken } : {}),
    ...overrides.headers,
  };
  headers['authorization'] = buildAuthorization({ method: 'POST', path: overrides.path ?? PATH, headers }, key.accessKeyId, overrides.secret ?? key.accessKeySecret);
  return { method: 'POST', paths: [PATH], headers, keys: EMULATOR_KEYS, accountId: EMULATOR_ACCOUNT_ID, now: NOW };
}

function codeOf(input: AuthInput): string {
  const result = verifyRequest(input);
  return result.ok ? 'OK' : `${result.error.status} ${result.error.code}`;
}

describe('verifyRequest', () => {
  it('accepts a request signed with the AK pair', () => {
    expect(verifyRequest(signed())).toEqual({ ok: true, key: AK });
  });

  it('accepts the STS triple with its token', () => {
    expect(verifyRequest(signed({ key: STS }))).toEqual({ ok: true, key: STS });
  });

  it('accepts a request without x-fc-account-id (py sends none)', () => {
    const input = signed();
    const { ['x-fc-account-id']: _, authorization: __, ...headers } = input.headers;
    const auth = buildAuthorization({ method: 'POST', path: PATH, headers }, AK.accessKeyId, AK.accessKeySecret);
    expect(codeOf({ ...input, headers: { ...headers, authorization: auth } })).toBe('OK');
  });

  it('needs Date and Authorization (400 MissingRequiredHeader), Date first', () => {
    const input = signed();
    const { date: _, ...noDate } = input.headers;
    const { authorization: __, ...noAuth } = input.headers;
    const noDateResult = verifyRequest({ ...input, headers: noDate });
    expect(noDateResult).toMatchObject({ ok: false, error: { status: 400, code: 'MissingRequiredHeader' } });
    expect(!noDateResult.ok && noDateResult.error.message).toContain('Date');
    const noAuthResult = verifyRequest({ ...input, headers: noAuth });
    expect(!noAuthResult.ok && noAuthResult.error.message).toContain('Authorization');
    expect(codeOf({ ...input, headers: { authorization: 'x' } })).toBe('400 MissingRequiredHeader');
  });

  it.each([
    ['exactly 15 minutes behind', -MAX_CLOCK_SKEW_MS, 'OK'],
    ['exactly 15 minutes ahead', MAX_CLOCK_SKEW_MS, 'OK'],
    ['15 minutes and 1 second behind', -MAX_CLOCK_SKEW_MS - 1000, '403 RequestTimeTooSkewed'],
    ['15 minutes and 1 second ahead', MAX_CLOCK_SKEW_MS + 1000, '403 RequestTimeTooSkewed'],
    ['a day behind', -86_400_000, '403 RequestTimeTooSkewed'],
  ])('a Date %s of the server clock: %s', (_label, offset, expected) => {
    expect(codeOf(signed({ date: new Date(NOW.getTime() + offset) }))).toBe(expected);
  });

  it('says the server time when the clock is skewed', () => {
    const result = verifyRequest(signed({ date: new Date(NOW.getTime() - 3_600_000) }));
    expect(!result.ok && result.error.message).toContain(NOW.toUTCString());
  });

  it('rejects an unparsable Date as RequestTimeTooSkewed', () => {
    const input = signed({ headers: { date: '2024-01-15T08:00:00Z' } });
    const result = verifyRequest(input);
    expect(result).toMatchObject({ ok: false, error: { status: 403, code: 'RequestTimeTooSkewed' } });
    expect(!result.ok && result.error.message).toContain('server time');
  });

  it('checks the clock before the key: a skewed request with an unknown key is RequestTimeTooSkewed', () => {
    const input = signed({ key: { accessKeyId: 'nobody', accessKeySecret: 's' }, date: new Date(0) });
    expect(codeOf(input)).toBe('403 RequestTimeTooSkewed');
  });

  it('rejects an unknown AccessKey ID with the service message', () => {
    const result = verifyRequest(signed({ key: { accessKeyId: 'fake-unknown-id', accessKeySecret: 'x' } }));
    expect(result).toEqual({
      ok: false,
      error: { status: 403, code: 'InvalidAccessKeyID', message: "invalid access key ID 'fake-unknown-id'" },
    });
  });

  it('rejects a wrong secret, a changed header and a changed path as SignatureNotMatch', () => {
    expect(codeOf(signed({ secret: 'wrong' }))).toBe('403 SignatureNotMatch');
    const tampered = signed();
    expect(codeOf({ ...tampered, headers: { ...tampered.headers, 'x-fc-log-type': 'Tail' } })).toBe('403 SignatureNotMatch');
    expect(codeOf(signed({ path: '/2016-08-15/services/demo/functions/echo/invocations' }))).toBe('403 SignatureNotMatch');
    const result = verifyRequest(signed({ secret: 'wrong' }));
    expect(!result.ok && result.error.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your access key and signing method.',
    );
  });

  it('signs every x-fc- header: an added unsigned one breaks the signature, a signed one is fine', () => {
    expect(codeOf(signed({ headers: { 'x-fc-log-type': 'Tail', 'x-fc-invocation-type': 'Sync' } }))).toBe('OK');
  });

  it('accepts the percent-decoded path as an alternative resource (go signs the escaped path)', () => {
    const escaped = '/2016-08-15/services/a%2Db/functions/c/invocations';
    const input = signed({ path: '/2016-08-15/services/a-b/functions/c/invocations' });
    expect(codeOf({ ...input, paths: [escaped] })).toBe('403 SignatureNotMatch');
    expect(codeOf({ ...input, paths: [escaped, '/2016-08-15/services/a-b/functions/c/invocations'] })).toBe('OK');
  });

  it('rejects a malformed Authorization header', () => {
    const input = signed();
    expect(codeOf({ ...input, headers: { ...input.headers, authorization: 'Bearer abc' } })).toBe('400 InvalidArgument');
  });

  it('needs the right STS token, after the signature check', () => {
    const input = signed({ key: STS });
    const { ['x-fc-security-token']: _, ...rest } = input.headers;
    const withoutToken: Record<string, string> = { ...rest };
    withoutToken['authorization'] = buildAuthorization({ method: 'POST', path: PATH, headers: withoutToken }, STS.accessKeyId, STS.accessKeySecret);
    expect(codeOf({ ...input, headers: withoutToken })).toBe('403 InvalidSecurityToken');
    expect(codeOf(signed({ key: STS, headers: { 'x-fc-security-token': 'stolen' } }))).toBe('403 InvalidSecurityToken');
    expect(codeOf(signed({ key: STS, secret: 'wrong', headers: { 'x-fc-security-token': 'stolen' } }))).toBe('403 SignatureNotMatch');
  });

  it('denies another account', () => {
    const result = verifyRequest(signed({ headers: { 'x-fc-account-id': '999' } }));
    expect(result).toMatchObject({ ok: false, error: { status: 403, code: 'AccessDenied' } });
  });

  it('never puts a secret or the signature into a message', () => {
    const input = signed({ secret: 'wrong' });
    const signature = input.headers['authorization']?.split(':')[1] ?? '';
    for (const candidate of [input, signed({ headers: { 'x-fc-account-id': '9' } }), signed({ date: new Date(0) })]) {
      const result = verifyRequest(candidate);
      const text = JSON.stringify(result);
      for (const key of EMULATOR_KEYS) expect(text).not.toContain(key.accessKeySecret);
      expect(text).not.toContain(signature);
    }
  });
});

describe('parsers', () => {
  it('parses only RFC 1123 GMT dates', () => {
    expect(parseHttpDate('Mon, 15 Jan 2024 08:00:00 GMT')).toBe(NOW.getTime());
    expect(parseHttpDate('Mon, 15 Jan 2024 08:00:00 +0000')).toBeUndefined();
    expect(parseHttpDate('2024-01-15T08:00:00Z')).toBeUndefined();
    expect(parseHttpDate('today')).toBeUndefined();
  });

  it('splits FC <id>:<signature>', () => {
    expect(parseAuthorization('FC id:c2ln+/=')).toEqual({ accessKeyId: 'id', signature: 'c2ln+/=' });
    expect(parseAuthorization('FCid:sig')).toBeUndefined();
    expect(parseAuthorization('FC id')).toBeUndefined();
    expect(parseAuthorization('FC :sig')).toBeUndefined();
  });

  it('makes client text sanitizeForEcho and short', () => {
    expect(sanitizeForEcho('a\nb\u0000c')).toBe('a?b?c');
    expect(sanitizeForEcho('x'.repeat(200), 10)).toBe(`${'x'.repeat(10)}...`);
  });
});
