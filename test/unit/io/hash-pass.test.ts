import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

type FlatMemory = typeof import('../../../src/io/flat-memory.js');
type EventSourceModule = typeof import('../../../src/io/event-source.js');

const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-hash-pass-'));
let counted: Mock<FlatMemory['streamed']>;
let fileEventSource: EventSourceModule['fileEventSource'];

// Unit files share one module registry (vitest.config.ts: isolate false), so the spy goes in
// with doMock and a fresh registry, not a hoisted vi.mock another file's import may precede.
beforeAll(async () => {
  vi.resetModules();
  vi.doMock('../../../src/io/flat-memory.js', async (importOriginal) => {
    const actual = await importOriginal<FlatMemory>();
    counted = vi.fn(actual.streamed);
    return { ...actual, streamed: counted };
  });
  ({ fileEventSource } = await import('../../../src/io/event-source.js'));
});
afterAll(() => {
  vi.doUnmock('../../../src/io/flat-memory.js');
  vi.resetModules();
});

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
