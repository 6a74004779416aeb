// Splitting NDJSON input into events, one per non-empty line, across chunk boundaries:
// line numbers count every physical line (so --start-line resumes exactly), a CR before
// the LF is dropped, and a line over the size limit is reported without being buffered:
// with its size when it ends in the chunk that holds it, else at once (it may never end).

/**
 * One event line, or a line that was too large to send (its bytes were dropped, not kept):
 * `tooLarge` is its size, or null when it was reported before its end, which may never come
 * (`--batch /dev/zero`); the rest of such a line is skipped.
 */
export type LineItem = { line: number; event: Buffer } | { line: number; tooLarge: number | null };

export interface LineSplitterOptions {
  /** Largest event in bytes (the line without its line break). */
  maxBytes: number;
  /** Lines before this one (1-based) are skipped without being kept. Default 1. */
  startLine?: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Push chunks in, get complete lines out; `end()` yields a last line without a newline. */
export class LineSplitter {
  private readonly maxBytes: number;
  private readonly startLine: number;
  private parts: Buffer[] = [];
  /** Bytes of the current line seen so far (kept or not). */
  private seen = 0;
  /** The last byte of the current line so far (-1 for none), kept even when its bytes are not. */
  private lastByte = -1;
  /** The current line was already reported as too large. */
  private reported = false;
  private lineNo = 1;

  constructor(options: LineSplitterOptions) {
    this.maxBytes = options.maxBytes;
    this.startLine = options.startLine ?? 1;
  }

  push(chunk: Buffer): LineItem[] {
    const items: LineItem[] = [];
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(LF, start);
      if (newline === -1) {
        this.keep(chunk.subarray(start));
        // Over the limit with its end not in sight (it may never come): reported now.
        if (this.seen > this.maxBytes + 1 && !this.reported && this.lineNo >= this.startLine) {
          items.push({ line: this.lineNo, tooLarge: null });
          this.reported = true;
        }
        return items;
      }
      this.keep(chunk.subarray(start, newline));
      this.finishLine(items);
      start = newline + 1;
    }
  }

  end(): LineItem[] {
    const items: LineItem[] = [];
    if (this.seen > 0) this.finishLine(items);
    return items;
  }

  private keep(piece: Buffer): void {
    if (piece.length === 0) return;
    this.seen += piece.length;
    this.lastByte = piece[piece.length - 1] ?? -1;
    // One byte of slack for a CR that the line break may still remove.
    if (this.lineNo < this.startLine || this.seen > this.maxBytes + 1) {
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  private finishLine(items: LineItem[]): void {
    const line = this.lineNo++;
    const seen = this.seen;
    const parts = this.parts;
    const size = this.lastByte === CR ? seen - 1 : seen;
    const reported = this.reported;
    this.parts = [];
    this.seen = 0;
    this.lastByte = -1;
    this.reported = false;
    if (line < this.startLine || seen === 0 || reported) return;
    if (size === 0) return;
    if (size > this.maxBytes) {
      items.push({ line, tooLarge: size });
      return;
    }
    // A copy, so that a small event does not keep its whole read chunk alive.
    const event = Buffer.allocUnsafe(size);
    let offset = 0;
    for (const part of parts) offset += part.copy(event, offset, 0, Math.min(part.length, size - offset));
    items.push({ line, event });
  }
}

/**
 * The lines of a stream, read lazily, as the lines of each chunk read (one await per
 * chunk, not per line): the stream is read only as fast as the caller pulls. `onBytes`
 * reports each chunk's size (for progress). An aborted `signal` stops the reading at the
 * next chunk, also inside a line that never ends; the generator then ends without a last
 * line (the caller knows it stopped).
 */
export async function* readEventLines(
  input: AsyncIterable<Buffer | string>,
  options: LineSplitterOptions & { onBytes?: (bytes: number) => void; signal?: AbortSignal | undefined },
): AsyncGenerator<LineItem[]> {
  const splitter = new LineSplitter(options);
  for await (const raw of input) {
    if (options.signal?.aborted) return;
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    options.onBytes?.(chunk.length);
    const items = splitter.push(chunk);
    if (items.length > 0) yield items;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}
