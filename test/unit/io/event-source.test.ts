import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openEventSource, spoolEventSource } from '../../../src/io/event-source.js';

async function collect(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const stdin = () => Readable.from([]);

describe('openEventSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-src-'));

  it('streams a file, re-openable, with its size', async () => {
    const file = join(dir, 'e.bin');
    writeFileSync(file, Buffer.from([0, 1, 2, 255, 13, 10]));
    const src = await openEventSource({ data: file, stdin, limit: 100 });
    expect(src.size).toBe(6);
    expect(await collect(src.open())).toEqual(Buffer.from([0, 1, 2, 255, 13, 10]));
    expect(await collect(src.open())).toEqual(Buffer.from([0, 1, 2, 255, 13, 10]));
  });

  it.each([
    [{ data: '/nonexistent/e.json' }, /event file not found: \/nonexistent\/e.json/],
    [{ data: '' }, /needs a file path/],
    [{ data: 'x', event: 'y' }, /not both/],
  ])('rejects %j', async (input, message) => {
    await expect(openEventSource({ ...input, stdin, limit: 10 })).rejects.toThrow(message);
  });

  it('rejects a directory and an oversized file before reading them', async () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    await expect(openEventSource({ data: sub, stdin, limit: 10 })).rejects.toThrow(/is a directory/);
    const big = join(dir, 'big');
    writeFileSync(big, Buffer.alloc(11));
    await expect(openEventSource({ data: big, stdin, limit: 10 })).rejects.toThrow(/11 bytes .* over the 10 bytes .*--max-event-size/);
  });

  it('refuses a terminal as stdin with a hint', async () => {
    const tty = Object.assign(Readable.from([]), { isTTY: true });
    await expect(openEventSource({ data: '-', stdin: () => tty, limit: 10 })).rejects.toThrow(/is a terminal: pipe or redirect/);
  });

  it('takes inline text as UTF-8 and nothing as empty', async () => {
    expect((await openEventSource({ event: 'é', stdin, limit: 10 })).size).toBe(2);
    expect((await openEventSource({ stdin, limit: 10 })).size).toBe(0);
    await expect(openEventSource({ event: 'x'.repeat(11), stdin, limit: 10 })).rejects.toThrow(/inline event is 11 bytes/);
  });
});

describe('spoolEventSource', () => {
  it('keeps small input in memory and spills large input to a private temp file it removes', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 7);
    big[0] = 1;
    const src = await spoolEventSource(Readable.from([big.subarray(0, 1000), big.subarray(1000)]), 'standard input', 10 * 1024 * 1024);
    expect(src.size).toBe(big.length);
    expect(Buffer.isBuffer(src.open())).toBe(false);
    expect((await collect(src.open())).equals(big)).toBe(true);
    const before = (await readdir(tmpdir())).filter((n) => n.startsWith('fcinvoke-event-'));
    await src.dispose();
    const after = (await readdir(tmpdir())).filter((n) => n.startsWith('fcinvoke-event-'));
    expect(after.length).toBe(before.length - 1);
  });

  it('stops reading at the limit', async () => {
    await expect(spoolEventSource(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), 'standard input', 10)).rejects.toThrow(
      /standard input is more than 10 bytes/,
    );
  });
});
