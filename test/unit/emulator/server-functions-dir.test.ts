// The functions directory is read per request: edits apply, `demo` can be replaced.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc64 } from '../../../src/emulator/checksum.js';
import { listServices } from '../../../src/emulator/functions-dir.js';
import { invokePath, signedRequest, startTestEmulator, FIXTURE_FUNCTIONS, type TestEmulator } from '../../helpers/emulator.js';

let dir: string;
let emulator: TestEmulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fcinvoke-emu-fns-'));
  await mkdir(join(dir, 'demo', 'mine'), { recursive: true });
  await writeFile(join(dir, 'demo', 'mine', 'index.js'), "exports.handler = (e, c, cb) => cb(null, 'v1');\n");
  await mkdir(join(dir, 'svc', 'bad'), { recursive: true });
  await writeFile(join(dir, 'svc', 'bad', 'index.js'), 'exports.handler = () => 1;\n');
  await writeFile(join(dir, 'svc', 'bad', 'function.json'), '{ "timeout": "soon" }');
  emulator = await startTestEmulator({ functionsDir: dir });
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('functions directory', () => {
  it('picks up a changed handler on the next invocation, in a new instance', async () => {
    const path = invokePath('demo', 'mine');
    const first = await signedRequest(emulator.url, { path });
    expect(first.body.toString()).toBe('v1');
    const v2 = "exports.handler = (e, c, cb) => cb(null, 'v2');\n";
    await writeFile(join(dir, 'demo', 'mine', 'index.js'), v2);
    const second = await signedRequest(emulator.url, { path });
    expect(second.body.toString()).toBe('v2');
    expect(second.headers['x-fc-code-checksum']).toBe(crc64(v2));
    expect(second.headers['x-fc-instance-id']).not.toBe(first.headers['x-fc-instance-id']);
  });

  it('a user service named demo replaces the built-in one', async () => {
    const response = await signedRequest(emulator.url, { path: invokePath('demo', 'hello') });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body.toString()).ErrorCode).toBe('FunctionNotFound');
  });

  it('reports an invalid function.json as a server-side error naming the file', async () => {
    const response = await signedRequest(emulator.url, { path: invokePath('svc', 'bad') });
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body.toString()).ErrorMessage).toContain('svc/bad/function.json "timeout"');
  });

  it('lists services for the banner, with problems', async () => {
    const services = await listServices(dir);
    expect(services.map((s) => s.name)).toEqual(['demo', 'svc']);
    expect(services[0]?.functions).toEqual([{ name: 'mine', timeoutSeconds: 60, note: 'mine/index.js' }]);
    expect(services[1]?.problems[0]).toContain('bad:');
    const fixtures = await listServices(FIXTURE_FUNCTIONS);
    expect(fixtures.map((s) => s.name)).toEqual(['demo', 'fixtures', 'plain']);
    expect(fixtures[0]?.builtIn).toBe(true);
    expect(fixtures[1]?.aliases).toEqual({ prod: '1', staging: '2' });
    expect(fixtures[1]?.functions.find((f) => f.name === 'hang')?.timeoutSeconds).toBe(1);
  });
});
