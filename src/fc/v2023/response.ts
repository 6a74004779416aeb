// FC 3.0's invocation response headers (fc3-protocol §3): FC 2.0's names plus the async task
// ID; duration and memory are not promised, so any of them may be null.
import { decodeLogResult, firstHeader, headerNumber, type InvocationMeta, type ResponseHeaders } from '../response.js';

/** The x-fc-* response headers of an invocation; absent (or non-numeric) ones are null. */
export function decodeInvocationHeaders(headers: ResponseHeaders): InvocationMeta {
  return {
    requestId: firstHeader(headers, 'x-fc-request-id'),
    functionError: firstHeader(headers, 'x-fc-error-type'),
    durationMs: headerNumber(firstHeader(headers, 'x-fc-invocation-duration')),
    maxMemoryMB: headerNumber(firstHeader(headers, 'x-fc-max-memory-usage')),
    instanceId: firstHeader(headers, 'x-fc-instance-id'),
    codeChecksum: firstHeader(headers, 'x-fc-code-checksum'),
    serviceVersion: firstHeader(headers, 'x-fc-invocation-service-version'),
    asyncInvocationId: firstHeader(headers, 'x-fc-async-task-id'),
    log: decodeLogResult(firstHeader(headers, 'x-fc-log-result')),
  };
}
