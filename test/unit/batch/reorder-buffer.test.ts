// The reorder buffer: emits in order whatever the completion order, and never lets more
// than `capacity` results be in flight or held.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReorderBuffer } from '../../../src/batch/reorder-buffer.js';

describe('ReorderBuffer', () => {
  it('emits each result as soon as every earlier one has been emitted', () => {
    const out: string[] = [];
    const buffer = new ReorderBuffer<string>(8, (value) => out.push(value));
    buffer.put(1, 'b');
    buffer.put(2, 'c');
    expect(out).toEqual([]);
    expect(buffer.heldCount).toBe(2);
    buffer.put(0, 'a');
    expect(out).toEqual(['a', 'b', 'c']);
    expect(buffer.heldCount).toBe(0);
    // The window now starts at 3: sequence numbers 3 to 10 may start.
    expect([buffer.hasRoom(10), buffer.hasRoom(11)]).toEqual([true, false]);
  });

  it('emits in input order for any completion order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }).chain((n) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n })), (order) => {
        const out: number[] = [];
        const buffer = new ReorderBuffer<number>(order.length, (value) => out.push(value));
        for (const seq of order) buffer.put(seq, seq);
        expect(out).toEqual([...order].sort((a, b) => a - b));
      }),
    );
  });

  it('bounds what may start to capacity past the oldest unfinished result', () => {
    const buffer = new ReorderBuffer<number>(3, () => {});
    expect(buffer.hasRoom(2)).toBe(true);
    expect(buffer.hasRoom(3)).toBe(false);
    buffer.put(1, 1);
    buffer.put(2, 2);
    // Finished results behind the oldest unfinished one still take room.
    expect(buffer.hasRoom(3)).toBe(false);
    buffer.put(0, 0);
    expect(buffer.hasRoom(5)).toBe(true);
    expect(buffer.hasRoom(6)).toBe(false);
  });

  it('refuses a result given twice', () => {
    const buffer = new ReorderBuffer<number>(3, () => {});
    buffer.put(0, 0);
    expect(() => buffer.put(0, 0)).toThrow(RangeError);
  });

  it('flushes what is held past a gap, in order, when the batch stops', () => {
    const out: number[] = [];
    const buffer = new ReorderBuffer<number>(10, (value) => out.push(value));
    buffer.put(0, 0);
    buffer.put(3, 3);
    buffer.put(2, 2);
    buffer.flushGaps();
    expect(out).toEqual([0, 2, 3]);
    expect(buffer.heldCount).toBe(0);
  });
});
