import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { streamed } from '../../../src/io/flat-memory.js';
import { fileEventSource } from '../../../src/io/event-source.js';

vi.mock('../../../src/io/flat-memory.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/io/flat-memory.js')>();
  return { ...actual, streamed: vi.fn(actual.streamed) };
});

const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-hash-pass-'));
const counted = vi.mocked(streamed);

function countedBytes(): number {
  return counted.mock.calls.reduce((sum, [bytes]) => sum + bytes, 0);
}

describe('the hash pass over a -d file (FC 3.0 signs the body)', () => {
  beforeEach(() => counted.mockClear());

  it('counts every byte it reads for the flat-memory collector, as the send pass does', async () => {
    const size = 5 * 64 * 1024 + 17;
    const bytes = Buffer.alloc(size, 3);
    const file = join(dir, 'event.bin');
    writeFileSync(file, bytes);
    const source = await fileEventSource(file, 1e9);
    expect(await source.sha256()).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(countedBytes()).toBe(size);
    expect(counted.mock.calls.length).toBeGreaterThan(1);
  });

  it('reads the file only once however often the hash is asked for', async () => {
    const file = join(dir, 'twice.bin');
    writeFileSync(file, Buffer.alloc(100_000, 9));
    const source = await fileEventSource(file, 1e9);
    const first = await source.sha256();
    expect(await source.sha256()).toBe(first);
    expect(countedBytes()).toBe(100_000);
  });
});
