// The node:http side of the emulator: headers in, bodies in and out, error responses.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ResultBody } from './result-body.js';

/** Request headers as one string per lower-case name (Node already joins repeated ones). */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** A JSON error response with `body`. Any unread request body is drained, never buffered. */
export function sendErrorResponse(req: IncomingMessage, res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  req.resume();
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    ...headers,
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

/**
 * The whole request body, with a Content-Length or chunked, while it stays within `limit`:
 * 'too-large' as soon as the declared length or the bytes received pass it. Bytes past the
 * limit are not kept; the error response drains the rest.
 */
export function readBodyWithin(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve('too-large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) settle(() => resolve('too-large'));
      else chunks.push(chunk);
    };
    const onEnd = (): void => settle(() => resolve(Buffer.concat(chunks, size)));
    const onError = (error: Error): void => settle(() => reject(error));
    const onClose = (): void => {
      if (!req.complete) settle(() => reject(new Error('the client closed the connection while sending the body')));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
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
