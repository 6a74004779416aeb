// The secrets of one run: what is scrubbed, how long signatures are kept, and that two
// runs (or two library clients) never share them.
import { describe, expect, it } from 'vitest';
import { Secrets } from '../../../src/fc/redact.js';

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
    expect(secrets.scrubFor('signature-number-0 fake-secret-abcdef', ['signature-number-0'])).toBe('<redacted> <redacted>');
  });
});
