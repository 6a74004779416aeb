// A tiny tmpfs to fill up, for tests of writes that run out of space. Mounting needs root
// and a kernel that lets this process mount; elsewhere `mountTinyTmpfs` returns null and
// the tests that need it are skipped.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TinyDisk {
  dir: string;
  /** Unmounts and removes the folder. */
  remove(): void;
}

/** Mounts a tmpfs of `kib` KiB on a fresh folder, or returns null where that is not possible. */
export function mountTinyTmpfs(kib: number): TinyDisk | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
  return {
    dir,
    remove() {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
