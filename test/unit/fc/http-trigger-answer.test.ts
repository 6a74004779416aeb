// Reading a trigger's answer and showing its request: the classification, FC's headers, the
// refusal's line with its hints, and the redaction and scrubbing of everything shown.
import { describe, expect, it } from 'vitest';
import { classifyAnswer, decodeTriggerMeta, judgeTriggerAnswer, readRefusal } from '../../../src/fc/http-trigger/answer.js';
import { callerSecretsOf, redactTriggerHeaders, scrubResponseHeaders, triggerSignatureOf } from '../../../src/fc/http-trigger/redact.js';
import { Secrets } from '../../../src/fc/redact.js';

const NOW = new Date('2026-12-01T08:00:00Z');
const refused = { 'x-fc-error-type': 'FcCommonError', 'x-fc-request-id': 'r-1' };

describe('classifyAnswer and the retry judge', () => {
  it.each([
    [200, {}, false, 'ok'],
    [302, {}, false, 'ok'],
    [202, {}, true, 'ok'],
    [200, {}, true, 'not-accepted'],
    [404, {}, true, 'error-status'],
    [503, {}, false, 'error-status'],
    [502, { 'x-fc-error-type': 'UnhandledInvocationError' }, false, 'function-error'],
    [200, { 'x-fc-error-type': 'HandledInvocationError' }, false, 'function-error'],
    [403, refused, false, 'refused'],
    [429, refused, true, 'refused'],
  ] as const)('%i %j (async %s) is %s', (status, headers, async, kind) => {
    expect(classifyAnswer(status, headers, async)).toBe(kind);
  });

  it('sends again only FC’s own 429 and 503', () => {
    expect(judgeTriggerAnswer(429, refused)).toEqual({ retry: true, throttled: true });
    expect(judgeTriggerAnswer(503, refused)).toEqual({ retry: true, throttled: true });
    expect(judgeTriggerAnswer(500, refused)).toEqual({ retry: false });
    expect(judgeTriggerAnswer(429, {})).toEqual({ retry: false });
    expect(judgeTriggerAnswer(503, { 'x-fc-error-type': 'UnhandledInvocationError' })).toEqual({ retry: false });
  });

  it('reads FC’s headers; a refusal is no function error', () => {
    const meta = decodeTriggerMeta({ 'x-fc-request-id': 'r', 'x-fc-invocation-duration': '12', 'x-fc-async-task-id': 't-1', 'x-fc-log-result': Buffer.from('log').toString('base64') });
    expect(meta).toMatchObject({ requestId: 'r', durationMs: 12, asyncInvocationId: 't-1', functionError: null, log: { text: 'log', problem: null } });
    expect(decodeTriggerMeta(refused).functionError).toBeNull();
    expect(decodeTriggerMeta({ 'x-fc-error-type': 'UnhandledInvocationError' }).functionError).toBe('UnhandledInvocationError');
  });
});

describe('readRefusal', () => {
  const body = (code: string, message: string) => Buffer.from(JSON.stringify({ ErrorCode: code, ErrorMessage: message }));
  it('names the signature sent when the credentials were refused', () => {
    const error = readRefusal(403, refused, body('SignatureNotMatch', 'no match'), { scheme: 'fc', now: NOW });
    expect(error.message).toBe('SignatureNotMatch (HTTP 403, request ID r-1): no match (sent with the FC 2.0 signature: check the AccessKey, or give --sign acs3 if the function is of FC 3.0)');
    expect(readRefusal(403, refused, Buffer.from('{"Code":"InvalidAccessKeyId","Message":"m"}'), { scheme: 'acs3', now: NOW }).message).toContain(
      '(sent with the FC 3.0 (ACS3) signature: check the AccessKey, or give --sign fc if the function is of FC 2.0)',
    );
  });

  it('says none was sent for an anonymous call, the clock for a stale date, nothing more otherwise', () => {
    expect(readRefusal(400, refused, body('MissingRequiredHeader', 'required HTTP header Date was not specified'), { scheme: null, now: NOW }).message).toContain(
      '(sent without credentials: drop --auth anonymous if the trigger needs function auth)',
    );
    const skew = readRefusal(403, { ...refused, date: 'Tue, 01 Dec 2026 08:20:00 GMT' }, body('RequestTimeTooSkewed', 'too old'), { scheme: 'fc', now: NOW });
    expect(skew.message).toContain("; the local clock is 20 min behind the service's");
    expect(readRefusal(404, refused, body('TriggerNotFound', 'no trigger'), { scheme: 'fc', now: NOW }).message).toBe('TriggerNotFound (HTTP 404, request ID r-1): no trigger');
    expect(readRefusal(503, refused, Buffer.from('busy'), { scheme: 'fc', now: NOW })).toMatchObject({ code: 'HTTP503', status: 503 });
  });
});

