// FC 2.0's invocation response headers (fc2-protocol §4.2).
import { decodeInvocationMeta, type InvocationMeta, type ResponseHeaders } from '../response.js';

/** The X-Fc-* response headers of an invocation; absent ones are null. */
export function decodeInvocationHeaders(headers: ResponseHeaders): InvocationMeta {
  return decodeInvocationMeta(headers, 'x-fc-stateful-async-invocation-id');
}
