// The file side of a functions folder: reading its JSON files, finding handler modules, and
// telling an FC 3.0 function folder from an FC 2.0 service folder (docs/emulator.md).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FC3_API_VERSION } from '../fc/v2023/headers.js';
import type { Parsed } from './function-config.js';

/** Handler module extensions, in the order they are tried. */
export const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'];

export async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** A JSON file parsed by `parse`; a missing file is parsed as `undefined`. */
export async function readJsonFile<T>(path: string, parse: (json: unknown) => Parsed<T>): Promise<Parsed<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parse(undefined);
    return { ok: false, problem: `cannot be read (${(error as Error).message})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `is not valid JSON (${(error as Error).message})` };
  }
  return parse(json);
}

/** The handler module file for `<module>.<export>`, trying .js, .mjs, .cjs. */
export async function findModule(codeDir: string, module: string): Promise<string | undefined> {
  for (const extension of MODULE_EXTENSIONS) {
    const path = join(codeDir, module + extension);
    if (await isFile(path)) return path;
  }
  return undefined;
}

function declaresFc3(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as Record<string, unknown>)['apiVersion'] === FC3_API_VERSION;
}

/**
 * What a folder directly under the functions folder is: an FC 3.0 function when its
 * function.json says `"apiVersion": "2023-03-30"`, or when it has no service.json and holds
 * index.js, index.mjs or index.cjs; otherwise an FC 2.0 service (the layout before FC 3.0).
 */
export async function classifyFolder(dir: string): Promise<'fc3-function' | 'fc2-service'> {
  const declared = await readJsonFile(join(dir, 'function.json'), (json) => ({ ok: true, value: declaresFc3(json) }));
  if (declared.ok && declared.value) return 'fc3-function';
  if (await isFile(join(dir, 'service.json'))) return 'fc2-service';
  return (await findModule(dir, 'index')) === undefined ? 'fc2-service' : 'fc3-function';
}
