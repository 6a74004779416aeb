// Results back in input order with bounded memory: item `seq` may start only while it is
// within `capacity` of the oldest unfinished item, so at most `capacity` results are ever
// in flight or held; each is emitted as soon as every earlier one has been.

export class ReorderBuffer<T> {
  private readonly held = new Map<number, T>();
  private nextSeq = 0;

  constructor(
    readonly capacity: number,
    private readonly emit: (value: T, seq: number) => void,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  /** Results finished but waiting for an earlier one. */
  get heldCount(): number {
    return this.held.size;
  }

  hasRoom(seq: number): boolean {
    return seq < this.nextSeq + this.capacity;
  }

  /** Records the result of `seq` and emits every result that is now in order. */
  put(seq: number, value: T): void {
    if (seq < this.nextSeq || this.held.has(seq)) throw new RangeError(`result ${seq} given twice`);
    this.held.set(seq, value);
    while (this.held.has(this.nextSeq)) {
      const ready = this.held.get(this.nextSeq) as T;
      this.held.delete(this.nextSeq);
      this.emit(ready, this.nextSeq);
      this.nextSeq++;
    }
  }

  /** Emits every held result in order, skipping the gaps (used when a batch is interrupted). */
  flushGaps(): void {
    const seqs = [...this.held.keys()].sort((a, b) => a - b);
    for (const seq of seqs) {
      this.emit(this.held.get(seq) as T, seq);
      this.held.delete(seq);
    }
    this.nextSeq = Math.max(this.nextSeq, (seqs.at(-1) ?? this.nextSeq - 1) + 1);
  }
}
