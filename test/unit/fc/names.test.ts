import { describe, expect, it } from 'vitest';
import { validateAsyncId } from '../../../src/fc/names.js';
import { resolveTarget } from '../../../src/fc/v2016/target.js';

describe('resolveTarget', () => {
  it.each([
    ['svc', 'fn', undefined, { service: 'svc', functionName: 'fn', qualifier: undefined }],
    ['svc.prod', 'fn', undefined, { service: 'svc', functionName: 'fn', qualifier: 'prod' }],
    ['svc', 'fn', 'LATEST', { service: 'svc', functionName: 'fn', qualifier: 'LATEST' }],
    ['svc.3', 'fn', '3', { service: 'svc', functionName: 'fn', qualifier: '3' }],
    ['_a-b_', 'f-1', undefined, { service: '_a-b_', functionName: 'f-1', qualifier: undefined }],
  ])('%s %s -q %s', (service, fn, q, expected) => {
    expect(resolveTarget(service, fn, q)).toEqual(expected);
  });

  it.each([
    ['1svc', 'fn', undefined, /invalid service name "1svc"/],
    ['-svc', 'fn', undefined, /invalid service name/],
    ['s'.repeat(129), 'fn', undefined, /1-128/],
    ['svc', 'f'.repeat(65), undefined, /invalid function name .*1-64/],
    ['svc', 'fn/x', undefined, /invalid function name/],
    ['svc', '', undefined, /invalid function name ""/],
    ['svc.prod', 'fn', 'test', /disagree.*prod.*test/],
    ['svc.', 'fn', undefined, /invalid qualifier ""/],
    ['svc.a.b', 'fn', undefined, /invalid qualifier "a.b"/],
    ['sv c', 'fn', undefined, /invalid service name/],
  ])('rejects %s %s -q %s', (service, fn, q, message) => {
    expect(() => resolveTarget(service, fn, q)).toThrow(message);
  });

  it('accepts names at the length limits', () => {
    expect(resolveTarget('s'.repeat(128), 'f'.repeat(64)).service).toHaveLength(128);
  });
});

describe('validateAsyncId', () => {
  it('accepts the contract pattern and rejects the rest', () => {
    expect(() => validateAsyncId('job_1-a')).not.toThrow();
    expect(() => validateAsyncId('_' + 'a'.repeat(127))).not.toThrow();
    expect(() => validateAsyncId('a'.repeat(129))).toThrow(/at most 128/);
    expect(() => validateAsyncId('1job')).toThrow(/invalid async invocation ID/);
    expect(() => validateAsyncId('job.1')).toThrow(/invalid async invocation ID/);
  });
});
