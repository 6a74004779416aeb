// A function result on its way from a runner child to the HTTP response: either one buffer
// or chunks that arrive over IPC and are acknowledged as the response consumes them.

export interface ResultBody {
  readonly length: number;
  /** The bytes in order; pulling the next chunk acknowledges the previous one to the runner. */
  chunks(): AsyncIterable<Buffer>;
  /** Stop keeping chunks (the client went away); the rest is acknowledged and dropped. */
  discard(): void;
  /** Settles when every byte has arrived from the runner (or the runner died). */
  readonly done: Promise<void>;
}

/** A body that is already complete. */
export function bufferBody(bytes: Buffer): ResultBody {
  return {
    length: bytes.length,
    async *chunks() {
      if (bytes.length > 0) yield bytes;
    },
    discard() {},
    done: Promise.resolve(),
  };
}

/** The first `limit` bytes of a body; the rest is read and dropped. */
export async function collectPrefix(body: ResultBody, limit: number): Promise<Buffer> {
  const kept: Buffer[] = [];
  let size = 0;
  for await (const chunk of body.chunks()) {
    if (size < limit) kept.push(chunk.subarray(0, limit - size));
    size += chunk.length;
  }
  return Buffer.concat(kept);
}

/** A body fed by `push` as chunks arrive; `ack` tells the runner one chunk was consumed. */
export class ChunkedBody implements ResultBody {
  readonly done: Promise<void>;
  private queue: Buffer[] = [];
  private received = 0;
  private failure: Error | undefined;
  private discarded = false;
  private wake: (() => void) | undefined;
  private markDone!: () => void;

  constructor(
    readonly length: number,
    private readonly ack: () => void,
  ) {
    this.done = new Promise((resolve) => (this.markDone = resolve));
  }

  get complete(): boolean {
    return this.received >= this.length || this.failure !== undefined;
  }

  push(chunk: Buffer): void {
    this.received += chunk.length;
    if (this.discarded) this.ack();
    else this.queue.push(chunk);
    if (this.received >= this.length) this.markDone();
    this.notify();
  }

  fail(error: Error): void {
    if (this.received >= this.length) return;
    this.failure = error;
    this.markDone();
    this.notify();
  }

  discard(): void {
    this.discarded = true;
    for (let i = 0; i < this.queue.length; i++) this.ack();
    this.queue = [];
  }

  async *chunks(): AsyncIterable<Buffer> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        this.ack();
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.received >= this.length) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
