import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
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
    await expect(openEventSource({ data: big, stdin, limit: 10 })).rejects.toThrow(/is 11 bytes, over the 10 bytes limit: .*--max-event-size/);
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

describe('inline events', () => {
  it('refuses text holding U+FFFD (what argv bytes that are not UTF-8 become), pointing to -d FILE', async () => {
    await expect(openEventSource({ event: 'caf\uFFFD', stdin, limit: 100 })).rejects.toMatchObject({
      code: 'InvalidInlineEvent',
      exitCode: 2,
      message: expect.stringMatching(/not valid UTF-8.*use -d FILE/),
    });
  });

  it('says where a lowered limit came from and does not advise raising it', async () => {
    const error = await openEventSource({ event: 'abcdefghijk', stdin, limit: { bytes: 10, setBy: '--max-event-size' } }).catch((e: Error) => e);
    expect((error as Error).message).toBe('inline event is 11 bytes, over the 10 bytes limit set by --max-event-size: shrink it');
  });
});

describe('files the stat size cannot vouch for', () => {
  it.runIf(existsSync('/proc/version'))('reads a procfs file (stat size 0) to its end', async () => {
    const content = readFileSync('/proc/version');
    const src = await openEventSource({ data: '/proc/version', stdin, limit: 1024 * 1024 });
    expect(content.length).toBeGreaterThan(0);
    expect(src.size).toBe(content.length);
    expect((await collect(src.open())).equals(content)).toBe(true);
  });

  const sysfs = '/sys/kernel/mm/transparent_hugepage/enabled';
  it.runIf(existsSync(sysfs))('reads a sysfs file (stat size 4096, no blocks) to its end', async () => {
    const content = readFileSync(sysfs);
    const src = await openEventSource({ data: sysfs, stdin, limit: 1024 * 1024 });
    expect(src.size).toBe(content.length);
    expect(src.size).toBeLessThan(statSync(sysfs).size);
  });

  it('reads a FIFO to its end within the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-fifo-'));
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = new Promise<void>((resolve, reject) => {
      const out = createWriteStream(fifo);
      out.on('error', reject);
      out.end(Buffer.from('through a fifo'), resolve);
    });
    const src = await openEventSource({ data: fifo, stdin, limit: 100 });
    await writer;
    expect(src.size).toBe(14);
    expect((await collect(src.open())).toString()).toBe('through a fifo');
  });

  it('refuses a FIFO whose content is over the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-fifo-'));
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const out = createWriteStream(fifo);
    out.on('error', () => {});
    out.write(Buffer.alloc(200));
    await expect(openEventSource({ data: fifo, stdin, limit: 100 })).rejects.toMatchObject({ code: 'EventTooLarge' });
    out.destroy();
  });
});

describe('sha256', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-hash-'));
  const hex = (data: Buffer) => createHash('sha256').update(data).digest('hex');

  it('is the hash of the bytes for every kind of source', async () => {
    const file = join(dir, 'e.bin');
    const bytes = randomBytes(200_000);
    writeFileSync(file, bytes);
    expect(await (await openEventSource({ data: file, stdin, limit: 1e6 })).sha256()).toBe(hex(bytes));
    expect(await (await openEventSource({ event: 'é', stdin, limit: 10 })).sha256()).toBe(hex(Buffer.from('é')));
    expect(await (await openEventSource({ stdin, limit: 10 })).sha256()).toBe(hex(Buffer.alloc(0)));
    const small = await openEventSource({ data: '-', stdin: () => Readable.from([bytes.subarray(0, 10), bytes.subarray(10, 99)]), limit: 1e6 });
    expect(await small.sha256()).toBe(hex(bytes.subarray(0, 99)));
    const big = Buffer.alloc(1024 * 1024 + 5, 3);
    const spilled = await openEventSource({ data: '-', stdin: () => Readable.from([big]), limit: 2e6 });
    expect(Buffer.isBuffer(spilled.open())).toBe(false);
    expect(await spilled.sha256()).toBe(hex(big));
    expect((await collect(spilled.open())).equals(big)).toBe(true);
    await spilled.dispose();
  });

  it('pins the bytes: after the hash pass, a file rewritten with other content of the same size fails', async () => {
    const file = join(dir, 'same-size.json');
    writeFileSync(file, '{"v":"AAAA"}');
    utimesSync(file, 1_000_000, 1_000_000);
    const src = await openEventSource({ data: file, stdin, limit: 100 });
    expect(await src.sha256()).toBe(hex(Buffer.from('{"v":"AAAA"}')));
    writeFileSync(file, '{"v":"BBBB"}');
    // Same inode, size and modification time: only the content tells.
    utimesSync(file, 1_000_000, 1_000_000);
    await expect(collect(src.open())).rejects.toMatchObject({ code: 'EventFileChanged', message: expect.stringMatching(/content is not what was read before/) });
  });
});

describe('spoolEventSource and signals', () => {
  it('stops reading on abort, removes its temp file and rejects with the reason', async () => {
    const before = (await readdir(tmpdir())).filter((n) => n.startsWith('fcinvoke-event-')).length;
    const input = new PassThrough();
    input.write(Buffer.alloc(2 * 1024 * 1024));
    const controller = new AbortController();
    const spooling = spoolEventSource(input, 'standard input', 10 * 1024 * 1024, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await readdir(tmpdir())).filter((n) => n.startsWith('fcinvoke-event-')).length).toBe(before + 1);
    const reason = new Error('interrupted by SIGHUP');
    controller.abort(reason);
    await expect(spooling).rejects.toBe(reason);
    expect((await readdir(tmpdir())).filter((n) => n.startsWith('fcinvoke-event-')).length).toBe(before);
  });
});
