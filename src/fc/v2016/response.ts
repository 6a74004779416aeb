// FC 2.0's invocation response headers (fc2-protocol §4.2).
import { decodeLogResult, firstHeader, headerNumber, type InvocationMeta, type ResponseHeaders } from '../response.js';

/** The X-Fc-* response headers of an invocation; absent ones are null. */
export function decodeInvocationHeaders(headers: ResponseHeaders): InvocationMeta {
  return {
    requestId: firstHeader(headers, 'x-fc-request-id'),
    functionError: firstHeader(headers, 'x-fc-error-type'),
    durationMs: headerNumber(firstHeader(headers, 'x-fc-invocation-duration')),
    maxMemoryMB: headerNumber(firstHeader(headers, 'x-fc-max-memory-usage')),
    instanceId: firstHeader(headers, 'x-fc-instance-id'),
    codeChecksum: firstHeader(headers, 'x-fc-code-checksum'),
    serviceVersion: firstHeader(headers, 'x-fc-invocation-service-version'),
    asyncInvocationId: firstHeader(headers, 'x-fc-stateful-async-invocation-id'),
    log: decodeLogResult(firstHeader(headers, 'x-fc-log-result')),
  };
}
