import { describe, expect, it } from 'vitest';
import { SignatureMemo } from '../../../src/fc/signature-memo.js';
import { signRequest } from '../../../src/fc/v2016/request.js';

const base = {
  method: 'POST' as const,
  baseUrl: 'http://127.0.0.1:9000',
  path: '/2016-08-15/services/s/functions/f/invocations',
  headers: { 'content-type': 'application/octet-stream', 'x-fc-invocation-type': 'Sync' },
  credentials: { accessKeyId: 'fake-key-id', accessKeySecret: 'fake-secret' },
  userAgent: 'fcinvoke/test',
};

describe('signRequest', () => {
  it('dates each request by its own second, forwards and backwards, and signs that date', () => {
    const times = ['2026-11-25T17:00:00.000Z', '2026-11-25T17:00:00.999Z', '2026-11-25T17:00:01.000Z', '2026-11-25T16:59:59.500Z', '2030-01-01T00:00:00.000Z'];
    const signed = times.map((t) => signRequest({ ...base, date: new Date(t) }));
    expect(signed.map((s) => s.headers.date)).toEqual(times.map((t) => new Date(t).toUTCString()));
    // One second, one signature; another second, another.
    expect(signed[1]!.headers.authorization).toBe(signed[0]!.headers.authorization);
    expect(new Set(signed.map((s) => s.headers.authorization)).size).toBe(4);
  });

  it('keeps the given headers in order, then date and user-agent, and never changes the input', () => {
    const headers = { ...base.headers };
    const signed = signRequest({ ...base, headers, accountId: '123', date: new Date('2026-11-25T17:00:00Z') });
    expect(Object.keys(signed.headers)).toEqual(['content-type', 'x-fc-invocation-type', 'date', 'user-agent', 'x-fc-account-id', 'authorization']);
    expect(headers).toEqual(base.headers);
  });

  it('signs the same with a connection’s memo as without, per second, per secret and per request', () => {
    const signatures = new SignatureMemo();
    const cases = [
      { ...base, date: new Date('2026-11-25T17:00:00.100Z') },
      { ...base, date: new Date('2026-11-25T17:00:00.900Z') },
      { ...base, date: new Date('2026-11-25T17:00:01.000Z') },
      { ...base, date: new Date('2026-11-25T17:00:01.000Z'), credentials: { accessKeyId: 'fake-key-id', accessKeySecret: 'another-fake-secret' } },
      { ...base, date: new Date('2026-11-25T17:00:01.000Z'), path: '/2016-08-15/services/s/functions/g/invocations' },
      { ...base, date: new Date('2026-11-25T17:00:01.000Z'), headers: { ...base.headers, 'x-fc-invocation-type': 'Async' } },
      { ...base, date: new Date('2026-11-25T17:00:00.100Z') },
    ];
    const plain = cases.map((input) => signRequest(input).headers.authorization);
    expect(cases.map((input) => signRequest({ ...input, signatures }).headers.authorization)).toEqual(plain);
    expect(new Set(plain).size).toBe(5);
  });

  it('computes a repeated signature once with the memo', () => {
    const signatures = new SignatureMemo();
    let computed = 0;
    const compute = () => `signature-${++computed}`;
    expect([signatures.signatureOf('a', 's', compute), signatures.signatureOf('a', 's', compute), signatures.signatureOf('b', 's', compute), signatures.signatureOf('b', 't', compute)]).toEqual([
      'signature-1',
      'signature-1',
      'signature-2',
      'signature-3',
    ]);
  });
});
