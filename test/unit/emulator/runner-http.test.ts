// The `(req, resp, context)` contract, in process: what req holds, how resp answers, when the
// call settles. (test/e2e/emulator-http2.test.ts runs it in real instances.)
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildHttpRequest, callHttpHandler, type HttpHandler } from '../../../src/emulator/runner-http.js';
import type { HttpRequestMeta } from '../../../src/emulator/runner-protocol.js';

const meta: HttpRequestMeta = { method: 'POST', path: '/a', url: '/2016-08-15/proxy/s/f/a?x=1', queries: { x: '1' }, headers: { 'content-type': 'text/plain' }, clientIP: '127.0.0.1' };

function call(handler: HttpHandler, body = Buffer.from('hello')) {
  return callHttpHandler(handler, meta, body, { requestId: 'r' }, () => {});
}

describe('req', () => {
  it('is a byte stream of the body that also has the fields and the body', async () => {
    const req = buildHttpRequest(meta, Buffer.from('hello'));
    expect(req).toMatchObject({ method: 'POST', path: '/a', url: meta.url, queries: { x: '1' }, clientIP: '127.0.0.1', body: Buffer.from('hello') });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello');
    const empty: Buffer[] = [];
    for await (const chunk of buildHttpRequest(meta, Buffer.alloc(0))) empty.push(chunk as Buffer);
    expect(empty).toEqual([]);
  });
});

describe('resp and the end of the call', () => {
  it('answers at send: status, headers in any case (the last set wins, deleteHeader removes), body', async () => {
    const done = await call((_req, resp) => {
      resp.setStatusCode(201);
      resp.setHeader('X-A', 1);
      resp.setHeader('x-a', 'two');
      resp.setHeader('Set-Cookie', ['a=1', 'b=2']);
      resp.setHeader('X-Gone', 'x');
      resp.deleteHeader('X-GONE');
      resp.send('made');
      resp.send('ignored: the answer has gone');
    });
    expect(done).toEqual({ kind: 'success', head: { statusCode: 201, headers: { 'x-a': 'two', 'Set-Cookie': ['a=1', 'b=2'] } }, body: Buffer.from('made') });
  });

  it('sends Buffers, typed arrays, streams and nothing', async () => {
    expect(await call((_req, resp) => resp.send(Buffer.from([0, 255])))).toMatchObject({ body: Buffer.from([0, 255]) });
    expect(await call((_req, resp) => resp.send(new Uint8Array([1, 2]).subarray(1)))).toMatchObject({ body: Buffer.from([2]) });
    expect(await call((_req, resp) => resp.send(Readable.from([Buffer.from('a'), 'b'])))).toMatchObject({ body: Buffer.from('ab') });
    expect(await call((_req, resp) => resp.send())).toMatchObject({ kind: 'success', head: { statusCode: 200, headers: {} }, body: Buffer.alloc(0) });
  });

  it('fails on a throw, a rejection, a failing stream, a bad status or body', async () => {
    const failures: HttpHandler[] = [
      () => {
        throw new Error('thrown');
      },
      async () => {
        throw new Error('rejected');
      },
      (_req, resp) => resp.send(new Readable({ read() { this.destroy(new Error('stream broke')); } })),
      (_req, resp) => resp.setStatusCode(42),
      (_req, resp) => resp.send({ an: 'object' } as unknown as string),
    ];
    for (const handler of failures) expect((await call(handler)).kind).toBe('unhandled');
  });

  it('hands the runner a way to fail the call from outside (an uncaught error), until it settles', async () => {
    let failFromOutside: ((error: unknown) => void) | undefined;
    const done = callHttpHandler(() => undefined, meta, Buffer.alloc(0), {}, (fail) => (failFromOutside = fail));
    failFromOutside?.(new Error('uncaught'));
    expect(await done).toEqual({ kind: 'unhandled', error: new Error('uncaught') });
    expect(failFromOutside).toBeUndefined();
  });
});
