// Where a batch's events come from: the lines of a file or of standard input (read lazily,
// 64 KiB at a time), or one event repeated (--repeat).
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import { readBody } from '../fc/body.js';
import { openEventSource, statInputPath, type SizeLimit } from '../io/event-source.js';
import { readEventLines, type LineItem } from './line-splitter.js';

/** The lines of a file (`-` for standard input), or one event repeated. */
export type BatchInput = { kind: 'lines'; path: string } | { kind: 'repeat'; count: number };

/** What the batch reads, and how. */
export interface BatchSourceSpec {
  input: BatchInput;
  /** The event of --repeat: -d/--data or -e/--event. */
  data: string | undefined;
  event: string | undefined;
  /** Per event, and what set it. */
  eventLimit: SizeLimit;
  /** Lines (or repetitions) before this one are skipped. */
  startLine: number;
}

export interface BatchSource {
  /** Lines in groups (those of one read), so that the batch awaits once per group. */
  items: AsyncIterable<LineItem[]>;
  /** Events in all, when known up front (--repeat). */
  total: number | null;
  /** Bytes of a regular file; null otherwise. */
  size: number | null;
  /**
   * For a regular file: the lines it holds, extrapolated from those read so far (the lines
   * per byte of what was read, times its size); null before any line or for other inputs.
   */
  estimatedTotal(): number | null;
}

async function* repeatEvent(event: Buffer, from: number, count: number): AsyncGenerator<LineItem[]> {
  for (let line = from; line <= count; ) {
    const group: LineItem[] = [];
    for (; line <= count && group.length < 1024; line++) group.push({ line, event });
    yield group;
  }
}

/**
 * Opens the input; a missing or unreadable file is a usage error (exit 2). `signal` (the
 * batch's stop) ends the reading, also of an endless line or a quiet standard input.
 */
export async function openBatchSource(plan: BatchSourceSpec, stdin: () => Readable & { isTTY?: boolean }, signal?: AbortSignal): Promise<BatchSource> {
  if (plan.input.kind === 'repeat') {
    const source = await openEventSource({ data: plan.data, event: plan.event, stdin, limit: plan.eventLimit, signal });
    try {
      const opened = source.open();
      const event = Buffer.isBuffer(opened) ? opened : await readBody(opened);
      const count = plan.input.count;
      return { items: repeatEvent(event, plan.startLine, count), total: Math.max(0, count - plan.startLine + 1), size: null, estimatedTotal: () => null };
    } finally {
      await source.dispose();
    }
  }
  const { path } = plan.input;
  let stream: Readable;
  let size: number | null = null;
  if (path === '-') {
    if (stdin().isTTY) {
      throw new UsageError('--batch - reads the events from standard input, which is a terminal: pipe or redirect them in (e.g. --batch - < events.ndjson)', {
        code: 'StdinIsTerminal',
      });
    }
    stream = stdin();
  } else {
    const info = await statInputPath(path, 'batch');
    if (info.isFile()) size = info.size;
    stream = createReadStream(path, { highWaterMark: 64 * 1024 });
    await new Promise<void>((resolve, reject) => {
      stream.once('readable', resolve);
      stream.once('error', (error: NodeJS.ErrnoException) =>
        reject(new UsageError(`cannot read the batch file ${path}: ${error.code ?? error.message}`, { code: 'EventFileUnreadable', cause: error })),
      );
    });
  }
  let read = 0;
  let lines = 0;
  const items = countLines(
    readEventLines(stream as AsyncIterable<Buffer>, {
      maxBytes: plan.eventLimit.bytes,
      startLine: plan.startLine,
      onBytes: (bytes) => (read += bytes),
      signal,
    }),
    (count) => (lines += count),
  );
  // The reader is a chunk ahead of the batch, so the share of bytes read says little; lines per byte does.
  const estimatedTotal = () => (size === null || read === 0 || lines === 0 ? null : Math.round((lines * size) / Math.min(read, size)));
  return { items, total: null, size, estimatedTotal };
}

async function* countLines(groups: AsyncIterable<LineItem[]>, add: (count: number) => void): AsyncGenerator<LineItem[]> {
  for await (const group of groups) {
    add(group.length);
    yield group;
  }
}
