import { appendFileSync, mkdtempSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileEventSource } from '../../../src/io/event-source.js';

const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-verified-'));
const CHUNK = 64 * 1024;

/** Reads `stream`, running `onChunk` after each chunk; resolves with what arrived and how it ended. */
function drain(stream: Readable, onChunk: (index: number) => void = () => {}): Promise<{ bytes: number; error: (Error & { code?: string }) | null }> {
  return new Promise((resolve) => {
    let bytes = 0;
    let index = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      onChunk(index++);
    });
    stream.on('end', () => resolve({ bytes, error: null }));
    stream.on('error', (error) => resolve({ bytes, error }));
  });
}

function makeFile(name: string, size: number): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.alloc(size, 7));
  return file;
}

describe('a file event is the snapshot taken when it was opened', () => {
  it('sends the same bytes on every open', async () => {
    const file = makeFile('same.bin', 3 * CHUNK + 5);
    const src = await fileEventSource(file, 1e9);
    expect((await drain(src.open() as Readable)).bytes).toBe(3 * CHUNK + 5);
    expect((await drain(src.open() as Readable)).bytes).toBe(3 * CHUNK + 5);
  });

  it('fails a read during which the file shrank, before the body is complete', async () => {
    const file = makeFile('shrinks.bin', 5 * CHUNK);
    const src = await fileEventSource(file, 1e9);
    const result = await drain(src.open() as Readable, (index) => {
      if (index === 0) truncateSync(file, 1000);
    });
    expect(result.error?.code).toBe('EventFileChanged');
    expect(result.error?.message).toMatch(/the event file .*shrinks\.bin changed while it was read \(it ended after 131,072 of 327,680 bytes\); nothing complete was sent/);
    expect(result.bytes).toBeLessThan(5 * CHUNK);
  });

  it('holds the last chunk back until the end check passes: a file that grew at the very end sends it short', async () => {
    const file = makeFile('grows.bin', 2 * CHUNK);
    const src = await fileEventSource(file, 1e9);
    // The first chunk comes out only once the second (last) was read: all bytes are in, then the file grows.
    const result = await drain(src.open() as Readable, (index) => {
      if (index === 0) appendFileSync(file, 'more');
    });
    expect(result.error?.code).toBe('EventFileChanged');
    expect(result.error?.message).toMatch(/it was 131,072 bytes, now 131,076/);
    expect(result.bytes).toBe(CHUNK);
  });

  it('stops cleanly when its reader stops early (the service answered before the body was sent)', async () => {
    const file = makeFile('early.bin', 40 * CHUNK);
    const src = await fileEventSource(file, 1e9);
    for (let i = 0; i < 20; i++) {
      const stream = src.open() as Readable;
      await new Promise<void>((resolve) => {
        stream.once('data', () => {
          stream.destroy();
          stream.once('close', () => resolve());
        });
      });
    }
    // A read still in flight at destroy() would have crashed on a closed descriptor; give it time to.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await drain(src.open() as Readable)).bytes).toBe(40 * CHUNK);
  });

  it('refuses a retry after the file was replaced, written to or removed', async () => {
    const file = makeFile('replaced.json', 100);
    const src = await fileEventSource(file, 1e9);
    await drain(src.open() as Readable);
    const other = makeFile('other.json', 100);
    renameSync(other, file);
    expect((await drain(src.open() as Readable)).error?.message).toMatch(/it was replaced by another file/);

    const touched = makeFile('touched.json', 100);
    const src2 = await fileEventSource(touched, 1e9);
    expect((await drain(src2.open() as Readable)).error).toBeNull();
    const { mtimeMs } = statSync(touched);
    writeFileSync(touched, Buffer.alloc(100, 8));
    // Some file systems keep the old time within their granularity; the content check catches it then.
    const error = (await drain(src2.open() as Readable)).error;
    expect(error?.code).toBe('EventFileChanged');
    expect(error?.message).toMatch(statSync(touched).mtimeMs === mtimeMs ? /content is not what was read before/ : /it was written to/);

    rmSync(touched);
    expect((await drain(src2.open() as Readable)).error?.message).toMatch(/it was removed/);
  });
});
