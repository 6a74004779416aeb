// `http` flags into an HttpPlan, as a table: what commander hands over, and the exact plan or
// the one-line refusal (exit 2) that comes out.
import { describe, expect, it } from 'vitest';
import { planHttp, type RawHttpOptions } from '../../../src/commands/http-options.js';
import { UsageError } from '../../../src/errors.js';

describe('planHttp', () => {
  it('normalises a plain call', () => {
    const plan = planHttp('demo.prod/web/hi?x=1', { header: ['X-Tag: a'], query: ['y=2'], logs: true });
    expect(plan).toMatchObject({
      trigger: {
        target: { form: 'short', target: { service: 'demo', functionName: 'web', qualifier: 'prod' }, path: '/hi', search: 'x=1' },
        method: 'GET',
        headers: { 'x-tag': 'a' },
        queryPieces: ['y=2'],
        auth: 'function',
        sign: undefined,
        async: false,
      },
      include: false,
      logs: undefined,
      json: false,
      bodyLimit: 32 * 1024 * 1024,
      timeout: undefined,
      retries: undefined,
      settingsFlags: { apiVersion: undefined },
    });
  });

  it.each<[RawHttpOptions, object]>([
    [{ event: 'x' }, { trigger: expect.objectContaining({ method: 'POST' }) }],
    [{ data: '-', request: 'put' }, { trigger: expect.objectContaining({ method: 'PUT' }), data: '-' }],
    [{ async: true }, { trigger: expect.objectContaining({ async: true }), bodyLimit: 128 * 1024 }],
    [{ async: true, maxEventSize: '1000' }, { bodyLimit: 1000 }],
    [{ logs: false, include: true, json: true }, { logs: false, include: true, json: true }],
    [{ auth: 'anonymous', header: ['Authorization: Bearer t'] }, { trigger: expect.objectContaining({ auth: 'anonymous', headers: { authorization: 'Bearer t' } }) }],
    [{ sign: 'acs3' }, { trigger: expect.objectContaining({ sign: 'acs3' }) }],
    [{ timeout: '2.5', retries: '0', connectTimeout: '1', idleTimeout: '0' }, { timeout: 2.5, retries: 0, connectTimeoutMs: 1000, idleTimeoutMs: 0 }],
    [{ apiVersion: '2023-03-30', region: 'cn-shanghai', internal: true }, { settingsFlags: expect.objectContaining({ apiVersion: '2023-03-30', region: 'cn-shanghai', internal: true }) }],
  ])('%j', (options, expected) => {
    expect(planHttp('svc/fn', options)).toMatchObject(expected);
  });

  it.each<[string, RawHttpOptions, string]>([
    ['svc/fn', { quiet: true, verbose: true }, '--quiet and --verbose contradict each other: give one'],
    ['svc/fn', { quiet: true, include: true }, '--quiet and --include contradict each other: give one'],
    ['svc/fn', { output: ' ' }, '-o/--output needs a file path'],
    ['svc/fn', { retries: '21' }, 'invalid --retries "21": expected a whole number from 0 to 20'],
    ['svc/fn', { timeout: '0' }, 'invalid --timeout "0": expected a number of seconds above 0, at most 172800 (two days)'],
    ['svc/fn', { maxEventSize: '0' }, 'invalid --max-event-size "0": expected a whole number of bytes above 0'],
    ['svc/fn', { connectTimeout: 'soon' }, 'invalid --connect-timeout "soon": expected a number of seconds, 0 for none'],
    ['svc/fn', { request: 'TRACE' }, 'invalid -X/--request "TRACE": use GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS'],
    ['svc/fn', { header: ['Content-Length: 1'] }, 'header content-length is set by fcinvoke from the body it sends'],
    ['svc/fn', { query: ['=x'] }, 'invalid query parameter "=x": write it as name=value'],
    ['svc/fn', { auth: 'anonymous', sign: 'fc' }, '--sign chooses the signature, and --auth anonymous sends none: give one of them'],
    ['svc', {}, 'invalid target "svc": give a URL (https://…) or service[.qualifier]/function[/path]'],
  ])('refuses %s %j', (target, options, message) => {
    let error: unknown;
    try {
      planHttp(target, options);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(message);
  });
});
