// Finding FC 3.0 functions: the folder layout beside FC 2.0 services, names, migrated names,
// qualifiers, the built-in demo functions; and the FC 2.0 lookup ignoring FC 3.0 folders.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFc3FunctionConfig } from '../../../src/emulator/fc3-function-config.js';
import { listFc3Functions, lookupFc3Function } from '../../../src/emulator/fc3-functions.js';
import { classifyFolder } from '../../../src/emulator/function-files.js';
import { listServices, lookupFunction } from '../../../src/emulator/functions-dir.js';

let dir: string;

async function put(path: string, text: string): Promise<void> {
  await mkdir(join(dir, path, '..'), { recursive: true });
  await writeFile(join(dir, path), text);
}

const HANDLER = 'exports.handler = (e, c, cb) => cb(null, "ok");\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fcinvoke-fc3-fns-'));
  await put('plainfn/index.js', HANDLER);
  await put('esmfn/index.mjs', HANDLER);
  await put('declared/function.json', '{"apiVersion": "2023-03-30", "handler": "main.run", "versions": ["1"], "aliases": {"prod": "1"}}');
  await put('declared/main.js', 'exports.run = (e, c, cb) => cb(null, "main");\n');
  await put('echo/index.js', HANDLER);
  await put('orders/service.json', '{"versions": ["1"], "aliases": {"live": "1"}}');
  await put('orders/index.js', '// a helper of the service, not a handler\n');
  await put('orders/create/index.js', HANDLER);
  await put('tools/ping/index.js', HANDLER);
  await put('wrongapi/index.js', HANDLER);
  await put('wrongapi/function.json', '{"apiVersion": "2016-08-15"}');
  await put('badjson/index.js', HANDLER);
  await put('badjson/function.json', '{ nope');
  await put('nohandler/function.json', '{"apiVersion": "2023-03-30"}');
  await put('demo/index.js', HANDLER);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function outcome(name: string, qualifier?: string): Promise<string> {
  const found = await lookupFc3Function(dir, { name, qualifier });
  if (!found.ok) return `${found.error.status} ${found.error.code}`;
  const { fn } = found;
  const where = fn.source.kind === 'file' ? fn.source.path.slice(dir.length + 1) : `built-in ${fn.source.name}`;
  return `${fn.service ?? '-'} ${fn.functionName} ${fn.version} ${where}`;
}

