// The batch scheduler: pulls lines lazily, keeps at most the allowed number of invocations
// in flight (the -c ceiling, lowered while the service throttles), and hands each result
// to the reorder buffer so that they leave in input order. On a stop (Ctrl-C, a closed
// stdout) it sends nothing more, lets what is in flight finish, and works out the line to
// resume from.
import type { LineItem } from './line-splitter.js';
import { ReorderBuffer } from './reorder-buffer.js';
import type { EventResult, LineDocument } from './invoke-event.js';
import type { BatchTally, EventOutcome } from './tally.js';
import type { ThrottleController } from './throttle-controller.js';

export interface RunBatchInput {
  /** The lines, a group at a time (see BatchSource). */
  items: AsyncIterable<LineItem[]>;
  /** The first line that may be sent (--start-line). */
  firstLine: number;
  throttle: ThrottleController;
  /** Results held or in flight at most (see windowFor). */
  window: number;
  /** Bytes of results held behind an unfinished one at most (roughly: bodies and logs). */
  maxHeldBytes?: number;
  invoke: (line: number, event: Buffer) => Promise<EventResult>;
  /** A line over the size limit; `size` is null when it was reported before its end. */
  tooLarge: (line: number, size: number | null) => EventResult;
  /** Receives each finished line in input order. */
  emit: (document: LineDocument, outcome: EventOutcome) => void;
  /** Null when the output can take more, else a promise of when it can. */
  ready: () => Promise<void> | null;
  tally: BatchTally;
  /** Aborted to stop sending (Ctrl-C, closed output). */
  stopSignal: AbortSignal;
  /** Called once the input has been read to its end, with the number of lines to send. */
  onInputEnd?: (count: number) => void;
}

export interface RunBatchResult {
  stopped: boolean;
  /** The first line not finished when stopped; null when every line read had finished and the input ended. */
  resumeLine: number | null;
  /** Lines after resumeLine that finished anyway. */
  finishedAfter: number;
  /** Lines that were sent and cut off before their answer was read (they may have run, or still be running), in order. */
  cutOff: number[];
  /** Every line was read. */
  inputEnded: boolean;
}

/** Held results may take this much memory before sending waits for the slow one. */
export const DEFAULT_MAX_HELD_BYTES = 64 * 1024 * 1024;

/**
 * How far past the oldest unfinished event sending may go: wide, because one slow answer
 * (a cold start, a long event) would otherwise stall the whole batch; the byte limit
 * keeps large results from filling memory.
 */
export function windowFor(concurrency: number): number {
  return Math.min(65_536, Math.max(1024, concurrency * 64));
}

function documentBytes(document: LineDocument): number {
  return 512 + (document.body?.length ?? 0) + (document.bodyBase64?.length ?? 0) + (document.logs?.length ?? 0);
}

export interface BatchState {
  inFlight: number;
}

