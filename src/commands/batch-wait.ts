// `run --async --wait` with a batch: one list poll by prefix while the batch sends and
// after it, and the end of the wait (batch/async-fanout.ts and settle-wait.ts do the work).
import type { Dispatcher } from 'undici';
import { pollFanOut, type FanOutWaiter } from '../batch/async-fanout.js';
import { settleWait } from '../batch/settle-wait.js';
import type { AsyncApiClient } from '../fc/async-api.js';
import type { FunctionTarget } from '../fc/names.js';
import { DEFAULT_RETRY_POLICY } from '../fc/retry.js';
import { abortableSleep } from '../fc/sleep.js';
import type { Connection } from './connection.js';
import type { CommandContext } from './context.js';

/** An accepted invocation that no listing shows for this long is given up on. */
const NOT_LISTED_MS = 30_000;

export interface AsyncWaitInput {
  connection: Connection;
  ctx: CommandContext;
  /** The plan's target (the settings may add the qualifier). */
  target: FunctionTarget;
  /** IDs are `<prefix>-<line>`. */
  prefix: string;
  retries: number;
  timeoutSeconds: number | undefined;
  waiter: FanOutWaiter;
  dispatcher: Dispatcher;
  /** Ctrl-C or a closed stdout. */
  stopSignal: AbortSignal;
  /** True once every line has been sent. */
  sendingDone: () => boolean;
}

/**
 * With --wait: one list poll by prefix while sending and after; `finish()`, once every line
 * was sent, waits for the rest within one --timeout budget and settles what is still pending.
 */
export function startAsyncWait(input: AsyncWaitInput): { finish(): Promise<void> } {
  const { ctx, connection, waiter, prefix, stopSignal, timeoutSeconds } = input;
  const deadline = new AbortController();
  const pollSignal = AbortSignal.any([stopSignal, deadline.signal]);
  const client: AsyncApiClient = {
    api: connection.api,
    baseUrl: connection.baseUrl,
    credentials: connection.credentials,
    accountId: connection.accountId,
    userAgent: connection.userAgent,
    dispatcher: input.dispatcher,
    signal: pollSignal,
    policy: { ...DEFAULT_RETRY_POLICY, retries: input.retries },
    now: ctx.now,
    secrets: ctx.secrets,
  };
  const target = { ...input.target, qualifier: input.target.qualifier ?? connection.settings.qualifier?.value };
  const polling = pollFanOut({
    client,
    target,
    prefix,
    waiter,
    sendingDone: input.sendingDone,
    notListedMs: NOT_LISTED_MS,
    sleep: (ms) => abortableSleep(ms, pollSignal),
  });
  // Settled here so that a failed list call is never an unhandled rejection while sending.
  const polled = polling.then(
    () => null,
    (error: unknown) => error,
  );
  return {
    async finish() {
      // One budget for the whole wait: --timeout, counted from the last send.
      const budget = timeoutSeconds === undefined ? undefined : setTimeout(() => deadline.abort(), timeoutSeconds * 1000);
      const failure = await polled;
      clearTimeout(budget);
      if (waiter.pendingCount > 0) {
        settleWait(waiter, failure, { stopped: stopSignal.aborted, timeoutSeconds, prefix, targetArgs: connection.api.targetArgs(input.target) });
      }
    },
  };
}
