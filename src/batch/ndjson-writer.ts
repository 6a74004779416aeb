// Writing result lines to stdout in large writes, honouring backpressure: the batch waits
// for `ready()` before sending more, so a slow reader slows the batch instead of filling
// memory. Every write is checked: a reader that went away (EPIPE) and any other failure
// (ENOSPC, EIO) both stop the batch, told apart, with the first line whose result did not
// get out, so that the batch can say where to resume.
import type { Writable } from 'node:stream';
import { OutputWriteError } from '../errors.js';
import { isReaderGone } from '../io/checked-writer.js';

const FLUSH_BYTES = 64 * 1024;

/** Why the output stopped taking lines. */
export type OutputEnd =
  | { kind: 'reader-gone' }
  | { kind: 'failed'; error: OutputWriteError };

export interface OutputLoss {
  end: OutputEnd;
  /** The first line whose result was not written (null when every line pushed got out). */
  firstLost: number | null;
  /** Finished lines whose results were not written. */
  lost: number;
}

export class NdjsonWriter {
  private pending: string[] = [];
  private pendingFirst: number | null = null;
  private pendingBytes = 0;
  private scheduled = false;
  private draining: Promise<void> | null = null;
  /** The first line of each write not yet confirmed, in order (callbacks come in order). */
  private unconfirmed: { first: number; count: number }[] = [];
  private loss: OutputLoss | null = null;

  constructor(
    private readonly stream: Writable,
    /** Called once when the output stops taking lines. */
    private readonly onClosed: (loss: OutputLoss) => void = () => {},
    /** Called just before each write to the stream. */
    private readonly beforeWrite?: () => void,
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => this.stop(error));
  }

  /** Queues one line (without its newline); `line` is its input line, for the resume line. */
  push(text: string, line: number): void {
    if (this.loss) {
      this.loss.lost++;
      this.loss.firstLost ??= line;
      return;
    }
    this.pending.push(text);
    this.pendingFirst ??= line;
    this.pendingBytes += text.length + 1;
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

  /** Why the output stopped, and what it lost; null while it takes lines. */
  lossSoFar(): OutputLoss | null {
    return this.loss;
  }

  /** Writes what is queued and waits until the stream has taken it (or failed). */
  async end(): Promise<void> {
    this.flush();
    if (this.loss) return;
    await new Promise<void>((resolve) => this.stream.write('', () => resolve()));
  }

  private flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0 || this.loss || this.pendingFirst === null) return;
    const text = `${this.pending.join('\n')}\n`;
    const chunk = { first: this.pendingFirst, count: this.pending.length };
    this.pending = [];
    this.pendingFirst = null;
    this.pendingBytes = 0;
    this.unconfirmed.push(chunk);
    this.beforeWrite?.();
    let ok = true;
    try {
      ok = this.stream.write(text, (error) => {
        if (error) this.stop(error);
        else if (this.unconfirmed[0] === chunk) this.unconfirmed.shift();
      });
    } catch (error) {
      this.stop(error as NodeJS.ErrnoException);
      return;
    }
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

  private stop(error: NodeJS.ErrnoException): void {
    if (this.loss) return;
    const end: OutputEnd = isReaderGone(this.stream, error) ? { kind: 'reader-gone' } : { kind: 'failed', error: new OutputWriteError({ path: null, cause: error }) };
    const lostChunks = this.unconfirmed;
    const firstLost = lostChunks[0]?.first ?? this.pendingFirst;
    const lost = lostChunks.reduce((n, chunk) => n + chunk.count, 0) + this.pending.length;
    this.loss = { end, firstLost, lost };
    this.unconfirmed = [];
    this.pending = [];
    this.pendingFirst = null;
    this.onClosed(this.loss);
  }
}