describe('the functions folder layout', () => {
  it.each([
    ['plainfn', 'fc3-function'],
    ['esmfn', 'fc3-function'],
    ['declared', 'fc3-function'],
    ['orders', 'fc2-service'],
    ['tools', 'fc2-service'],
    ['wrongapi', 'fc3-function'],
    ['nohandler', 'fc3-function'],
  ])('%s is an %s', async (name, kind) => {
    expect(await classifyFolder(join(dir, name))).toBe(kind);
  });

  it('serves FC 3.0 functions from their folders, with the handler function.json names', async () => {
    expect(await outcome('plainfn')).toBe('- plainfn LATEST plainfn/index.js');
    expect(await outcome('esmfn')).toBe('- esmfn LATEST esmfn/index.mjs');
    expect(await outcome('declared')).toBe('- declared LATEST declared/main.js');
  });

  it('resolves qualifiers from the function.json versions and aliases', async () => {
    expect(await outcome('declared', 'LATEST')).toBe('- declared LATEST declared/main.js');
    expect(await outcome('declared', 'prod')).toBe('- declared 1 declared/main.js');
    expect(await outcome('declared', '1')).toBe('- declared 1 declared/main.js');
    expect(await outcome('declared', '2')).toBe('404 VersionNotFound');
    expect(await outcome('declared', 'beta')).toBe('404 AliasNotFound');
    expect(await outcome('plainfn', 'prod')).toBe('404 AliasNotFound');
  });

  it('reports problems with a function folder as 500 InternalServerError or 404', async () => {
    const wrong = await lookupFc3Function(dir, { name: 'wrongapi', qualifier: undefined });
    expect(wrong.ok ? '' : wrong.error.message).toContain('wrongapi/function.json "apiVersion" must be "2023-03-30"');
    expect(await outcome('badjson')).toBe('500 InternalServerError');
    const missing = await lookupFc3Function(dir, { name: 'nohandler', qualifier: undefined });
    expect(missing.ok ? '' : `${missing.error.code}: ${missing.error.message}`).toBe(
      "FunctionNotFound: function 'nohandler' does not exist (no index.js, .mjs or .cjs in its folder)",
    );
  });

  it('serves the built-in demo functions unless a folder of that name replaces one', async () => {
    expect(await outcome('hello')).toBe('- hello LATEST built-in hello');
    expect(await outcome('hello', 'prod')).toBe('- hello 1 built-in hello');
    expect(await outcome('hello', 'nope')).toBe('404 AliasNotFound');
    expect(await outcome('echo')).toBe('- echo LATEST echo/index.js');
    expect(await outcome('missing')).toBe('404 FunctionNotFound');
    expect(await outcome('orders')).toBe('404 FunctionNotFound');
    const bare = await lookupFc3Function(undefined, { name: 'echo', qualifier: undefined });
    expect(bare.ok && bare.fn.builtIn).toBe(true);
  });

  it('serves every FC 2.0 function as service$function, with the service qualifiers', async () => {
    expect(await outcome('orders$create')).toBe('orders create LATEST orders/create/index.js');
    expect(await outcome('orders$create', 'live')).toBe('orders create 1 orders/create/index.js');
    expect(await outcome('orders$create', 'gone')).toBe('404 AliasNotFound');
    expect(await outcome('orders$create', '7')).toBe('404 VersionNotFound');
    expect(await outcome('orders$nope')).toBe('404 FunctionNotFound');
    expect(await outcome('nosvc$create')).toBe('404 FunctionNotFound');
    expect(await outcome('tools$ping')).toBe('tools ping LATEST tools/ping/index.js');
    // A folder named demo is an FC 3.0 function here, so the built-in demo service stays.
    expect(await outcome('demo$echo')).toBe('demo echo LATEST built-in echo');
    expect(await outcome('demo')).toBe('- demo LATEST demo/index.js');
    const message = await lookupFc3Function(dir, { name: 'orders$create', qualifier: 'gone' });
    expect(message.ok ? '' : message.error.message).toBe("alias 'gone' of function 'orders$create' does not exist");
  });

  it('refuses names FC 3.0 refuses with 400 InvalidArgument, before touching the disk', async () => {
    for (const name of ['9lives', 'a.b', '../orders', 'orders/create', 'a$b$c', '$x', 'a'.repeat(65)]) {
      expect(await outcome(name), name).toBe('400 InvalidArgument');
    }
  });

  it('keeps FC 2.0 lookups and listings to FC 2.0 service folders', async () => {
    const asService = await lookupFunction(dir, { service: 'plainfn', functionName: 'index', qualifier: undefined });
    expect(asService.ok ? '' : asService.error.code).toBe('ServiceNotFound');
    const demo = await lookupFunction(dir, { service: 'demo', functionName: 'hello', qualifier: undefined });
    expect(demo.ok && demo.fn.builtIn).toBe(true);
    expect((await listServices(dir)).map((s) => s.name)).toEqual(['demo', 'orders', 'tools']);
  });

  it('lists FC 3.0 functions for the banner: the user folders, then the built-in ones not replaced', async () => {
    const listing = await listFc3Functions(dir);
    const names = listing.map((fn) => `${fn.name}${fn.builtIn ? '*' : ''}${fn.problem === undefined ? '' : '!'}`);
    expect(names).toEqual([
      'badjson!', 'declared', 'demo', 'echo', 'esmfn', 'nohandler!', 'plainfn', 'wrongapi!',
      'hello*', 'fail*', 'crash*', 'sleep*', 'big*', 'binary*', 'json*', 'web*',
    ]);
    expect(listing.find((fn) => fn.name === 'declared')).toMatchObject({ note: 'declared/main.js', versions: ['1'], aliases: { prod: '1' }, timeoutSeconds: 60 });
    expect((await listFc3Functions(undefined)).map((fn) => fn.name)).toEqual(['hello', 'echo', 'fail', 'crash', 'sleep', 'big', 'binary', 'json', 'web']);
  });
});

describe('parseFc3FunctionConfig', () => {
  it('reads FC 2.0 function fields with versions and aliases', () => {
    expect(parseFc3FunctionConfig({ apiVersion: '2023-03-30', timeout: 3, versions: [1], aliases: { live: 1 } })).toEqual({
      ok: true,
      value: {
        config: { timeoutSeconds: 3, memoryMb: 128, handler: 'index.handler', environmentVariables: {} },
        qualifiers: { versions: ['1'], aliases: { live: '1' } },
      },
    });
    expect(parseFc3FunctionConfig(undefined)).toMatchObject({ ok: true });
  });

  it('refuses a wrong apiVersion and bad fields', () => {
    expect(parseFc3FunctionConfig({ apiVersion: '2016-08-15' })).toMatchObject({ ok: false });
    expect(parseFc3FunctionConfig({ timeout: 'soon' })).toMatchObject({ ok: false, problem: expect.stringContaining('"timeout"') });
    expect(parseFc3FunctionConfig({ versions: ['one'] })).toMatchObject({ ok: false, problem: expect.stringContaining('"versions"') });
  });
});
