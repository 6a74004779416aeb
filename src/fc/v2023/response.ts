// FC 3.0's invocation response headers (fc3-protocol §3): FC 2.0's names plus the async task
// ID; duration and memory are not promised, so any of them may be null.
import { decodeInvocationMeta, type InvocationMeta, type ResponseHeaders } from '../response.js';

/** The x-fc-* response headers of an invocation; absent (or non-numeric) ones are null. */
export function decodeInvocationHeaders(headers: ResponseHeaders): InvocationMeta {
  return decodeInvocationMeta(headers, 'x-fc-async-task-id');
}
