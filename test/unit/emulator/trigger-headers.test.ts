import { describe, expect, it } from 'vitest';
import { buildEventHeaders, buildHandlerHeaders, canonicalHeaderKey, filterAnswerHeaders } from '../../../src/emulator/trigger-headers.js';

describe('request headers', () => {
  it('an FC 2.0 handler gets them without x-fc-* and the reserved ones', () => {
    expect(
      buildHandlerHeaders({
        host: 'h',
        'content-type': 'text/plain',
        authorization: 'FC a:b',
        'x-fc-log-type': 'Tail',
        'accept-encoding': 'gzip',
        connection: 'keep-alive',
        'transfer-encoding': 'chunked',
        'x-custom': 'v',
      }),
    ).toEqual({ host: 'h', 'content-type': 'text/plain', authorization: 'FC a:b', 'x-custom': 'v' });
  });

  it('the FC 3.0 event gets Go-canonical keys, repeats joined with a comma, no hop-by-hop, Host or x-fc-*', () => {
    expect(
      buildEventHeaders(['Host', 'h', 'content-type', 'a/b', 'X-MULTI', '1', 'x-multi', '2', 'Accept-Encoding', 'gzip', 'X-Fc-Log-Type', 'Tail', 'Connection', 'close']),
    ).toEqual({ 'Content-Type': 'a/b', 'X-Multi': '1,2', 'Accept-Encoding': 'gzip' });
  });

  it.each([
    ['accept-encoding', 'Accept-Encoding'],
    ['x-acs-date', 'X-Acs-Date'],
    ['WWW-AUTHENTICATE', 'Www-Authenticate'],
    ['etag', 'Etag'],
    ['a_b', 'A_b'],
    ['bad header', 'bad header'],
  ])('canonicalHeaderKey(%s) is %s, as Go writes it', (name, canonical) => {
    expect(canonicalHeaderKey(name)).toBe(canonical);
  });
});

describe('filterAnswerHeaders', () => {
  it("keeps the function's headers, lists too, and drops x-fc-*, the ones FC sets, and what HTTP cannot carry", () => {
    expect(
      filterAnswerHeaders({
        'Content-Type': 'text/html',
        'Set-Cookie': ['a=1', 'b=2'],
        'X-Fc-Request-Id': 'forged',
        'Content-Length': '99',
        Date: 'yesterday',
        Server: 'mine',
        Connection: 'close',
        'Bad Name': 'x',
        'X-Unicode': 'caf\u00e9\u4e2d',
        'X-Mixed': ['ok', 'caf\u4e2d'],
      }),
    ).toEqual({ 'Content-Type': 'text/html', 'Set-Cookie': ['a=1', 'b=2'], 'X-Mixed': ['ok'] });
  });
});
