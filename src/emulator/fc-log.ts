// The FC-style invocation log and its tail (fc2-protocol §3 X-Fc-Log-Type, §4.2 X-Fc-Log-Result).

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** Bytes of the log returned with `X-Fc-Log-Type: Tail` (doc-invoke: the last 4 KB). */
export const LOG_TAIL_BYTES = 4096;

export function invokeStartLine(requestId: string): string {
  return `FC Invoke Start RequestId: ${requestId}\n`;
}

export function invokeEndLine(requestId: string): string {
  return `FC Invoke End RequestId: ${requestId}\n`;
}

/**
 * One record as FC's Node.js runtime writes it: `<ISO time> <requestId> [LEVEL] <text>\n`.
 * A multi-line message stays one record (continuation lines unprefixed), as in FC's logs.
 */
export function formatLogRecord(time: Date, requestId: string, level: LogLevel, text: string): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return `${time.toISOString()} ${requestId} [${level}] ${body}\n`;
}

/** Base64 of the last `limit` bytes of `log`: the `X-Fc-Log-Result` header value. */
export function encodeLogTail(log: Uint8Array, limit = LOG_TAIL_BYTES): string {
  const start = Math.max(0, log.length - limit);
  return Buffer.from(log.buffer, log.byteOffset + start, log.length - start).toString('base64');
}

/**
 * Keeps the last `capacity` bytes of everything appended; memory stays bounded for chatty
 * handlers. `onRecord` sees each record the function logged (not FC's Start/End framing).
 */
export class LogTail {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly capacity = LOG_TAIL_BYTES * 4,
    private readonly onRecord?: (record: string) => void,
  ) {}

  /** A record of the function's (its log lines, or FC's error record for a timeout or crash). */
  append(text: string | Uint8Array): void {
    if (this.store(text) && this.onRecord) this.onRecord(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
  }

  /** FC's own framing (`FC Invoke Start/End RequestId: ...`): in the tail, not shown to `onRecord`. */
  appendFrame(text: string): void {
    this.store(text);
  }

  private store(text: string | Uint8Array): boolean {
    const chunk = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
    if (chunk.length === 0) return false;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > this.capacity * 2) this.compact();
    return true;
  }

  /** The retained tail (at most `capacity` bytes, at least the last `capacity` appended). */
  bytes(): Buffer {
    this.compact();
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private compact(): void {
    const all = Buffer.concat(this.chunks, this.size);
    const tail = all.length > this.capacity ? Buffer.from(all.subarray(all.length - this.capacity)) : all;
    this.chunks = tail.length > 0 ? [tail] : [];
    this.size = tail.length;
  }
}

/** Splits raw stream writes into complete lines; the remainder waits for its newline or `flush`. */
export class LogLineSplitter {
  private pending = '';

  push(text: string): string[] {
    const joined = this.pending + text;
    const lines = joined.split('\n');
    this.pending = lines.pop() ?? '';
    return lines;
  }

  flush(): string[] {
    const rest = this.pending;
    this.pending = '';
    return rest === '' ? [] : [rest];
  }
}