describe('what is shown of a request and an answer', () => {
  it('redacts both signatures, tokens and the caller’s own credentials', () => {
    expect(
      redactTriggerHeaders({
        authorization: 'FC fake-key-id-abcd:c2lnbmF0dXJl',
        'x-fc-security-token': 'tok',
        'x-acs-security-token': '',
        cookie: 'session=s3cr3t-value',
        'content-type': 'text/plain',
      }),
    ).toEqual({ authorization: 'FC ****abcd:<redacted>', 'x-fc-security-token': '<redacted>', 'x-acs-security-token': '', cookie: '<redacted>', 'content-type': 'text/plain' });
    expect(redactTriggerHeaders({ authorization: 'ACS3-HMAC-SHA256 Credential=fake-key-id-abcd,SignedHeaders=x-acs-date;x-acs-security-token,Signature=abc123' }).authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=****abcd,SignedHeaders=x-acs-date;x-acs-security-token,Signature=<redacted>',
    );
    expect(redactTriggerHeaders({ Authorization: 'Bearer eyJ.abc' }).Authorization).toBe('Bearer <redacted>');
    expect(redactTriggerHeaders({ authorization: 'opaque' }).authorization).toBe('<redacted>');
  });

  it('finds the signature sent, and the caller’s credentials worth scrubbing', () => {
    const request = (authorization: string) => ({ method: 'GET' as const, url: 'http://x/', path: '/', headers: { authorization } });
    expect(triggerSignatureOf(request('FC id:c2ln='))).toBe('c2ln=');
    expect(triggerSignatureOf(request('ACS3-HMAC-SHA256 Credential=id,SignedHeaders=a,Signature=deadbeef'))).toBe('deadbeef');
    expect(triggerSignatureOf(request('Bearer x'))).toBeNull();
    expect(callerSecretsOf({ authorization: 'Bearer a-long-bearer-token', cookie: 'a=short; session=a-long-session-id' })).toEqual(['a-long-bearer-token', 'a-long-session-id']);
  });

  it('scrubs response headers, inside the Base64 log tail too, and leaves a clean one as it came', () => {
    const secrets = new Secrets();
    secrets.add('the-sts-token-value');
    const dirty = Buffer.from('got the-sts-token-value\n').toString('base64');
    const clean = Buffer.from('nothing to hide\n').toString('base64');
    const shown = scrubResponseHeaders({ 'X-Echo': 'the-sts-token-value', 'x-fc-log-result': dirty, 'set-cookie': ['a=1', 'b=the-sts-token-value'], gone: undefined }, (t) => secrets.scrub(t));
    expect(shown).toEqual({ 'x-echo': '<redacted>', 'x-fc-log-result': Buffer.from('got <redacted>\n').toString('base64'), 'set-cookie': ['a=1', 'b=<redacted>'] });
    expect(scrubResponseHeaders({ 'x-fc-log-result': clean }, (t) => secrets.scrub(t))['x-fc-log-result']).toBe(clean);
  });
});
