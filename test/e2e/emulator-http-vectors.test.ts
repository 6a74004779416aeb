// The HTTP-trigger signature vectors of the protocol notes, sent as they are to an emulator that
// accepts their fake key and stands at their time: its verifier must accept each one, and refuse
// it once a signed byte changes (test/fixtures/fc2-trigger-signatures.json, fc3-trigger-signatures.json).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, startTestEmulator, type TestEmulator } from '../helpers/emulator.js';
import { triggerError, WEB_FUNCTIONS } from '../helpers/emulator-http.js';

interface VectorCase {
  name: string;
  request: { method: string; url: string; headers: Record<string, string> };
  authorization: string;
}
interface VectorFile {
  fixedInputs: { accessKeyId: string; accessKeySecret: string; date: string };
  cases: VectorCase[];
}

const load = (name: string): VectorFile => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as VectorFile;
const fc2 = load('fc2-trigger-signatures.json');
const fc3 = load('fc3-trigger-signatures.json');

/** An emulator that accepts the vectors' key and whose clock reads their time. */
function startAt(vectors: VectorFile): Promise<TestEmulator> {
  const { accessKeyId, accessKeySecret, date } = vectors.fixedInputs;
  return startTestEmulator({ functionsDir: WEB_FUNCTIONS, keys: [{ accessKeyId, accessKeySecret }], now: () => new Date(date) });
}

function send(emulator: TestEmulator, vector: VectorCase, host: string | undefined, authorization = vector.authorization) {
  const headers = { ...vector.request.headers, authorization, ...(host === undefined || vector.request.headers['host'] ? {} : { host }) };
  return rawRequest(emulator.url, { method: vector.request.method, path: vector.request.url, headers });
}

/** The vector's signature with its last Base64 or hex digit (before any `=` padding) changed. */
function tampered(authorization: string): string {
  const at = authorization.replace(/=+$/, '').length - 1;
  const digit = authorization[at] === 'a' ? 'b' : 'a';
  return authorization.slice(0, at) + digit + authorization.slice(at + 1);
}

describe('FC 2.0 trigger vectors (http-triggers.md §1.3, §1.4)', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startAt(fc2);
  });
  afterAll(() => emulator?.close());

  // The bare-path vector is a trigger domain's request: demo-svc/demo-fn's is demo-svc$demo-fn.
  const hostOf = (vector: VectorCase) => (vector.request.url.startsWith('/2016-08-15/') ? undefined : 'demo-svc$demo-fn.cn-hangzhou.fcapp.run');

  it.each(fc2.cases.map((vector) => [vector.name, vector] as const))('%s is accepted, and refused when changed', async (_name, vector) => {
    const accepted = await send(emulator, vector, hostOf(vector));
    expect(accepted.status).toBe(200);
    expect(accepted.body.toString()).toMatch(new RegExp(`^demo-fn: ${vector.request.method} /`));
    const refused = await send(emulator, vector, hostOf(vector), tampered(vector.authorization));
    expect(triggerError(refused)).toMatchObject({ status: 403, errorType: 'FcCommonError', code: 'SignatureNotMatch' });
  });
});

describe('FC 3.0 trigger vectors (http-triggers.md §3)', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startAt(fc3);
  });
  afterAll(() => emulator?.close());

  it.each(fc3.cases.map((vector) => [vector.name, vector] as const))('%s is accepted, and refused when changed', async (_name, vector) => {
    const accepted = await send(emulator, vector, 'x.cn-hangzhou.fcapp.run');
    expect(accepted.status).toBe(200);
    expect(accepted.body.toString()).toBe(`x: ${vector.request.method} ${new URL(vector.request.url, 'http://x').pathname}`);
    const refused = await send(emulator, vector, 'x.cn-hangzhou.fcapp.run', tampered(vector.authorization));
    expect(triggerError(refused)).toMatchObject({ status: 403, errorType: 'FcCommonError', code: 'SignatureNotMatch' });
  });
});
