import { describe, expect, it } from 'vitest';
import { parseHeaderArg, parseHeaderArgs } from '../../../src/fc/v2016/headers.js';

describe('parseHeaderArg', () => {
  it('lower-cases the name and trims the value', () => {
    expect(parseHeaderArg('X-Fc-Trace-Id:  abc ')).toEqual(['x-fc-trace-id', 'abc']);
    expect(parseHeaderArg('x-fc-empty:')).toEqual(['x-fc-empty', '']);
  });
  it.each([
    ['X-Fc-Trace-Id abc', /write it as/],
    [': abc', /write it as/],
    ['Content-Type: text/plain', /only x-fc-\* headers/],
    ['X-Fc-Invocation-Type: Async', /use --async/],
    ['X-Fc-Log-Type: None', /use --no-logs/],
    ['X-Fc-Security-Token: t', /credential settings/],
    ['X-Fc-Account-Id: 1', /use --account-id/],
    ['X-Fc-Stateful-Async-Invocation-Id: x', /use --async-id/],
    ['X-Fc-Bad Name: x', /invalid header name/],
    ['X-Fc-Trace-Id: a\r\nInjected: 1', /printable ASCII/],
    ['X-Fc-Trace-Id: caf\u00e9', /printable ASCII/],
  ])('rejects %j', (arg, message) => {
    expect(() => parseHeaderArg(arg)).toThrow(message);
  });
  it('refuses the same header twice', () => {
    expect(() => parseHeaderArgs(['X-Fc-A: 1', 'x-fc-a: 2'])).toThrow(/given twice/);
    expect(parseHeaderArgs(['X-Fc-A: 1', 'X-Fc-B: 2'])).toEqual({ 'x-fc-a': '1', 'x-fc-b': '2' });
  });
});
