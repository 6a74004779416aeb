// The transport mapping as a table: each low-level code → the NetworkError code fcinvoke
// reports, and whether the request provably never left (so a retry cannot run the function twice).
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../../src/errors.js';
import { isFinalTransport, isLocalLimit, isTransportError, toNetworkError, wasNotSent } from '../../../src/fc/transport-error.js';

const URL = 'https://123.cn-hangzhou.fc.aliyuncs.com/2016-08-15/services/s/functions/f/invocations';
const HOST = '123.cn-hangzhou.fc.aliyuncs.com';

function failure(code: string): Error {
  return Object.assign(new Error(`low-level ${code}`), { code });
}

describe('toNetworkError and wasNotSent', () => {
  it.each([
    ['ECONNREFUSED', 'ConnectionRefused', true, 'connection refused'],
    ['ENOTFOUND', 'HostNotFound', true, 'host not found (DNS)'],
    ['EAI_AGAIN', 'DnsFailure', true, 'DNS lookup failed temporarily'],
    ['EHOSTUNREACH', 'HostUnreachable', true, 'host unreachable'],
    ['ENETUNREACH', 'NetworkUnreachable', true, 'network unreachable'],
    ['UND_ERR_CONNECT_TIMEOUT', 'ConnectTimeout', true, 'timed out connecting'],
    ['ECONNRESET', 'ConnectionReset', false, 'connection reset by the server'],
    ['EPIPE', 'ConnectionReset', false, 'connection closed while sending'],
    ['UND_ERR_SOCKET', 'ConnectionReset', false, 'the connection closed unexpectedly'],
    ['UND_ERR_INFO', 'ConnectionReset', false, 'the connection closed unexpectedly'],
    ['UND_ERR_HEADERS_TIMEOUT', 'Timeout', false, 'timed out waiting for the response headers'],
    ['UND_ERR_BODY_TIMEOUT', 'Timeout', false, 'timed out waiting for the response body'],
    ['UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'IncompleteResponse', false, 'the response was shorter than its Content-Length'],
    ['UND_ERR_REQ_CONTENT_LENGTH_MISMATCH', 'IncompleteRequest', false, 'the event was not the size announced'],
    ['UND_ERR_HEADERS_OVERFLOW', 'HeadersTooLarge', false, 'the response headers were too large'],
  ])('%s → %s, not sent: %s', (code, name, notSent, text) => {
    const error = toNetworkError(failure(code), URL);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe(name);
    expect(error.message).toBe(`${text} (${HOST})${code === 'ENOTFOUND' ? ': check --region/--account-id or --endpoint' : ''}`);
    expect(error.cause).toBeInstanceOf(Error);
    expect(wasNotSent(failure(code))).toBe(notSent);
    expect(wasNotSent(error)).toBe(notSent);
    expect(isTransportError(failure(code))).toBe(true);
  });

  it.each(['ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'CERT_HAS_EXPIRED'])(
    'TLS refusal %s: never sent, reported with its own message',
    (code) => {
      const error = toNetworkError(failure(code), URL);
      expect(error.code).toBe('NetworkError');
      expect(error.message).toBe(`low-level ${code} (${HOST})`);
      expect(wasNotSent(failure(code))).toBe(true);
      expect(isTransportError(failure(code))).toBe(true);
    },
  );

  it.each([
    ['EMFILE', 'too many open files in this process (EMFILE) to open a connection', '; nothing was sent: raise the limit (ulimit -n) or lower the concurrency (-c)'],
    ['ENFILE', "the system's table of open files is full (ENFILE), so no connection could be opened", '; nothing was sent: close other programs or lower the concurrency (-c)'],
  ])('%s at connect: TooManyOpenFiles, never sent, a local limit (slow down, not the service)', (code, text, advice) => {
    const low = Object.assign(new Error(`connect ${code} 127.0.0.1:9 - Local (undefined:undefined)`), { code, syscall: 'connect' });
    const error = toNetworkError(low, URL);
    expect(error).toMatchObject({ code: 'TooManyOpenFiles', message: `${text} (${HOST})${advice}` });
    expect(wasNotSent(error)).toBe(true);
    expect(isLocalLimit(error)).toBe(true);
    expect(isLocalLimit(failure('ECONNREFUSED'))).toBe(false);
    expect(isFinalTransport(error)).toBe(false);
  });

  it('a TLS handshake with a plain-HTTP port: says so instead of the OpenSSL line, never sent, not worth retrying', () => {
    const low = Object.assign(new Error('80ACC1B9967F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/ssl3_record.c:350:'), {
      code: 'ERR_SSL_WRONG_VERSION_NUMBER',
      library: 'SSL routines',
      reason: 'wrong version number',
    });
    const error = toNetworkError(low, URL);
    expect(error).toMatchObject({ code: 'TlsHandshakeFailed', message: `TLS handshake failed: the server does not speak TLS (${HOST}); nothing was sent: is the endpoint http://?` });
    expect(wasNotSent(error)).toBe(true);
    expect(isFinalTransport(error)).toBe(true);
  });

  it('another OpenSSL failure: its reason, not the raw line; not known to be unsent', () => {
    const low = Object.assign(new Error('80AC:error:0A000119:SSL routines:ssl3_get_record:decryption failed or bad record mac:x.c:1:'), {
      code: 'ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC',
      reason: 'decryption failed or bad record mac',
    });
    expect(toNetworkError(low, URL)).toMatchObject({ code: 'TlsFailure', message: `TLS failure: decryption failed or bad record mac (${HOST})` });
    expect(wasNotSent(low)).toBe(false);
  });

  it("undici's 'bad response' (an unrequested 100 Continue): BadResponse, not a closed connection", () => {
    const low = Object.assign(new Error('bad response'), { code: 'UND_ERR_SOCKET' });
    expect(toNetworkError(low, URL)).toMatchObject({ code: 'BadResponse', message: `the answer was not HTTP that can be read (a stray 1xx such as an unrequested 100 Continue?) (${HOST})` });
    expect(wasNotSent(low)).toBe(false);
  });

  it('finds the code in the cause chain, as undici nests socket errors', () => {
    const nested = Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('socket'), { cause: failure('ECONNREFUSED') }) });
    expect(toNetworkError(nested, URL).code).toBe('ConnectionRefused');
    expect(wasNotSent(nested)).toBe(true);
  });

  it('leaves other failures alone: not transport, sent as far as anyone knows', () => {
    for (const other of [failure('EACCES'), new Error('no code'), 'a string']) {
      expect(isTransportError(other)).toBe(false);
      expect(wasNotSent(other)).toBe(false);
    }
    expect(toNetworkError(new Error('odd'), 'not a url')).toMatchObject({ code: 'NetworkError', message: 'odd (not a url)' });
  });

  it('keeps a NetworkError as it is, and carries a request ID', () => {
    const given = new NetworkError('Timeout', 'too slow');
    expect(toNetworkError(given, URL)).toBe(given);
    expect(toNetworkError(failure('ECONNRESET'), URL, 'req-1').requestId).toBe('req-1');
  });
});
