import { describe, expect, it } from 'vitest';
import { decodeLogResult, parseApiErrorBody, parseFunctionErrorBody } from '../../../src/fc/response.js';
import { decodeInvocationHeaders } from '../../../src/fc/v2016/response.js';

describe('decodeInvocationHeaders', () => {
  it('reads every X-Fc header, numbers as numbers', () => {
    const meta = decodeInvocationHeaders({
      'x-fc-request-id': 'req-1',
      'x-fc-error-type': 'UnhandledInvocationError',
      'x-fc-invocation-duration': '10',
      'x-fc-max-memory-usage': '9.2',
      'x-fc-instance-id': 'inst',
      'x-fc-code-checksum': '5697641582914695457',
      'x-fc-invocation-service-version': 'LATEST',
      'x-fc-stateful-async-invocation-id': 'a1',
      'x-fc-log-result': Buffer.from('FC Invoke Start\nhi\n').toString('base64'),
    });
    expect(meta).toEqual({
      requestId: 'req-1',
      functionError: 'UnhandledInvocationError',
      durationMs: 10,
      maxMemoryMB: 9.2,
      instanceId: 'inst',
      codeChecksum: '5697641582914695457',
      serviceVersion: 'LATEST',
      asyncInvocationId: 'a1',
      log: { text: 'FC Invoke Start\nhi\n', problem: null },
    });
  });
  it('gives null for what the service did not send or sent garbled', () => {
    const meta = decodeInvocationHeaders({ 'x-fc-invocation-duration': 'abc' });
    expect(meta.durationMs).toBeNull();
    expect(meta.requestId).toBeNull();
    expect(meta.log).toEqual({ text: null, problem: null });
  });
});

describe('decodeLogResult', () => {
  it('shows what decodes of invalid base64 and says so', () => {
    const valid = Buffer.from('hello log').toString('base64');
    const result = decodeLogResult(`${valid}!!`);
    expect(result.text).toContain('hello log');
    expect(result.problem).toMatch(/not valid base64/);
  });
});

describe('parseApiErrorBody', () => {
  it.each([
    ['{"ErrorCode":"FunctionNotFound","ErrorMessage":"function not found"}', 'FunctionNotFound', 'function not found'],
    ['{"errorCode":"ServiceNotFound","errorMessage":"service x not found"}', 'ServiceNotFound', 'service x not found'],
    ['{"Code":"Throttled","Message":"slow down"}', 'Throttled', 'slow down'],
    ['<html>Bad gateway</html>\n', 'HTTP502', '<html>Bad gateway</html>'],
    ['', 'HTTP502', '(empty response body)'],
    ['{"ErrorCode":"X"}', 'X', '(no message)'],
    ['[1,2]', 'HTTP502', '[1,2]'],
  ])('%j', (body, code, message) => {
    expect(parseApiErrorBody(502, Buffer.from(body))).toEqual({ code, message });
  });
});

describe('parseFunctionErrorBody', () => {
  it('reads errorType and errorMessage, and tolerates any body', () => {
    expect(parseFunctionErrorBody(Buffer.from('{"errorMessage":"boom","errorType":"Error","stackTrace":[]}'))).toEqual({
      errorType: 'Error',
      errorMessage: 'boom',
    });
    expect(parseFunctionErrorBody(Buffer.from('not json'))).toEqual({ errorType: null, errorMessage: null });
  });
});
