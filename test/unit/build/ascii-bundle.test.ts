// Every call reads dist/cli.cjs and a real invocation dist/vendor/undici.cjs as UTF-8. Node
// makes an ASCII file a one-byte string at once, but a single other character (esbuild keeps
// some comments) makes the whole file a two-byte string: about 2 ms more on every start for
// the bundle's 630 KB (docs/benchmarks.md). esbuild escapes every string; comments stay ASCII.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url));

const isAscii = (text: string): boolean => ![...text].some((char) => char.charCodeAt(0) > 0x7f);

/** `file:line: text` of each line holding a character that is not ASCII. */
function nonAsciiLines(file: string): string[] {
  return readFileSync(`${DIST}${file}`, 'utf8')
    .split('\n')
    .flatMap((line, i) => (!isAscii(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 120)}`] : []));
}

describe('the files every invocation reads', () => {
  it.each(['cli.cjs', 'vendor/undici.cjs'])('dist/%s is ASCII only (write comments in src/ in ASCII)', (file) => {
    expect(nonAsciiLines(file)).toEqual([]);
  });

  it('finds a character that is not ASCII, as a check that can fail', () => {
    expect(isAscii('fc3-protocol §2')).toBe(false);
    expect(isAscii('fc3-protocol section 2')).toBe(true);
  });
});
