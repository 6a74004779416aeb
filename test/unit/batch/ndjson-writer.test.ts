// Result lines to stdout: every write checked, a reader that went away told apart from a
// failing device, and the first line whose result did not get out, for the resume line.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NdjsonWriter, type OutputLoss } from '../../../src/batch/ndjson-writer.js';
import { OutputWriteError } from '../../../src/errors.js';

/** A stream that takes `good` writes and fails every later one with `code`. */
function failingAfter(good: number, code: string): { stream: Writable; written: string[] } {
  const written: string[] = [];
  let n = 0;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (chunk.length === 0) return callback();
      if (n++ < good) {
        written.push(chunk.toString());
        callback();
      } else callback(Object.assign(new Error(`write ${code}`), { code }));
    },
  });
  return { stream, written };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('NdjsonWriter', () => {
  it('writes the lines in order, in one write per burst', async () => {
    const { stream, written } = failingAfter(100, 'ENOSPC');
    const writer = new NdjsonWriter(stream);
    writer.push('{"line":1}', 1);
    writer.push('{"line":2}', 2);
    await writer.end();
    expect(written).toEqual(['{"line":1}\n{"line":2}\n']);
    expect(writer.lossSoFar()).toBeNull();
  });

  it.each([
    ['ENOSPC', 'failed'],
    ['EIO', 'failed'],
    ['EPIPE', 'reader-gone'],
  ] as const)('%s: stops (%s), names the first line that did not get out, counts the finished lines lost', async (code, kind) => {
    const { stream, written } = failingAfter(1, code);
    stream.on('error', () => {});
    const losses: OutputLoss[] = [];
    const writer = new NdjsonWriter(stream, (loss) => losses.push(loss));
    writer.push('{"line":1}', 1);
    await tick();
    writer.push('{"line":2}', 2);
    writer.push('{"line":4}', 4);
    await tick();
    await tick();
    writer.push('{"line":5}', 5);
    await writer.end();
    expect(written).toEqual(['{"line":1}\n']);
    expect(losses).toHaveLength(1);
    const loss = writer.lossSoFar()!;
    expect(loss).toMatchObject({ firstLost: 2, lost: 3, end: { kind } });
    if (loss.end.kind === 'failed') {
      expect(loss.end.error).toBeInstanceOf(OutputWriteError);
      expect(loss.end.error.message).toContain(`(${code})`);
    }
  });
});
