// What an `-o` path is, which decides how it is written: a regular (or missing) file gets
// a temp file renamed into place; anything else is written straight into, since renaming
// over a device, a FIFO or an open descriptor would replace the node instead of feeding it.
// fs.promises loads on first use; importing node:fs/promises would load it on every start.
import { promises as fsp } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * - `atomic`: a regular file or none yet: temp file and rename.
 * - `device`: a character or block device (`/dev/null`; on macOS also `/dev/fd/N`).
 * - `fifo`: a named pipe, or a pipe reached through `/dev/fd/N` (`-o >(cmd)`).
 * - `descriptor`: a regular file reached through an open descriptor (`/dev/stdout`,
 *   `/dev/fd/N`, `/proc/self/fd/N`): written at its end, as the shell's `>` would.
 */
export type OutputTargetKind = 'atomic' | 'device' | 'fifo' | 'descriptor';

/** Linux's per-process descriptor folders, where `/dev/fd` and `/dev/stdout` lead. */
const DESCRIPTOR_DIR = /^\/proc\/(?:self|thread-self|\d+)(?:\/task\/\d+)?\/fd$/;

/** Classifies `target`; a directory is a usage error. */
export async function classifyOutputTarget(target: string): Promise<OutputTargetKind> {
  let info;
  try {
    info = await fsp.stat(target);
  } catch {
    // Missing (or not reachable): the temp file's creation gives the precise message.
    return 'atomic';
  }
  if (info.isDirectory()) throw new UsageError(`output path is a directory: ${target}; give a file name`, { code: 'OutputUnwritable' });
  if (info.isFIFO()) return 'fifo';
  if (!info.isFile()) return 'device';
  return (await reachesDescriptor(target)) ? 'descriptor' : 'atomic';
}

/** True when `path`, or a link it goes through, lies in a descriptor folder. */
async function reachesDescriptor(path: string, hops = 0): Promise<boolean> {
  const absolute = resolve(path);
  const folder = await fsp.realpath(dirname(absolute)).catch(() => dirname(absolute));
  if (DESCRIPTOR_DIR.test(folder)) return true;
  if (hops >= 8) return false;
  const link = await fsp.readlink(absolute).catch(() => null);
  return link === null ? false : reachesDescriptor(resolve(folder, link), hops + 1);
}
