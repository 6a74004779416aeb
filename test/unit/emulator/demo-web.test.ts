// The demo web function's echo, and its FC 2.0 and FC 3.0 handlers giving the same answer.
import { describe, expect, it } from 'vitest';
import { answerWebRequest, webEventHandler, webHttpHandler } from '../../../src/emulator/demo-web.js';
import { callHttpHandler } from '../../../src/emulator/runner-http.js';
import type { HttpRequestMeta } from '../../../src/emulator/runner-protocol.js';

const meta: HttpRequestMeta = { method: 'POST', path: '/a', url: '/2016-08-15/proxy/demo/web/a', queries: {}, headers: { 'content-type': 'text/plain' }, clientIP: '127.0.0.1' };

describe('the demo web function', () => {
  it('echoes the request as JSON, hides signatures and tokens, and answers ?status=', () => {
    const answer = answerWebRequest({ method: 'GET', path: '/x', query: { status: '418', k: ['1', '2'] }, headers: { authorization: 'FC id:sig', 'X-Acs-Security-Token': 't', a: 'b' }, body: Buffer.from('hi') });
    expect(answer.statusCode).toBe(418);
    expect(JSON.parse(answer.body)).toEqual({
      method: 'GET',
      path: '/x',
      query: { status: '418', k: ['1', '2'] },
      headers: { authorization: '(not shown)', 'X-Acs-Security-Token': '(not shown)', a: 'b' },
      body: 'hi',
      isBase64Encoded: false,
    });
    expect(answer.body.endsWith('}\n')).toBe(true);
    expect(JSON.parse(answerWebRequest({ method: 'POST', path: '/', query: {}, headers: {}, body: Buffer.from([0xff]) }).body)).toMatchObject({ body: '/w==', isBase64Encoded: true });
    expect(answerWebRequest({ method: 'GET', path: '/', query: { status: '99' }, headers: {}, body: Buffer.alloc(0) }).statusCode).toBe(400);
  });

  it('answers the same through FC 2.0 (HTTP handler) and FC 3.0 (HTTP event)', async () => {
    const fc2 = await callHttpHandler(webHttpHandler, { ...meta, queries: { status: '201' } }, Buffer.from('hello'), {}, () => {});
    const event = { body: 'aGVsbG8=', isBase64Encoded: true, headers: { 'content-type': 'text/plain' }, queryParameters: { status: '201' }, requestContext: { http: { method: 'POST', path: '/a' } } };
    const fc3 = (await webEventHandler(Buffer.from(JSON.stringify(event)))) as { statusCode: number; headers: Record<string, string>; body: string };
    expect(fc2.kind === 'success' && fc2.head.statusCode).toBe(201);
    expect(fc3.statusCode).toBe(201);
    expect(fc3.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(fc2.kind === 'success' && fc2.body.toString()).toBe(fc3.body);
    expect(await webEventHandler(Buffer.from('not an event'))).toMatchObject({ statusCode: 400 });
  });
});
