// Writing result lines to stdout in large writes, honouring backpressure: the batch waits
// for `ready()` before sending more, so a slow reader slows the batch instead of filling
// memory. A reader that went away (EPIPE) ends the batch quietly.
import type { Writable } from 'node:stream';

const FLUSH_BYTES = 64 * 1024;

export class NdjsonWriter {
  private pending: string[] = [];
  private pendingBytes = 0;
  private scheduled = false;
  private draining: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly stream: Writable,
    /** Called once when the reader went away. */
    private readonly onClosed: () => void = () => {},
    /** Called just before each write to the stream. */
    private readonly beforeWrite?: () => void,
  ) {
    stream.on('error', () => this.markClosed());
  }

  /** Queues one line (without its newline). */
  push(line: string): void {
    if (this.closed) return;
    this.pending.push(line);
    this.pendingBytes += line.length + 1;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Null when the stream can take more; else resolves when it can. */
  ready(): Promise<void> | null {
    return this.draining;
  }

  /** Writes what is queued and waits until the stream has taken it. */
  async end(): Promise<void> {
    this.flush();
    if (this.closed) return;
    await new Promise<void>((resolve) => this.stream.write('', () => resolve()));
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.closed) return;
    const text = `${this.pending.join('\n')}\n`;
    this.pending = [];
    this.pendingBytes = 0;
    this.beforeWrite?.();
    const ok = this.stream.write(text, (error) => {
      if (error) this.markClosed();
    });
    if (!ok && !this.draining) {
      this.draining = new Promise((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.draining = null;
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.onClosed();
  }
}
