// What a standard stream's descriptor is (fstat), for the terminal decision in ui/terminal.ts:
// a terminal, a pipe or socket, a regular file, another device, or not open at all.
import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { StreamFacts } from './terminal.js';

/** The facts of descriptor `fd` (a terminal is a character device too: isatty tells it apart). */
export function statStream(fd: number): StreamFacts {
  try {
    const stat = fstatSync(fd);
    const id = `${stat.dev}:${stat.ino}`;
    if (isatty(fd)) return { kind: 'terminal', id };
    if (stat.isFIFO() || stat.isSocket()) return { kind: 'pipe', id };
    if (stat.isFile()) return { kind: 'file', id, nonEmpty: stat.size > 0 };
    if (stat.isCharacterDevice() || stat.isBlockDevice()) return { kind: 'device', id };
    return { kind: 'unknown', id };
  } catch (error) {
    return { kind: (error as NodeJS.ErrnoException).code === 'EBADF' ? 'closed' : 'unknown', id: null };
  }
}