/** Runs the batch to its end or to a stop; `state` shows what is in flight (for progress). */
export async function runBatch(input: RunBatchInput, state: BatchState = { inFlight: 0 }): Promise<RunBatchResult> {
  const { throttle, tally, stopSignal } = input;
  /** Finished lines held behind an unfinished one, by sequence number. */
  const held = new Map<number, number>();
  const maxHeldBytes = input.maxHeldBytes ?? DEFAULT_MAX_HELD_BYTES;
  let heldBytes = 0;
  const reorder = new ReorderBuffer<{ document: LineDocument; outcome: EventOutcome }>(input.window, (done, itemSeq) => {
    held.delete(itemSeq);
    heldBytes -= documentBytes(done.document);
    input.emit(done.document, done.outcome);
  });
  /** Lines sent and not finished, by sequence number. */
  const open = new Map<number, number>();
  const running = new Set<Promise<void>>();
  let lastLine = input.firstLine - 1;
  let inputEnded = false;
  let seq = 0;
  let bug: { error: unknown } | undefined;

  // The loop sleeps until something it waits for may have changed: a slot or room freed,
  // the output drained, the backoff over, a line read, a stop. (Not Promise.race against
  // a long-lived promise: every race would leave a reaction on it, a leak per event.)
  let wakeUp: (() => void) | null = null;
  const wake = (): void => {
    const resolve = wakeUp;
    wakeUp = null;
    resolve?.();
  };
  const nap = (): Promise<void> => new Promise((resolve) => (wakeUp = resolve));
  stopSignal.addEventListener('abort', wake);

  /** Lines sent and cut off (after the grace period, or at a second signal). */
  const cutOff: number[] = [];
  const finish = (itemSeq: number, line: number, result: EventResult): void => {
    if ('interrupted' in result) {
      if (result.sent) cutOff.push(line);
      return;
    }
    open.delete(itemSeq);
    tally.record(result.outcome);
    held.set(itemSeq, line);
    heldBytes += documentBytes(result.document);
    reorder.put(itemSeq, result);
  };
  const iterator = input.items[Symbol.asyncIterator]();
  let queue: LineItem[] = [];
  let queued = 0;
  let read = 0;
  /** The next group of lines; a stop ends the wait (a quiet stdin may never answer). */
  const nextGroup = async (): Promise<LineItem[] | 'ended' | 'stopped'> => {
    let next: IteratorResult<LineItem[]> | undefined;
    let failure: { error: unknown } | undefined;
    iterator.next().then(
      (value) => {
        next = value;
        wake();
      },
      (error: unknown) => {
        failure = { error };
        wake();
      },
    );
    while (next === undefined && failure === undefined && !stopSignal.aborted) await nap();
    // The input stops with the batch (batch-input.ts): an end or a failure then is the stop's.
    if (stopSignal.aborted) return 'stopped';
    if (failure) throw failure.error;
    if (next === undefined) return 'stopped';
    return next.done ? 'ended' : next.value;
  };

  try {
    while (!stopSignal.aborted && !bug) {
      if (!reorder.hasRoom(seq) || heldBytes > maxHeldBytes || state.inFlight >= throttle.allowed) {
        await nap();
        continue;
      }
      const draining = input.ready();
      if (draining) {
        void draining.then(wake);
        await nap();
        continue;
      }
      const pause = throttle.pauseRemaining();
      if (pause > 0) {
        const timer = setTimeout(wake, pause);
        await nap();
        clearTimeout(timer);
        continue;
      }
      if (queued >= queue.length) {
        const group = await nextGroup();
        if (group === 'stopped') break;
        if (group === 'ended') {
          inputEnded = true;
          input.onInputEnd?.(read);
          break;
        }
        queue = group;
        queued = 0;
        read += group.length;
        continue;
      }
      const item = queue[queued++] as LineItem;
      const itemSeq = seq++;
      lastLine = item.line;
      open.set(itemSeq, item.line);
      if ('tooLarge' in item) {
        finish(itemSeq, item.line, input.tooLarge(item.line, item.tooLarge));
        continue;
      }
      state.inFlight++;
      const settle = (): void => {
        state.inFlight--;
        running.delete(tracked);
        wake();
      };
      const tracked: Promise<void> = input.invoke(item.line, item.event).then(
        (result) => {
          settle();
          finish(itemSeq, item.line, result);
        },
        (error: unknown) => {
          settle();
          // A bug, not a failed invocation (those are documents): end the batch with it.
          bug ??= { error };
        },
      );
      running.add(tracked);
    }
  } finally {
    stopSignal.removeEventListener('abort', wake);
    // Stop pulling input (closing a file). Not awaited: a read still pending on a quiet
    // stdin would hold it up; whatever that read brings is after the resume line anyway.
    if (!inputEnded) void iterator.return?.(undefined)?.catch(() => {});
    await Promise.allSettled(running);
  }
  if (bug) throw bug.error;

  cutOff.sort((a, b) => a - b);
  if (!stopSignal.aborted && inputEnded) return { stopped: false, resumeLine: null, finishedAfter: 0, cutOff, inputEnded };
  const unfinished = [...open.values()];
  const resumeLine = unfinished.length > 0 ? Math.min(...unfinished) : inputEnded ? null : lastLine + 1;
  let finishedAfter = 0;
  if (resumeLine !== null) {
    for (const line of held.values()) if (line > resumeLine) finishedAfter++;
  }
  // What finished after the gap is still written (in order): every finished line appears once.
  reorder.flushGaps();
  return { stopped: stopSignal.aborted, resumeLine, finishedAfter, cutOff, inputEnded };
}
