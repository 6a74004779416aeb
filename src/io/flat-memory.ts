// Keeps memory flat while large events and results stream through. Each chunk lives outside
// the JS heap and is freed only when V8 collects garbage, and V8's external-memory trigger
// lets ~40 MiB of dead chunks pile up first; a minor GC every 4 MiB streamed (about 1 ms
// each) keeps the growth under 10 MiB however large the transfer (docs/benchmarks.md).
import { pipeline, Transform, type Readable } from 'node:stream';
import { setV8Flags } from '../v8-flags.js';

const EVERY_BYTES = 4 * 1024 * 1024;
let collect: ((options: { type: 'minor' }) => void) | undefined;
let since = 0;

function minorGc(): void {
  if (!collect) {
    // node:v8 and node:vm load only here (a few ms), not on every start. setFlagsFromString
    // is Node's documented way to reach gc() without a command-line flag.
    setV8Flags('--expose-gc');
    collect = process.getBuiltinModule('node:vm').runInNewContext('gc') as (options: { type: 'minor' }) => void;
  }
  collect({ type: 'minor' });
}

/** Counts bytes streamed; every 4 MiB runs a minor GC. */
export function streamed(bytes: number): void {
  since += bytes;
  if (since < EVERY_BYTES) return;
  since = 0;
  minorGc();
}

/**
 * `stream` with every chunk counted by `streamed`. Joined by pipeline() so that failures go
 * both ways: an error of `stream` reaches the reader, and a reader that stops (`| head`)
 * destroys `stream`.
 */
export function counted(stream: Readable): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      streamed(chunk.length);
      callback(null, chunk);
    },
  });
  return pipeline(stream, counter, () => {
    // Failures reach the reader through `counter`.
  });
}

/**
 * For a long batch. V8 lets old-space garbage grow to up to four times the live heap before
 * it collects, so peak RSS kept climbing through a batch's first seconds (+17 MiB from 10 k
 * to 1 M lines). A batch's live heap is small (about 9 MiB), so collecting at 1.2 times it
 * costs little: peak RSS stays flat, at no throughput cost measurable (docs/batch.md).
 */
export function collectOldGenerationEarly(): void {
  setV8Flags('--heap-growing-percent=20');
}
