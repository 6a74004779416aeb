// `--async --wait` with a batch: every accepted invocation is awaited together, with one
// list poll by ID prefix for all of them (not one poller per ID), and each line's document
// is written, in input order, once its invocation has ended.
import { fetchInvocationPage, type AsyncApiClient } from '../fc/async-api.js';
import { isTerminalStatus, pollDelay } from '../fc/async-invocation.js';
import type { FcApi } from '../fc/fc-api.js';
import type { FunctionTarget } from '../fc/names.js';
import { withAwaited, type InvocationDocument } from '../ui/json-document.js';
import type { LineDocument } from './invoke-event.js';
import type { OutcomeClass } from './outcome.js';
import type { BatchTally, EventOutcome } from './tally.js';

interface Entry {
  document: LineDocument;
  /** Null while the invocation runs. */
  outcome: EventOutcome | null;
  done: boolean;
  sentAt: number;
  acceptedAt: number;
  seen: boolean;
}

/** Holds accepted lines until their invocations end; emits every line in input order. */
export class FanOutWaiter {
  private queue: Array<Entry | undefined> = [];
  private head = 0;
  private readonly pending = new Map<string, Entry>();

  constructor(
    private readonly emit: (document: LineDocument) => void,
    private readonly tally: BatchTally,
    private readonly clock: () => number,
    /** How the API in use reads invocation objects and tells an acceptance. */
    private readonly api: Pick<FcApi, 'readAsyncInvocation' | 'isAsyncAccepted'>,
  ) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Takes each send's result, in input order. */
  add(document: LineDocument, outcome: EventOutcome): void {
    const now = this.clock();
    const entry: Entry = { document, outcome, done: true, sentAt: now - (outcome.latencyMs ?? 0), acceptedAt: now, seen: false };
    const id = document.asyncInvocationId;
    if (outcome.kind === 'ok' && document.status !== null && this.api.isAsyncAccepted(document.status) && id) {
      entry.outcome = null;
      entry.done = false;
      this.pending.set(id, entry);
    } else {
      this.tally.record(outcome);
    }
    this.queue.push(entry);
    this.flush();
  }

  /** One invocation object from a list page; an ended one completes its line. */
  observe(json: unknown): void {
    let status: string;
    let id: string;
    let durationMs: number | null;
    try {
      ({ status, invocationId: id, durationMs } = this.api.readAsyncInvocation(json, null));
    } catch {
      return;
    }
    const entry = this.pending.get(id);
    if (!entry) return;
    entry.seen = true;
    if (!isTerminalStatus(status)) return;
    this.pending.delete(id);
    const ok = status === 'Succeeded';
    // As `run --async --wait --json` prints it: the accepted document plus the invocation.
    entry.document = withAwaited(entry.document, { ok, invocation: json });
    entry.outcome = { kind: ok ? 'ok' : 'function', latencyMs: this.clock() - entry.sentAt, durationMs, attempts: entry.document.attempts };
    this.tally.record(entry.outcome);
    entry.done = true;
    this.flush();
  }

  /** Lines accepted longer than `ms` ago whose invocation no listing has shown. */
  unseenFor(ms: number): string[] {
    const limit = this.clock() - ms;
    return [...this.pending].filter(([, e]) => !e.seen && e.acceptedAt < limit).map(([id]) => id);
  }

  /** Ends the wait for the given (default: every) pending line with an error; `kind` null = not counted. */
  giveUp(error: NonNullable<InvocationDocument['error']>, kind: OutcomeClass | null, ids: readonly string[] = [...this.pending.keys()]): void {
    for (const id of ids) {
      const entry = this.pending.get(id);
      if (!entry) continue;
      this.pending.delete(id);
      entry.document = withAwaited(entry.document, { ok: false, error, invocation: null });
      if (kind) {
        entry.outcome = { kind, code: error.code, latencyMs: null, durationMs: null, attempts: entry.document.attempts };
        this.tally.record(entry.outcome);
      }
      entry.done = true;
    }
    this.flush();
  }

  private flush(): void {
    while (this.head < this.queue.length && this.queue[this.head]?.done) {
      this.emit((this.queue[this.head] as Entry).document);
      this.queue[this.head] = undefined;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}

export interface PollFanOutInput {
  client: AsyncApiClient;
  target: FunctionTarget;
  /** IDs are `<prefix>-<line>`. */
  prefix: string;
  waiter: FanOutWaiter;
  /** True once every line has been sent. */
  sendingDone: () => boolean;
  /** Lines never listed this long after their acceptance are given up on. */
  notListedMs: number;
  sleep: (ms: number) => Promise<void>;
}

/** Lists by prefix, page by page, until nothing is pending and sending is over; throws what the list call throws. */
export async function pollFanOut(input: PollFanOutInput): Promise<void> {
  const { client, waiter } = input;
  for (let round = 0; ; ) {
    if (waiter.pendingCount === 0) {
      if (input.sendingDone()) return;
      await input.sleep(100);
      continue;
    }
    await input.sleep(pollDelay(round++));
    await listOnce(input);
    if (input.sendingDone()) {
      const unseen = waiter.unseenFor(input.notListedMs);
      if (unseen.length > 0) {
        waiter.giveUp(
          {
            code: 'InvocationNotListed',
            message: `accepted, but ${client.api.nouns.listAction} has not shown it for ${input.notListedMs / 1000} s: ${client.api.nouns.enableAsync}, if it is off`,
            status: null,
          },
          'api',
          unseen,
        );
      }
    }
  }

  async function listOnce(args: PollFanOutInput): Promise<void> {
    let token: string | null = null;
    for (;;) {
      const query = client.api.buildListQuery({ invocationIdPrefix: `${args.prefix}-` }, client.api.limits.listPage, token);
      const page = await fetchInvocationPage(client, args.target, query);
      for (const invocation of page.invocations) waiter.observe(invocation);
      if (waiter.pendingCount === 0 || page.nextToken === null || page.invocations.length === 0 || page.nextToken === token) return;
      token = page.nextToken;
    }
  }
}
