// The transport mapping as a table: each low-level code → the NetworkError code fcinvoke
// reports, and whether the request provably never left (so a retry cannot run the function twice).
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../../../src/errors.js';
import { isTransportError, toNetworkError, wasNotSent } from '../../../src/fc/transport-error.js';

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
