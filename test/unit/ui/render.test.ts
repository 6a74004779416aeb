import { describe, expect, it } from 'vitest';
import { decodeInvocationHeaders } from '../../../src/fc/v2016/response.js';
import { decodeInvocationHeaders as decodeFc3Headers } from '../../../src/fc/v2023/response.js';
import { buildInvocationDocument, withAwaited } from '../../../src/ui/json-document.js';
import { renderFunctionError, renderLogs, renderSummary } from '../../../src/ui/render.js';
import { stackTraceLines } from '../../../src/ui/stack-trace.js';
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

describe('at a terminal', () => {
  const meta = decodeInvocationHeaders({
    'x-fc-request-id': '0bc64375-13bf-41d5-8594-e163a1d534d4',
    'x-fc-invocation-duration': '1',
    'x-fc-max-memory-usage': '42.77',
    'x-fc-instance-id': '35d24031-3442-43d0-889f-d2a6d3673aa0',
    'x-fc-code-checksum': '5931048310495789711',
    'x-fc-invocation-service-version': 'LATEST',
  });

  it('the summary fits the width, breaking only between fields, never inside an ID', () => {
    for (const width of [40, 60, 80, 120]) {
      const lines = renderSummary(meta, plainStyle, {}, width).trimEnd().split('\n');
      for (const line of lines) expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      const text = lines.join('\n');
      expect(text).toContain('0bc64375-13bf-41d5-8594-e163a1d534d4');
      expect(text).toContain('35d24031-3442-43d0-889f-d2a6d3673aa0');
      expect(text.replace(/\n {0,2}/g, ' · ').replace(/: · /g, ': ')).toBe(renderSummary(meta, plainStyle).trimEnd());
    }
    expect(renderSummary(meta, plainStyle, {}, 80)).toBe(
      'request ID: 0bc64375-13bf-41d5-8594-e163a1d534d4 · duration: 1 ms\n' +
        'max memory: 42.77 MB · instance: 35d24031-3442-43d0-889f-d2a6d3673aa0\n' +
        'code checksum: 5931048310495789711 · service version: LATEST\n',
    );
    expect(renderSummary(meta, plainStyle, {}, 40).split('\n').slice(0, 2)).toEqual(['request ID:', '  0bc64375-13bf-41d5-8594-e163a1d534d4']);
  });

  const requestId = '83638265-7995-46af-95c4-6b93bac9326d';
  const raw = `FC Invoke Start RequestId: ${requestId}\n2026-12-01T21:42:22.453Z ${requestId} [INFO] hello ${requestId}\nFC Invoke End RequestId: ${requestId}\n`;

  it('the log block leaves out FC records and the repeated request ID', () => {
    expect(renderLogs(raw, plainStyle, { terminal: true, requestId })).toBe(
      `--- function log ---\n2026-12-01T21:42:22.453Z [INFO] hello ${requestId}\n--- end of log ---\n`,
    );
    expect(renderLogs(raw, plainStyle)).toBe(`--- function log ---\n${raw}--- end of log ---\n`);
  });

  it('no block at all when the function logged nothing, anywhere', () => {
    const empty = `FC Invoke Start RequestId: ${requestId}\nFC Invoke End RequestId: ${requestId}\n`;
    expect(renderLogs(empty, plainStyle)).toBe('');
    expect(renderLogs(empty, plainStyle, { terminal: true, requestId })).toBe('');
  });
});

describe('stackTraceLines', () => {
  it('a Node.js stack as lines, without the line that repeats the error', () => {
    const body = Buffer.from(
      JSON.stringify({
        errorMessage: 'demo/fail: this function always fails',
        errorType: 'Error',
        stackTrace: ['Error: demo/fail: this function always fails', '    at handler (file:///x/runner.js:35:61)', '    at next (file:///x/runner.js:9:1)'],
      }),
    );
    expect(stackTraceLines(body)).toEqual(['    at handler (file:///x/runner.js:35:61)', '    at next (file:///x/runner.js:9:1)']);
    expect(renderFunctionError('HandledInvocationError', { errorType: 'Error', errorMessage: 'boom' }, plainStyle, stackTraceLines(body))).toBe(
      'function error: HandledInvocationError: Error: boom\n    at handler (file:///x/runner.js:35:61)\n    at next (file:///x/runner.js:9:1)\n',
    );
  });

  it('Python frames, a string, escapes, and nothing for other bodies', () => {
    expect(stackTraceLines(Buffer.from(JSON.stringify({ stackTrace: [['/code/index.py', 5, 'handler', 'raise X']] })))).toEqual(['    /code/index.py, 5, handler, raise X']);
    expect(stackTraceLines(Buffer.from(JSON.stringify({ stackTrace: 'a\nb\u001b[2J' })))).toEqual(['    a', '    b\\x1b[2J']);
    expect(stackTraceLines(Buffer.from('not json'))).toEqual([]);
    expect(stackTraceLines(Buffer.from('{"errorMessage":"x"}'))).toEqual([]);
  });
});
