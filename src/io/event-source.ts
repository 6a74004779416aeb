// Where the event comes from: a file (snapshotted, streamed from disk), standard input
// (spooled so that its size is known before sending, since the service needs
// Content-Length), inline text, or nothing. Every source can be opened again for a retry
// and sends the same bytes each time.
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import { bufferEventSource, type EventSource } from './event-buffer.js';
import { fileEventSource } from './event-file.js';
import type { SizeLimit } from './event-size.js';
import { spoolEventSource } from './event-spool.js';

export { bufferEventSource, sha256Hex, type EventSource } from './event-buffer.js';
export { fileEventSource, statInputPath } from './event-file.js';
export { formatBytes, groupDigits, tooLargeError, type SizeLimit } from './event-size.js';
export { spoolEventSource, type SpoolOptions } from './event-spool.js';

export interface EventInput {
  data?: string | undefined;
  event?: string | undefined;
  /** Standard input, asked for only when the event comes from it (creating it costs start-up). */
  stdin: () => Readable & { isTTY?: boolean };
  /** The size limit: a number is the default limit; say `setBy` when a flag set it. */
  limit: number | SizeLimit;
  /** Ends a read of standard input or a FIFO that is still waiting (Ctrl-C, SIGHUP). */
  signal?: AbortSignal | undefined;
}

/** What Node makes of argv bytes that are not UTF-8. */
const REPLACEMENT_CHARACTER = '\uFFFD';

/** Chooses the source from `-d`/`-e`; refuses an interactive terminal as stdin. */
export async function openEventSource(input: EventInput): Promise<EventSource> {
  if (input.data !== undefined && input.event !== undefined) {
    throw new UsageError('give the event once: -d/--data or -e/--event, not both', { code: 'ConflictingFlags' });
  }
  if (input.event !== undefined) {
    if (input.event.includes(REPLACEMENT_CHARACTER)) {
      throw new UsageError('the -e text is not valid UTF-8 (it holds U+FFFD, which is what bytes that are not UTF-8 become): put the event in a file and use -d FILE', {
        code: 'InvalidInlineEvent',
      });
    }
    return bufferEventSource(Buffer.from(input.event, 'utf8'), 'inline event', input.limit);
  }
  if (input.data === undefined) return bufferEventSource(Buffer.alloc(0), 'empty event', input.limit);
  if (input.data === '') throw new UsageError('-d/--data needs a file path, or - for standard input', { code: 'MissingArgument' });
  const options = { signal: input.signal };
  if (input.data === '-') {
    const stdin = input.stdin();
    if (stdin.isTTY) {
      throw new UsageError('-d - reads the event from standard input, which is a terminal: pipe or redirect the event in (e.g. -d - < event.json), or use -d FILE', {
        code: 'StdinIsTerminal',
      });
    }
    return spoolEventSource(stdin, 'standard input', input.limit, options);
  }
  return fileEventSource(input.data, input.limit, options);
}
