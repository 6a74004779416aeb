// NDJSON splitting: chunk boundaries anywhere, CRLF, empty lines counted, a last line
// without a newline, lines over the limit reported without being kept, --start-line.
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LineSplitter, readEventLines, type LineItem } from '../../../src/batch/line-splitter.js';

function split(chunks: (string | Buffer)[], maxBytes = 1000, startLine = 1): Array<[number, string | number | null]> {
  const splitter = new LineSplitter({ maxBytes, startLine });
  const items: LineItem[] = [];
  for (const chunk of chunks) items.push(...splitter.push(Buffer.from(chunk)));
  items.push(...splitter.end());
  return items.map((item) => ['event' in item ? item.event.toString('latin1') : item.tooLarge] as const).map((v, i) => [items[i]!.line, v[0]]);
}

describe('LineSplitter', () => {
  it('gives one event per non-empty line, numbered by physical line', () => {
    expect(split(['a\n\nb\n\n\nc\n'])).toEqual([
      [1, 'a'],
      [3, 'b'],
      [6, 'c'],
    ]);
  });

  it('drops the CR of CRLF line breaks, and a line that is only CR is empty', () => {
    expect(split(['{"a":1}\r\n\r\nx\ry\r\n'])).toEqual([
      [1, '{"a":1}'],
      [3, 'x\ry'],
    ]);
  });

  it('keeps a last line without a newline', () => {
    expect(split(['a\nlast'])).toEqual([
      [1, 'a'],
      [2, 'last'],
    ]);
    expect(split(['a\n'])).toEqual([[1, 'a']]);
    expect(split([''])).toEqual([]);
  });

  it('joins lines across chunks, including a CRLF split between chunks', () => {
    expect(split(['{"a"', ':1}\r', '\nxy', 'z', '\n'])).toEqual([
      [1, '{"a":1}'],
      [2, 'xyz'],
    ]);
  });

  it('reports a line over the limit whose end is not in its chunk at once, and goes on after it', () => {
    expect(split(['ok\n', 'x'.repeat(5), 'x'.repeat(5), '\nafter\n'], 8)).toEqual([
      [1, 'ok'],
      [2, null],
      [3, 'after'],
    ]);
    const splitter = new LineSplitter({ maxBytes: 8 });
    expect(splitter.push(Buffer.from('x'.repeat(9)))).toEqual([]);
    expect(splitter.push(Buffer.from('x'))).toEqual([{ line: 1, tooLarge: null }]);
    expect(splitter.push(Buffer.from('x'.repeat(100)))).toEqual([]);
    expect(splitter.push(Buffer.from('y'.repeat(20) + '\n'))).toEqual([]);
    expect(splitter.push(Buffer.from('z'.repeat(9)))).toEqual([]);
    expect(splitter.push(Buffer.from('z\nnext\n'))).toEqual([{ line: 2, tooLarge: 10 }, { line: 3, event: Buffer.from('next') }]);
  });

  it('accepts a line of exactly the limit, with or without CR', () => {
    expect(split(['12345678\n12345678\r\n123456789\r\n'], 8)).toEqual([
      [1, '12345678'],
      [2, '12345678'],
      [3, 9],
    ]);
  });

  it('skips lines before --start-line, still counting them', () => {
    expect(split(['a\nb\n\nd\ne'], 1000, 3)).toEqual([
      [4, 'd'],
      [5, 'e'],
    ]);
  });

  it('gives the same lines however the input is cut into chunks', () => {
    const line = fc.oneof(fc.constant(''), fc.stringMatching(/^[a-z{}":\r]{1,12}$/));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 10 }), (lines, crlf, cuts) => {
        const text = lines.join(crlf ? '\r\n' : '\n');
        const bytes = Buffer.from(text);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Buffer[] = [];
        let from = 0;
        for (const p of points) {
          chunks.push(bytes.subarray(from, p));
          from = p;
        }
        chunks.push(bytes.subarray(from));
        expect(split(chunks)).toEqual(split([bytes]));
      }),
    );
  });

  it('does not keep the bytes of an oversized line', () => {
    const splitter = new LineSplitter({ maxBytes: 16 });
    const chunk = Buffer.alloc(1024 * 1024, 0x61);
    expect(splitter.push(chunk)).toEqual([{ line: 1, tooLarge: null }]);
    for (let i = 1; i < 64; i++) expect(splitter.push(chunk)).toEqual([]);
    expect((splitter as unknown as { parts: Buffer[] }).parts).toEqual([]);
    expect(splitter.push(Buffer.from('\n'))).toEqual([]);
  });
});

describe('readEventLines', () => {
  it('reads a stream lazily, a group of lines per chunk, and reports the bytes read', async () => {
    let bytes = 0;
    const items: LineItem[] = [];
    const groups: number[] = [];
    for await (const group of readEventLines(Readable.from([Buffer.from('a\nb'), Buffer.from('c\nd\ne')]), { maxBytes: 10, onBytes: (n) => (bytes += n) })) {
      items.push(...group);
      groups.push(group.length);
    }
    expect(items.map((i) => ('event' in i ? i.event.toString() : i))).toEqual(['a', 'bc', 'd', 'e']);
    // One group per chunk read (and the last line at the end), not one await per line.
    expect(groups).toEqual([1, 2, 1]);
    expect(bytes).toBe(8);
  });

  it('stops reading at the next chunk once the signal is aborted, also inside a line that never ends', async () => {
    const controller = new AbortController();
    let chunks = 0;
    async function* endless(): AsyncGenerator<Buffer> {
      for (;;) {
        chunks++;
        if (chunks === 5) controller.abort();
        yield Buffer.alloc(1024);
      }
    }
    const groups: LineItem[][] = [];
    for await (const group of readEventLines(endless(), { maxBytes: 2048, signal: controller.signal })) groups.push(group);
    expect(groups).toEqual([[{ line: 1, tooLarge: null }]]);
    expect(chunks).toBe(5);
  });
});
