import { describe, expect, it } from 'vitest';
import { describeError, encodeError, encodeResult, parseHandlerSetting } from '../../../src/emulator/handler-result.js';

describe('encodeResult', () => {
  it('sends strings as UTF-8 and bytes as they are', () => {
    expect(encodeResult('héllo')).toEqual(Buffer.from('héllo'));
    const bytes = Buffer.from([0, 255, 1]);
    expect(encodeResult(bytes)).toBe(bytes);
    expect(encodeResult(new Uint8Array([1, 2, 3]).subarray(1))).toEqual(Buffer.from([2, 3]));
    expect(encodeResult(new Uint8Array([9, 8]).buffer)).toEqual(Buffer.from([9, 8]));
  });

  it('sends nothing for null and undefined, JSON for other values', () => {
    expect(encodeResult(undefined).length).toBe(0);
    expect(encodeResult(null).length).toBe(0);
    expect(encodeResult({ a: 1 }).toString()).toBe('{"a":1}');
    expect(encodeResult(42).toString()).toBe('42');
    expect(encodeResult(false).toString()).toBe('false');
  });

  it('throws on values that cannot be serialised', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => encodeResult(cycle)).toThrow();
  });
});

describe('describeError', () => {
  it('gives message, type and the stack as lines for an Error', () => {
    const error = new TypeError('bad');
    const body = describeError(error);
    expect(body.errorMessage).toBe('bad');
    expect(body.errorType).toBe('TypeError');
    expect(body.stackTrace?.[0]).toBe('TypeError: bad');
    expect(body.stackTrace?.length).toBeGreaterThan(1);
  });

  it('gives only the message for anything else, as FC does for callback("text")', () => {
    expect(describeError('something is wrong')).toEqual({ errorMessage: 'something is wrong' });
    expect(describeError({ code: 1 })).toEqual({ errorMessage: '{"code":1}' });
    expect(JSON.parse(encodeError('x').toString())).toEqual({ errorMessage: 'x' });
  });
});

describe('parseHandlerSetting', () => {
  it('splits module and export', () => {
    expect(parseHandlerSetting('index.handler')).toEqual({ module: 'index', exportName: 'handler' });
    expect(parseHandlerSetting('src/app.main')).toEqual({ module: 'src/app', exportName: 'main' });
  });

  it.each(['index', '.handler', 'index.', '../up.handler', 'a.b-c', '/abs.handler'])('rejects %s', (setting) => {
    expect(parseHandlerSetting(setting)).toBeUndefined();
  });
});
