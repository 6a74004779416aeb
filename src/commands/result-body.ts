// How a command takes an answer's body to deliver it: whole, or streamed with its bytes
// counted so that memory stays flat (io/flat-memory.ts).
import type { Readable } from 'node:stream';
import { readBody } from '../fc/body.js';
import { firstHeader, type ResponseHeaders } from '../fc/response.js';
import { counted } from '../io/flat-memory.js';

/**
 * A result that declares fewer bytes than this is read whole before it is written: streaming
 * it through the counting Transform into the sink runs stream code that nothing else in a
 * call needs, 3 to 7 ms per invocation (side by side on Node 20 and 24, docs/benchmarks.md),
 * and only a large result needs its memory kept flat.
 */
export const READ_WHOLE_BELOW = 1024 * 1024;

/** The body whole when `whole` (--json, a function error) or when its Content-Length is small; else streamed, counted. */
export function takeBody(body: Readable, headers: ResponseHeaders, whole: boolean): Promise<Buffer> | Readable {
  const declared = firstHeader(headers, 'content-length');
  const small = declared !== null && /^\d{1,15}$/.test(declared) && Number(declared) < READ_WHOLE_BELOW;
  return whole || small ? readBody(body) : counted(body);
}
