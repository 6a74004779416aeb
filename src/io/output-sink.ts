// Where the result goes: standard output, streamed byte-exact, or an `-o` path: a regular
// file written atomically (a temp file renamed into place only when complete), anything
// else (a device, a FIFO, /dev/fd/N) written straight into. Every write is checked: a
// failure rejects with an OutputWriteError (exit 6), a reader that went away ends quietly.
import type { Writable } from 'node:stream';
import { pour, streamDestination } from './checked-writer.js';
import { atomicSink, directSink, type FileSinkOptions } from './file-sinks.js';
import { classifyOutputTarget } from './output-target.js';
import type { OutputSink } from './sink.js';

export type { OutputSink } from './sink.js';

export type { FileSinkOptions } from './file-sinks.js';

/** Standard output; EPIPE (e.g. `| head`) ends the result quietly. */
export function stdoutSink(stdout: Writable): OutputSink {
  let last: number | null = null;
  const destination = streamDestination(stdout);
  return {
    path: null,
    lastByte: () => last,
    async write(body) {
      const result = await pour(body, destination);
      last = result.lastByte ?? last;
    },
    async commit() {},
    async abort() {},
  };
}

/**
 * The sink for `-o PATH`, opened before anything is sent so that an unwritable folder or
 * device is a usage error (exit 2) and not a result lost after the function ran. A
 * regular or missing file is written atomically; any other node is written straight into.
 */
export async function openFileSink(target: string, options: FileSinkOptions = {}): Promise<OutputSink> {
  const kind = await classifyOutputTarget(target);
  return kind === 'atomic' ? atomicSink(target, options) : directSink(target, kind, options);
}
