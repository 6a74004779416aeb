// The secrets of one run: what is scrubbed, how long signatures are kept, and that two
// runs (or two library clients) never share them.
import { describe, expect, it } from 'vitest';
import { scrubHeaders, scrubJson, scrubMeta } from '../../../src/fc/answer-scrub.js';
import type { InvocationMeta } from '../../../src/fc/response.js';
import { scrubSecrets, Secrets } from '../../../src/fc/redact.js';

describe('Secrets', () => {
  it('scrubs the secrets of the run and the recent signatures, and nothing too short to be one', () => {
    const secrets = new Secrets();
    secrets.add('fake-secret-abcdef');
    secrets.add(undefined);
    secrets.add('abc');
    secrets.addSignature('c2lnbmF0dXJlLW9uZQ==');
    expect(secrets.scrub('x fake-secret-abcdef y c2lnbmF0dXJlLW9uZQ== abc')).toBe('x <redacted> y <redacted> abc');
  });

  it('keeps only the latest signatures, however many a batch sends', () => {
    const secrets = new Secrets();
    for (let i = 0; i < 1000; i++) secrets.addSignature(`signature-number-${i}`);
    expect(secrets.scrub('signature-number-999')).toBe('<redacted>');
    expect(secrets.scrub('signature-number-0')).toBe('signature-number-0');
  });

  it('is per object: one run never scrubs with another run’s secrets', () => {
    const a = new Secrets();
    a.add('fake-secret-of-a');
    expect(new Secrets().scrub('fake-secret-of-a')).toBe('fake-secret-of-a');
  });

  it('scrubs a secret also in its URL-encoded form (a proxy quoting the request as a URL)', () => {
    const secrets = new Secrets();
    secrets.addSignature('abc+def/ghi=');
    expect(secrets.scrub('q=abc%2Bdef%2Fghi%3D&x=abc+def/ghi=')).toBe('q=<redacted>&x=<redacted>');
  });

  it('scrubs an answer with the signature of its own request, however many were sent since', () => {
    const secrets = new Secrets();
    secrets.add('fake-secret-abcdef');
    for (let i = 0; i < 100; i++) secrets.addSignature(`signature-number-${i}`);
    expect(secrets.scrubberFor(['signature-number-0'])('signature-number-0 fake-secret-abcdef')).toBe('<redacted> <redacted>');
  });
});

describe('scrubJson', () => {
  it('scrubs every key and string of a parsed answer and keeps a "__proto__" key as data', () => {
    const parsed = JSON.parse('{"__proto__":{"token":"fake-secret-abcdef"},"fake-secret-abcdef":[1,"x fake-secret-abcdef"]}') as object;
    const scrubbed = scrubJson(parsed, (text) => scrubSecrets(text, ['fake-secret-abcdef']));
    expect(JSON.stringify(scrubbed)).toBe('{"__proto__":{"token":"<redacted>"},"<redacted>":[1,"x <redacted>"]}');
    expect(Object.getPrototypeOf(scrubbed)).toBe(Object.prototype);
  });

  it('returns the very value when nothing in it is secret, and never changes its input', () => {
    const scrub = (text: string) => scrubSecrets(text, ['fake-secret-abcdef']);
    const clean = { line: 1, ok: true, body: 'hello', logs: null, list: [1, 'two', { three: 3 }] };
    expect(scrubJson(clean, scrub)).toBe(clean);
    const dirty = { line: 2, list: ['a', 'b fake-secret-abcdef', 'c'], nested: { key: 'value' } };
    const copy = structuredClone(dirty);
    const scrubbed = scrubJson(dirty, scrub) as typeof dirty;
    expect(scrubbed).toEqual({ line: 2, list: ['a', 'b <redacted>', 'c'], nested: { key: 'value' } });
    expect(dirty).toEqual(copy);
    expect(scrubbed.nested).toBe(dirty.nested);
  });
});

describe('scrubMeta and scrubHeaders', () => {
  const scrub = (text: string) => scrubSecrets(text, ['fake-secret-abcdef']);
  const meta: InvocationMeta = {
    requestId: 'req-1',
    functionError: null,
    durationMs: 3,
    maxMemoryMB: 12,
    instanceId: 'i-1',
    codeChecksum: null,
    serviceVersion: 'LATEST',
    asyncInvocationId: null,
    log: { text: 'all fine', problem: null },
  };

  it('return the very object when nothing in it is secret', () => {
    expect(scrubMeta(meta, scrub)).toBe(meta);
    const headers = { 'x-fc-request-id': 'req-1', 'set-cookie': ['a=1', 'b=2'] };
    expect(scrubHeaders(headers, scrub)).toBe(headers);
  });

  it('scrub every text field and header value into a copy, leaving the input as it was', () => {
    const dirty = { ...meta, functionError: 'Unhandled fake-secret-abcdef', log: { text: 'log fake-secret-abcdef', problem: null } };
    expect(scrubMeta(dirty, scrub)).toEqual({ ...meta, functionError: 'Unhandled <redacted>', log: { text: 'log <redacted>', problem: null } });
    expect(dirty.log.text).toBe('log fake-secret-abcdef');
    const headers = { 'x-fc-request-id': 'req-1', 'x-echo': 'fake-secret-abcdef', 'set-cookie': ['a=1', 'b=fake-secret-abcdef'] };
    expect(scrubHeaders(headers, scrub)).toEqual({ 'x-fc-request-id': 'req-1', 'x-echo': '<redacted>', 'set-cookie': ['a=1', 'b=<redacted>'] });
    expect(headers['x-echo']).toBe('fake-secret-abcdef');
  });
});
