// The child side of an FC 2.0 HTTP invocation: the `(req, resp, context)` contract of FC's
// Node.js HTTP handlers (http-triggers.md §4.1). The invocation ends when the handler calls
// `resp.send` (or the stream it sends has ended); a throw, a rejection or a crash before that is
// an unhandled error.
import { Readable } from 'node:stream';
import type { HttpAnswerHead, HttpRequestMeta } from './runner-protocol.js';

/** `req`: a readable stream of the body, with the request's fields (and the body as `body`). */
export type HttpRequest = Readable & HttpRequestMeta & { body: Buffer };

/** `resp`: what the handler answers with. */
export interface HttpResponse {
  setStatusCode(statusCode: number): void;
  setHeader(name: string, value: string | number | readonly (string | number)[]): void;
  deleteHeader(name: string): void;
  send(body?: string | Uint8Array | Readable | null): void;
}

/** FC's Node.js HTTP handler. */
export type HttpHandler = (req: HttpRequest, resp: HttpResponse, context: Record<string, unknown>) => unknown;

export type HttpCompletion = { kind: 'success'; head: HttpAnswerHead; body: Buffer } | { kind: 'unhandled'; error: unknown };

/** The `req` object: a byte stream (for raw-body and the like) that also has `body`. */
export function buildHttpRequest(meta: HttpRequestMeta, body: Buffer): HttpRequest {
  let pushed = false;
  const stream = new Readable({
    read() {
      if (!pushed && body.length > 0) this.push(body);
      pushed = true;
      this.push(null);
    },
  });
  return Object.assign(stream, { ...meta, body });
}

function collect(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer | string) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk)));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

/** A `resp` whose first `send` reports the answer; later calls are ignored, as the response has gone. */
export function buildHttpResponse(onAnswer: (head: HttpAnswerHead, body: Buffer) => void, onError: (error: unknown) => void): HttpResponse {
  let statusCode = 200;
  const headers = new Map<string, [string, string | string[]]>();
  let sent = false;
  const answer = (body: Buffer): void => onAnswer({ statusCode, headers: Object.fromEntries(headers.values()) }, body);
  return {
    setStatusCode(code) {
      if (!Number.isInteger(code) || code < 100 || code > 999) throw new RangeError(`resp.setStatusCode: ${String(code)} is not an HTTP status code`);
      statusCode = code;
    },
    setHeader(name, value) {
      headers.set(String(name).toLowerCase(), [String(name), Array.isArray(value) ? value.map(String) : String(value)]);
    },
    deleteHeader(name) {
      headers.delete(String(name).toLowerCase());
    },
    send(body) {
      if (sent) return;
      sent = true;
      if (body instanceof Readable) {
        collect(body).then(answer, onError);
      } else if (body === undefined || body === null) {
        answer(Buffer.alloc(0));
      } else if (typeof body === 'string') {
        answer(Buffer.from(body, 'utf8'));
      } else if (body instanceof Uint8Array) {
        answer(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      } else {
        onError(new TypeError('resp.send takes a string, a Buffer or a readable stream'));
      }
    },
  };
}

/**
 * Calls `handler(req, resp, context)`; settles at the answer or the first error. `bindFail`
 * receives the function that fails this invocation (for the runner's uncaught-error hooks),
 * and `undefined` once it has settled.
 */
export function callHttpHandler(
  handler: HttpHandler,
  meta: HttpRequestMeta,
  body: Buffer,
  context: Record<string, unknown>,
  bindFail: (fail: ((error: unknown) => void) | undefined) => void,
): Promise<HttpCompletion> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (completion: HttpCompletion): void => {
      if (settled) return;
      settled = true;
      bindFail(undefined);
      resolve(completion);
    };
    const fail = (error: unknown): void => settle({ kind: 'unhandled', error });
    bindFail(fail);
    const resp = buildHttpResponse((head, bytes) => settle({ kind: 'success', head, body: bytes }), fail);
    try {
      const returned = handler(buildHttpRequest(meta, body), resp, context);
      if (returned !== null && typeof returned === 'object' && typeof (returned as PromiseLike<unknown>).then === 'function') {
        (returned as PromiseLike<unknown>).then(undefined, fail);
      }
    } catch (error) {
      fail(error);
    }
  });
}
