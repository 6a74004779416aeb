import { describe, expect, it } from 'vitest';
import { parseFc3HttpAnswer } from '../../../src/emulator/fc3-http-answer.js';
import { buildFc3HttpEvent, type Fc3HttpEventInput } from '../../../src/emulator/fc3-http-event.js';

const input: Fc3HttpEventInput = {
  method: 'GET',
  rawPath: '/example/%E4%B8%AD',
  search: 'parameter1=value1&parameter2=value1&parameter2=value2',
  rawHeaders: ['header1', 'value1', 'Header2', 'value1', 'header2', 'value2', 'User-Agent', 'PostmanRuntime/7.32.3', 'Host', 'x'],
  body: Buffer.from('Hello FC!'),
  accountId: '1234567890',
  domainName: 'web.cn-hangzhou.fcapp.run',
  domainPrefix: 'web',
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  requestId: '1-64f6cd87-0a1b2c3d-4e5f6a7b8c9d',
  now: new Date('2023-09-05T06:41:11.895Z'),
};

describe('buildFc3HttpEvent', () => {
  it("has the shape of FC's documented sample", () => {
    expect(buildFc3HttpEvent(input)).toEqual({
      version: 'v1',
      rawPath: '/example/%E4%B8%AD',
      body: 'Hello FC!',
      isBase64Encoded: false,
      headers: { Header1: 'value1', Header2: 'value1,value2', 'User-Agent': 'PostmanRuntime/7.32.3' },
      queryParameters: { parameter1: 'value1', parameter2: 'value1,value2' },
      requestContext: {
        accountId: '1234567890',
        domainName: 'web.cn-hangzhou.fcapp.run',
        domainPrefix: 'web',
        http: { method: 'GET', path: '/example/中', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'PostmanRuntime/7.32.3' },
        requestId: '1-64f6cd87-0a1b2c3d-4e5f6a7b8c9d',
        time: '2023-09-05T06:41:11Z',
        timeEpoch: '1693896071895',
      },
    });
  });

  it('carries a body that is not UTF-8 as Base64, and an empty one as empty text', () => {
    const binary = Buffer.from([0x00, 0xff, 0xc3, 0x28]);
    expect(buildFc3HttpEvent({ ...input, body: binary })).toMatchObject({ body: binary.toString('base64'), isBase64Encoded: true });
    expect(buildFc3HttpEvent({ ...input, body: Buffer.alloc(0) })).toMatchObject({ body: '', isBase64Encoded: false });
    expect(buildFc3HttpEvent({ ...input, rawHeaders: [] }).requestContext.http.userAgent).toBe('');
  });
});

describe('parseFc3HttpAnswer', () => {
  const parse = (value: unknown) => parseFc3HttpAnswer(Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));

  it('reads {statusCode, headers, isBase64Encoded, body}', () => {
    expect(parse({ statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-N': 3, 'Set-Cookie': ['a=1', 'b=2'] }, body: 'made' })).toEqual({
      ok: true,
      statusCode: 201,
      headers: { 'Content-Type': 'text/plain', 'X-N': '3', 'Set-Cookie': ['a=1', 'b=2'] },
      body: Buffer.from('made'),
    });
    expect(parse({ statusCode: 200, isBase64Encoded: true, body: Buffer.from([0, 255]).toString('base64') })).toMatchObject({ body: Buffer.from([0, 255]) });
    expect(parse({ statusCode: 204 })).toMatchObject({ statusCode: 204, headers: {}, body: Buffer.alloc(0) });
    expect(parse({ statusCode: 200, body: { a: 1 } })).toMatchObject({ body: Buffer.from('{"a":1}') });
  });

  it('sends any other result as the body of a 200', () => {
    for (const result of ['plain text', '{"hello":"world"}', '[1,2]', '42', '{not json', Buffer.from([0x7b, 0xff])]) {
      const bytes = Buffer.isBuffer(result) ? result : Buffer.from(result);
      expect(parseFc3HttpAnswer(bytes)).toEqual({ ok: true, statusCode: 200, headers: {}, body: bytes });
    }
  });

  it.each([
    [{ statusCode: 42 }, 'statusCode 42, which is not an HTTP status from 200 to 599'],
    [{ statusCode: '200' }, 'statusCode "200"'],
    [{ statusCode: 200.5 }, 'statusCode 200.5'],
    [{ statusCode: 600 }, 'statusCode 600'],
    [{ statusCode: 200, headers: 'x' }, '"headers" must be an object'],
    [{ statusCode: 200, headers: { a: { b: 1 } } }, "the value of header 'a'"],
    [{ statusCode: 200, isBase64Encoded: true, body: { a: 1 } }, '"body" must be a Base64 string'],
  ])('refuses %j as an answer', (answer, message) => {
    const parsed = parse(answer);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(message);
  });
});
