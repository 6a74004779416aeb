import { describe, expect, it } from 'vitest';
import { decodeInvocationHeaders } from '../../../src/fc/v2016/response.js';
import { decodeInvocationHeaders as decodeFc3Headers } from '../../../src/fc/v2023/response.js';
import { buildInvocationDocument, withAwaited } from '../../../src/ui/json-document.js';
import { renderFunctionError, renderLogs, renderSummary } from '../../../src/ui/render.js';
import { plainStyle } from '../../../src/ui/style.js';
import { decodeUtf8, escapeControl } from '../../../src/ui/text.js';

describe('escapeControl', () => {
  it('neutralises terminal escapes but keeps newlines and tabs', () => {
    expect(escapeControl('a\u001b[2Jb\tc\nd\u0007\u009b')).toBe('a\\x1b[2Jb\tc\nd\\x07\\x9b');
  });
});

describe('renderSummary', () => {
  it('lists what the service sent, in order, and skips the rest', () => {
    const meta = decodeInvocationHeaders({
      'x-fc-request-id': 'r-1',
      'x-fc-invocation-duration': '12',
      'x-fc-max-memory-usage': '41.2',
      'x-fc-invocation-service-version': 'LATEST',
    });
    expect(renderSummary(meta, plainStyle)).toBe(
      'request ID: r-1 · duration: 12 ms · max memory: 41.2 MB · service version: LATEST\n',
    );
    expect(renderSummary(meta, plainStyle, { attempts: 3 })).toContain(' · attempts: 3');
  });
});

describe('renderLogs and renderFunctionError', () => {
  it('frames the log and escapes what the function printed', () => {
    expect(renderLogs('line 1\r\nevil\u001b]0;title\u0007', plainStyle)).toBe(
      '--- function log ---\nline 1\nevil\\x1b]0;title\\x07\n--- end of log ---\n',
    );
  });
  it('puts the error on one line', () => {
    expect(
      renderFunctionError('HandledInvocationError', { errorType: 'Error', errorMessage: 'bad\ninput' }, plainStyle),
    ).toBe('function error: HandledInvocationError: Error: bad input\n');
  });
});

describe('buildInvocationDocument', () => {
  const meta = decodeInvocationHeaders({ 'x-fc-request-id': 'r', 'x-fc-error-type': 'UnhandledInvocationError' });
  it('puts UTF-8 in body and anything else in bodyBase64', () => {
    const text = buildInvocationDocument({ status: 200, invocationType: 'Sync', meta: null, body: Buffer.from('héllo'), error: null, attempts: 1, apiVersion: '2016-08-15' });
    expect([text.body, text.bodyBase64, text.ok]).toEqual(['héllo', null, true]);
    const binary = buildInvocationDocument({ status: 200, invocationType: 'Sync', meta: null, body: Buffer.from([0xff, 0x00]), error: null, attempts: 1, apiVersion: '2016-08-15' });
    expect([binary.body, binary.bodyBase64]).toEqual([null, '/wA=']);
  });
  it('is not ok when the function failed', () => {
    const doc = buildInvocationDocument({ status: 200, invocationType: 'Sync', meta, body: Buffer.from('{}'), error: null, attempts: 1, apiVersion: '2016-08-15' });
    expect(doc).toMatchObject({ ok: false, functionError: 'UnhandledInvocationError', requestId: 'r' });
  });
  it('has every contract field', () => {
    const doc = buildInvocationDocument({ status: null, invocationType: 'Async', meta: null, body: null, error: null, attempts: 0, apiVersion: '2023-03-30' });
    expect(Object.keys(doc)).toEqual([
      'ok', 'status', 'requestId', 'invocationType', 'functionError', 'durationMs', 'maxMemoryMB', 'instanceId',
      'codeChecksum', 'serviceVersion', 'asyncInvocationId', 'logs', 'body', 'bodyBase64', 'error', 'attempts', 'apiVersion',
    ]);
    expect(doc.apiVersion).toBe('2023-03-30');
  });
  it('keeps apiVersion last after an output file and an awaited invocation', () => {
    const toFile = buildInvocationDocument({ status: 200, invocationType: 'Sync', meta: null, body: null, error: null, attempts: 1, outputFile: 'out.bin', apiVersion: '2023-03-30' });
    expect(Object.keys(toFile).slice(-2)).toEqual(['outputFile', 'apiVersion']);
    const awaited = withAwaited(toFile, { ok: false, invocation: { taskId: 't' } });
    expect(Object.keys(awaited).slice(-2)).toEqual(['invocation', 'apiVersion']);
    expect(awaited).toMatchObject({ ok: false, invocation: { taskId: 't' }, apiVersion: '2023-03-30' });
  });
  it('leaves out of the summary what the service did not send, and uses the API\'s words', () => {
    const bare = decodeFc3Headers({ 'x-fc-request-id': '1-65a4e5c2-3f9d1a7b-8c2e4f6a0b1d', 'x-fc-async-task-id': 'job-1', 'x-fc-invocation-service-version': 'LATEST' });
    const line = renderSummary(bare, plainStyle, { asyncIdLabel: 'async task ID', versionLabel: 'version' });
    expect(line).toBe('request ID: 1-65a4e5c2-3f9d1a7b-8c2e4f6a0b1d · version: LATEST · async task ID: job-1\n');
    expect(line).not.toMatch(/undefined|null|duration|memory/);
  });
  it('decodes strictly', () => {
    expect(decodeUtf8(Buffer.from([0xc3, 0x28]))).toBeNull();
  });
});
