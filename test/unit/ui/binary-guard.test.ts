// Which results are held back from a terminal, and that text goes through byte-exact.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { OutputSink } from '../../../src/io/sink.js';
import { guardTerminal, looksBinary, SAMPLE_BYTES } from '../../../src/ui/binary-guard.js';

function memorySink(): OutputSink & { bytes: () => Buffer } {
  const parts: Buffer[] = [];
  return {
    path: null,
    lastByte: () => parts.at(-1)?.at(-1) ?? null,
    async write(body) {
      if (Buffer.isBuffer(body)) parts.push(body);
      else for await (const chunk of body) parts.push(chunk as Buffer);
    },
    commit: async () => {},
    abort: async () => {},
    bytes: () => Buffer.concat(parts),
  };
}

describe('looksBinary', () => {
  it('text, coloured text, CRLF, tabs and UTF-8 are text', () => {
    for (const text of ['hello world', 'a\tb\r\nc\n', '\u001b[31mred\u001b[0m', 'ünïcödé ✓ 日本', '\f']) expect(looksBinary(Buffer.from(text), true), text).toBe(false);
  });

  it('NUL, other C0 controls and invalid UTF-8 are binary', () => {
    expect(looksBinary(Buffer.from([0x68, 0x00, 0x69]), true)).toBe(true);
    expect(looksBinary(Buffer.from('bell\u0007'), true)).toBe(true);
    expect(looksBinary(Buffer.from([0xff, 0xfe, 0x41]), true)).toBe(true);
    expect(looksBinary(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), true)).toBe(true);
  });

  it('a character cut at the end of a sample is text, unless the sample is the whole result', () => {
    const cut = Buffer.from('ab€').subarray(0, 4);
    expect(looksBinary(cut, false)).toBe(false);
    expect(looksBinary(cut, true)).toBe(true);
  });
});

describe('guardTerminal', () => {
  it('passes text through byte-exact, from a buffer or a stream of many chunks', async () => {
    const text = Buffer.from('x'.repeat(SAMPLE_BYTES * 3) + 'end');
    const fromBuffer = memorySink();
    await guardTerminal(fromBuffer).write(text);
    expect(fromBuffer.bytes().equals(text)).toBe(true);
    const fromStream = memorySink();
    const guarded = guardTerminal(fromStream);
    const chunks = [text.subarray(0, 100), text.subarray(100, 9000), text.subarray(9000)];
    await guarded.write(Readable.from(chunks));
    expect(fromStream.bytes().equals(text)).toBe(true);
    expect(guarded.withheld()).toBeNull();
    expect(guarded.lastByte()).toBe(0x64);
  });

  it('holds a binary result back, reads it to its end and says its size', async () => {
    const inner = memorySink();
    const guarded = guardTerminal(inner);
    const bytes = Buffer.alloc(20_000, 0);
    await guarded.write(Readable.from([bytes.subarray(0, 5000), bytes.subarray(5000)]));
    expect(inner.bytes().length).toBe(0);
    expect(guarded.withheld()).toBe(20_000);
    expect(guarded.lastByte()).toBeNull();
  });

  it('still fails when a binary result breaks off', async () => {
    const guarded = guardTerminal(memorySink());
    const broken = new Readable({
      read() {
        this.push(Buffer.alloc(SAMPLE_BYTES + 1));
        this.destroy(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
      },
    });
    await expect(guarded.write(broken)).rejects.toThrow('reset');
  });
});
