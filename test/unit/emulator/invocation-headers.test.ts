import { describe, expect, it } from 'vitest';
import { buildInvocationHeaders, parseInvocationType, wantsLogTail } from '../../../src/emulator/invocation-headers.js';
import { errorTypeOf, formatMemoryMb, systemErrorMessage } from '../../../src/emulator/invocation.js';
import { checkDeclaredLength } from '../../../src/emulator/request-handler.js';

const summary = {
  errorType: null,
  durationMs: 12,
  maxMemoryMb: '9.2',
  instanceId: '7c43576b-48b1-4c3a-86e5-dcb01872e1f0',
  codeChecksum: '5697641582914695457',
  serviceVersion: 'LATEST',
  bodyLength: 11,
};

describe('buildInvocationHeaders', () => {
  it('describes a successful invocation', () => {
    expect(buildInvocationHeaders(summary)).toEqual({
      'Content-Type': 'application/octet-stream',
      'Content-Length': '11',
      'X-Fc-Invocation-Duration': '12',
      'X-Fc-Max-Memory-Usage': '9.2',
      'X-Fc-Instance-Id': '7c43576b-48b1-4c3a-86e5-dcb01872e1f0',
      'X-Fc-Code-Checksum': '5697641582914695457',
      'X-Fc-Invocation-Service-Version': 'LATEST',
    });
  });

  it('marks a function error and sends its JSON body as JSON', () => {
    const headers = buildInvocationHeaders({ ...summary, errorType: 'HandledInvocationError' });
    expect(headers['X-Fc-Error-Type']).toBe('HandledInvocationError');
    expect(headers['Content-Type']).toBe('application/json');
  });

  it('adds X-Fc-Log-Result only when the tail was asked for', () => {
    expect(buildInvocationHeaders(summary)['X-Fc-Log-Result']).toBeUndefined();
    const log = Buffer.from('FC Invoke Start RequestId: x\n');
    expect(buildInvocationHeaders({ ...summary, tailLog: log })['X-Fc-Log-Result']).toBe(log.toString('base64'));
  });
});

describe('request header values', () => {
  it('reads X-Fc-Log-Type', () => {
    expect(wantsLogTail('Tail')).toBe(true);
    expect(wantsLogTail('tail')).toBe(true);
    expect(wantsLogTail('None')).toBe(false);
    expect(wantsLogTail(undefined)).toBe(false);
  });

  it('reads X-Fc-Invocation-Type', () => {
    expect(parseInvocationType(undefined)).toBe('Sync');
    expect(parseInvocationType('Sync')).toBe('Sync');
    expect(parseInvocationType('Async')).toBe('Async');
    expect(parseInvocationType('async')).toBe('Async');
    expect(parseInvocationType('Later')).toBeUndefined();
  });

  it('decides the size from Content-Length before reading', () => {
    expect(checkDeclaredLength({ 'content-length': '5' }, 10)).toEqual({ ok: true, length: 5 });
    expect(checkDeclaredLength({ 'content-length': '10' }, 10)).toEqual({ ok: true, length: 10 });
    expect(checkDeclaredLength({}, 10)).toEqual({ ok: true, length: 0 });
    expect(checkDeclaredLength({ 'content-length': '33554433' }, 33_554_432)).toEqual({
      ok: false,
      error: { status: 400, code: 'EntityTooLarge', message: 'payload size exceeds maximum allowed size (33554432 bytes)' },
    });
    expect(checkDeclaredLength({ 'transfer-encoding': 'chunked' }, 10)).toMatchObject({
      ok: false,
      error: { status: 400, code: 'MissingRequiredHeader', message: expect.stringContaining('Content-Length is required') },
    });
    expect(checkDeclaredLength({ 'content-length': '1e3' }, 10_000)).toMatchObject({ ok: false, error: { code: 'InvalidArgument' } });
  });
});

describe('invocation results', () => {
  it('formats memory in MB with at most two decimals', () => {
    expect(formatMemoryMb(9420.8)).toBe('9.2');
    expect(formatMemoryMb(44032)).toBe('43');
    expect(formatMemoryMb(45678)).toBe('44.61');
  });

  it('maps outcomes to X-Fc-Error-Type', () => {
    expect(errorTypeOf('success')).toBeNull();
    expect(errorTypeOf('handled')).toBe('HandledInvocationError');
    for (const outcome of ['unhandled', 'timeout', 'exited', 'stopped'] as const) {
      expect(errorTypeOf(outcome)).toBe('UnhandledInvocationError');
    }
  });

  it('uses FC wording for timeouts and exits', () => {
    expect(systemErrorMessage('timeout', 3, 3001, '10')).toBe('Function timed out after 3 seconds');
    expect(systemErrorMessage('exited', 60, 6, '49')).toBe(
      'Process exited unexpectedly before completing request (duration: 6ms, maxMemoryUsage: 49MB)',
    );
  });
});
