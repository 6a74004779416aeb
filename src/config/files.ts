// Reading configuration files: the real file system, and the one wrapper that turns
// every failure to read into a ConfigError naming the file (never a silent skip).
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ConfigFileSystem } from './settings.js';

/** Config files are small; refusing big ones keeps a hostile `/dev/zero` symlink or a huge file from hanging us. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function failure(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * The real file system. A missing file (or a missing parent directory) is `undefined`;
 * directories, FIFOs and devices are refused before they are opened, because opening a
 * FIFO for reading blocks until someone writes to it. Synchronous underneath: a dozen
 * stats of small files run on every start, and the thread-pool round trips of the async
 * calls cost more than the calls themselves.
 */
export const nodeFileSystem: ConfigFileSystem = {
  async readFile(path) {
    let info;
    try {
      info = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
    if (info.isDirectory()) throw failure('EISDIR', 'is a directory');
    if (!info.isFile()) throw failure('ENOTREG', 'is not a regular file');
    if (info.size > MAX_CONFIG_BYTES) throw failure('EFBIG', 'is too large');
    return readFileSync(path, 'utf8');
  },
  async exists(path) {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  },
};

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory, not a file',
  ENOTREG: 'it is not a regular file',
  EFBIG: `it is larger than ${MAX_CONFIG_BYTES} bytes`,
  ELOOP: 'too many symbolic links',
};

/**
 * The text of a config file without a byte-order mark, or undefined when it does not exist.
 * Any other failure is a ConfigError (exit 3) that names the file.
 */
export async function readConfigText(files: ConfigFileSystem, path: string, display: string): Promise<string | undefined> {
  let text: string | undefined;
  try {
    text = await files.readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = (code && REASONS[code]) ?? (code ? `error ${code}` : 'unknown error');
    throw new ConfigError(`cannot read ${display}: ${reason}; fix it or move it out of the way`, {
      code: 'UnreadableConfig',
      cause: error,
    });
  }
  if (text === undefined) return undefined;
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The path as people write it: `~/...` under the home directory. */
export function displayPath(path: string, home: string): string {
  if (home.length > 1 && home !== sep) {
    const base = home.endsWith(sep) ? home.slice(0, -1) : home;
    if (path === base) return '~';
    if (path.startsWith(base + sep)) return `~${path.slice(base.length)}`;
  }
  return path;
}

/** An absolute path from a user-given one: `~/x` under home, relative to cwd otherwise. */
export function expandPath(path: string, home: string, cwd: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(cwd, path);
}
