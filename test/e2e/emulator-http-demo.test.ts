// The built-in demo web function, `demo/web` (FC 2.0) and `web` (FC 3.0), on an emulator with
// no functions folder, as a newcomer starts it: signed requests, the echo, the chosen status,
// no signature in the echo, and InvokeFunction's answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLog, invokePath, signedRequest, startTestEmulator, type RawResponse, type TestEmulator } from '../helpers/emulator.js';
import { fc3Error, fc3Path, signedFc3Request } from '../helpers/emulator3.js';
import { anonymousTrigger, fc2Trigger, fc3Trigger, triggerError } from '../helpers/emulator-http.js';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator({ functionsDir: undefined });
});
afterAll(async () => {
  await emulator?.close();
});

const echo = (response: RawResponse): Record<string, unknown> => JSON.parse(response.body.toString()) as Record<string, unknown>;

describe('demo/web (FC 2.0)', () => {
  const path = '/2016-08-15/proxy/demo/web/hello';

  it('echoes a signed request as JSON, with no signature in it', async () => {
    const response = await fc2Trigger(emulator.url, { method: 'POST', path, query: 'name=fc&tag=a&tag=b', body: 'hi', headers: { 'Content-Type': 'text/plain', 'X-Fc-Log-Type': 'Tail' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body.toString()).toMatch(/^\{\n {2}"method": "POST",\n/);
    const body = echo(response);
    expect(body).toMatchObject({ method: 'POST', path: '/hello', query: { name: 'fc', tag: ['a', 'b'] }, body: 'hi', isBase64Encoded: false });
    const headers = body['headers'] as Record<string, string>;
    expect(headers['content-type']).toBe('text/plain');
    expect(headers['authorization']).toBe('(not shown)');
    expect(headers['x-fc-account-id']).toBeUndefined();
    expect(response.body.toString()).not.toMatch(/FC emulator-fake-key-id:/);
    expect(decodeLog(response.headers)).toContain('web: POST /hello (2 bytes) -> 200');
  });

  it('answers the status ?status= names, and 400 for one that is not a status', async () => {
    const teapot = await fc2Trigger(emulator.url, { path, query: 'status=418' });
    expect(teapot.status).toBe(418);
    expect(teapot.headers['x-fc-error-type']).toBeUndefined();
    expect(echo(teapot)['method']).toBe('GET');
    const wrong = await fc2Trigger(emulator.url, { path, query: 'status=abc' });
    expect(wrong.status).toBe(400);
    expect(echo(wrong)).toEqual({ error: "?status= must be an HTTP status from 200 to 599, not 'abc'" });
  });

  it('shows a binary body in Base64, serves its qualifiers, and refuses unsigned requests', async () => {
    const binary = Buffer.from([0xff, 0x00, 0xfe]);
    expect(echo(await fc2Trigger(emulator.url, { method: 'PUT', path, body: binary }))).toMatchObject({ body: binary.toString('base64'), isBase64Encoded: true });
    expect((await fc2Trigger(emulator.url, { path: '/2016-08-15/proxy/demo.prod/web/' })).headers['x-fc-invocation-service-version']).toBe('1');
    expect(triggerError(await anonymousTrigger(emulator.url, { path }))).toMatchObject({ status: 400, errorType: 'FcCommonError', code: 'MissingRequiredHeader' });
  });

  it('cannot be called with InvokeFunction, through either API', async () => {
    const fc2 = await signedRequest(emulator.url, { path: invokePath('demo', 'web'), body: 'x' });
    expect(JSON.parse(fc2.body.toString())).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Function with http trigger(name: httpTrigger) can only be invoked with http trigger URL.',
    });
    expect(fc3Error(await signedFc3Request(emulator.url, { path: fc3Path('demo$web'), body: 'x' }))).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });
});

describe('web (FC 3.0)', () => {
  it('echoes a signed request as its HTTP event has it, with no signature or token in it', async () => {
    const response = await fc3Trigger(emulator.url, { method: 'POST', path: '/web.fcapp.run/hello', query: 'name=fc&tag=a&tag=b', body: 'hi', headers: { 'x-fc-log-type': 'Tail' } });
    expect(response.status).toBe(200);
    expect(response.headers['x-fc-request-id']).toMatch(/^1-/);
    const body = echo(response);
    expect(body).toMatchObject({ method: 'POST', path: '/hello', query: { name: 'fc', tag: 'a,b' }, body: 'hi', isBase64Encoded: false });
    const headers = body['headers'] as Record<string, string>;
    expect(headers['Authorization']).toBe('(not shown)');
    expect(headers['X-Acs-Security-Token']).toBe('(not shown)');
    expect(headers['X-Acs-Date']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(response.body.toString()).not.toContain('Signature=');
    expect(decodeLog(response.headers)).toContain('web: POST /hello (2 bytes) -> 200');
    expect((await fc3Trigger(emulator.url, { path: '/web.fcapp.run/', query: 'status=503' })).status).toBe(503);
  });

  it('says what it expects when called with InvokeFunction', async () => {
    const response = await signedFc3Request(emulator.url, { path: fc3Path('web'), body: 'not an HTTP event' });
    expect(response.status).toBe(200);
    expect(echo(response)).toMatchObject({ statusCode: 400, body: '{"error":"web expects the HTTP event of an HTTP trigger request"}\n' });
  });
});
