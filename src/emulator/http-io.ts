// The node:http side of the emulator: headers in, bodies in and out, error responses.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { renderApiErrorBody, type ApiErrorSpec } from './api-errors.js';
import type { ResultBody } from './result-body.js';

/** Request headers as one string per lower-case name (Node already joins repeated ones). */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** FC's JSON error response. Any unread request body is drained, never buffered. */
export function sendApiError(req: IncomingMessage, res: ServerResponse, error: ApiErrorSpec): void {
  req.resume();
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = renderApiErrorBody(error);
  res.writeHead(error.status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** The whole request body; `length` is the declared Content-Length. */
export function readRequestBody(req: IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    });
    req.once('end', () => resolve(Buffer.concat(chunks, Math.min(size, length))));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('the client closed the connection while sending the event'));
    });
  });
}

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/**
 * Streams a result body with backpressure. When the client goes away the rest is
 * discarded (so the instance can finish); when the instance dies mid-body the socket is
 * destroyed, since the status line has already gone out.
 */
export async function writeResultBody(res: ServerResponse, body: ResultBody): Promise<void> {
  try {
    for await (const chunk of body.chunks()) {
      if (res.destroyed) break;
      if (!res.write(chunk)) await drainOrClose(res);
    }
  } catch {
    res.destroy();
    return;
  } finally {
    body.discard();
  }
  res.end();
}
