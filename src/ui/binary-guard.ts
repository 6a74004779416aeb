// A result bound for a terminal: text goes through byte-exact; bytes that are not text would
// act on the terminal (clear it, move the cursor, switch its character set), so they are
// held back and the caller says how to get them (`-o FILE`, `--json`), as curl does.
import { Readable } from 'node:stream';
import type { OutputSink } from '../io/sink.js';

/** How much of a result the test looks at. */
export const SAMPLE_BYTES = 8192;

/**
 * True when `sample` (the first bytes of a result) is not text for a terminal: it holds a C0
 * control character that text does not use (anything but tab, line feed, form feed, carriage
 * return and escape, which coloured text uses), or it is not valid UTF-8. `complete` says the
 * sample is the whole result; otherwise a character cut at its end is no fault.
 */
export function looksBinary(sample: Uint8Array, complete: boolean): boolean {
  for (const byte of sample) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) return true;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return false;
  } catch {
    return true;
  }
}

/** A sink that holds a binary result back; `withheld()` is then its size in bytes. */
export interface GuardedSink extends OutputSink {
  withheld(): number | null;
}

/** Wraps the stdout sink of a terminal. */
export function guardTerminal(inner: OutputSink): GuardedSink {
  let withheld: number | null = null;
  return {
    path: inner.path,
    lastByte: () => (withheld === null ? inner.lastByte() : null),
    withheld: () => withheld,
    commit: () => inner.commit(),
    abort: () => inner.abort(),
    async write(body) {
      if (Buffer.isBuffer(body)) {
        if (looksBinary(body.subarray(0, SAMPLE_BYTES), body.length <= SAMPLE_BYTES)) withheld = body.length;
        else await inner.write(body);
        return;
      }
      const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      const head: Buffer[] = [];
      let size = 0;
      let ended = false;
      while (size < SAMPLE_BYTES) {
        const next = await chunks.next();
        if (next.done) {
          ended = true;
          break;
        }
        head.push(next.value);
        size += next.value.length;
      }
      const sample = Buffer.concat(head);
      if (looksBinary(sample.subarray(0, SAMPLE_BYTES), ended && size <= SAMPLE_BYTES)) {
        // Read to its end all the same: a result that breaks off is still a failure (exit 5).
        let total = size;
        for (let next = ended ? null : await chunks.next(); next && !next.done; next = await chunks.next()) total += next.value.length;
        withheld = total;
        return;
      }
      await inner.write(Readable.from(rest(sample, ended ? null : chunks)));
    },
  };
}

async function* rest(head: Buffer, chunks: AsyncIterator<Buffer> | null): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) yield head;
    if (!chunks) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  } finally {
    // Stopped early (the reader went away): the answer's stream is closed, as pour() would.
    await chunks?.return?.();
  }
}
