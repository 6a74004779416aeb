// Entry point of one FC "instance": a child process forked by the emulator that loads one
// handler and runs one invocation at a time, capturing its console output as FC logs.
// Built on its own as dist/emulator-runner.js (see runner-path.ts).
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { DEMO_FUNCTIONS, type EventHandler } from './demo-functions.js';
import { formatLogRecord, LogLineSplitter, type LogLevel } from './fc-log.js';
import { describeError, encodeError, encodeResult } from './handler-result.js';
import { callHttpHandler, type HttpHandler } from './runner-http.js';
import {
  asBuffer,
  type HttpAnswerHead,
  RESULT_CHUNK_BYTES,
  RESULT_WINDOW,
  type ChildMessage,
  type InvocationContext,
  type Outcome,
  type ParentMessage,
  type RunnerSpec,
} from './runner-protocol.js';

type Completion = { kind: 'success'; value: unknown } | { kind: 'handled' | 'unhandled'; error: unknown };

if (!process.send) {
  process.stderr.write('emulator-runner: start me through the fcinvoke emulator (needs an IPC channel)\n');
  process.exit(2);
}
const spec = JSON.parse(process.argv[2] ?? '{}') as RunnerSpec;
const post = (message: ChildMessage): void => {
  if (process.connected) process.send?.(message);
};

let activeRequestId: string | undefined;
let lastRequestId = '-';
let failActive: ((error: unknown) => void) | undefined;
let exitAfterResult = false;

function emit(level: LogLevel, text: string): void {
  post({ type: 'log', text: formatLogRecord(new Date(), activeRequestId ?? lastRequestId, level, text) });
}

const consoleLevels: [keyof Console, LogLevel][] = [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
];
for (const [name, level] of consoleLevels) {
  (console as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => emit(level, format(...args));
}

function captureStream(stream: NodeJS.WriteStream, level: LogLevel): LogLineSplitter {
  const splitter = new LogLineSplitter();
  stream.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of splitter.push(text)) emit(level, line);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as typeof stream.write;
  return splitter;
}
const splitters: [LogLineSplitter, LogLevel][] = [
  [captureStream(process.stdout, 'INFO'), 'INFO'],
  [captureStream(process.stderr, 'ERROR'), 'ERROR'],
];

function flushPartialLines(): void {
  for (const [splitter, level] of splitters) for (const line of splitter.flush()) emit(level, line);
}

function onFatal(error: unknown): void {
  if (failActive) {
    exitAfterResult = true;
    failActive(error);
    return;
  }
  emit('ERROR', `uncaught error outside an invocation: ${describeError(error).stackTrace?.join('\n') ?? String(error)}`);
  process.exit(1);
}
process.on('uncaughtException', onFatal);
process.on('unhandledRejection', onFatal);
process.on('disconnect', () => process.exit(0));

/** The handler a demo or a module exports; which contract it follows depends on the call. */
type AnyHandler = (...args: never[]) => unknown;

const handlers = new Map<boolean, Promise<AnyHandler>>();

async function loadHandler(http: boolean): Promise<AnyHandler> {
  const { source } = spec;
  if (source.kind === 'demo') {
    const demo = DEMO_FUNCTIONS[source.name];
    if (!demo) throw new Error(`there is no demo function '${source.name}'`);
    // A built-in web function has an FC 2.0 HTTP handler beside the handler of its FC 3.0 twin.
    return (http ? demo.httpHandler : undefined) ?? demo.handler;
  }
  const namespace = (await import(pathToFileURL(source.path).href)) as Record<string, unknown>;
  const fallback = namespace['default'] as Record<string, unknown> | undefined;
  const handler = namespace[source.exportName] ?? fallback?.[source.exportName];
  if (typeof handler !== 'function') {
    throw new Error(`Handler '${source.label}' is missing on module '${basename(source.path)}'`);
  }
  return handler as AnyHandler;
}

/**
 * FC's Node.js runtime contract: the first of callback(err, result) or the returned
 * promise settles the invocation; a synchronous throw is unhandled, a callback error or a
 * rejected promise is handled (see docs/emulator.md).
 */
function callHandler(handler: EventHandler, event: Buffer, context: Record<string, unknown>): Promise<Completion> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (completion: Completion): void => {
      if (settled) return;
      settled = true;
      failActive = undefined;
      resolve(completion);
    };
    failActive = (error) => settle({ kind: 'unhandled', error });
    const callback = (error?: unknown, value?: unknown): void => {
      settle(error === undefined || error === null ? { kind: 'success', value } : { kind: 'handled', error });
    };
    let returned: unknown;
    try {
      returned = handler(event, context, callback);
    } catch (error) {
      settle({ kind: 'unhandled', error });
      return;
    }
    if (returned !== null && typeof returned === 'object' && typeof (returned as PromiseLike<unknown>).then === 'function') {
      (returned as PromiseLike<unknown>).then(
        (value) => settle({ kind: 'success', value }),
        (error: unknown) => settle({ kind: 'handled', error }),
      );
    }
  });
}

function makeLogger(): Record<string, (...args: unknown[]) => void> {
  const at = (level: LogLevel) => (...args: unknown[]) => emit(level, format(...args));
  return { debug: at('DEBUG'), info: at('INFO'), log: at('INFO'), warn: at('WARN'), error: at('ERROR') };
}

let ackWaiter: (() => void) | undefined;
let unacked = 0;
let streamingRequestId: string | undefined;

function onAck(requestId: string): void {
  if (requestId !== streamingRequestId) return;
  unacked = Math.max(0, unacked - 1);
  const waiter = ackWaiter;
  ackWaiter = undefined;
  waiter?.();
}

async function sendResult(requestId: string, outcome: Outcome, body: Buffer, durationMs: number, fatal: boolean, http?: HttpAnswerHead): Promise<void> {
  const head = {
    type: 'result',
    requestId,
    outcome,
    durationMs,
    maxRssKb: process.resourceUsage().maxRSS,
    length: body.length,
    fatal,
    ...(http === undefined ? {} : { http }),
  } as const;
  if (body.length <= RESULT_CHUNK_BYTES) {
    post({ ...head, body });
    return;
  }
  post(head);
  streamingRequestId = requestId;
  unacked = 0;
  for (let offset = 0; offset < body.length; offset += RESULT_CHUNK_BYTES) {
    while (unacked >= RESULT_WINDOW) await new Promise<void>((resolve) => (ackWaiter = resolve));
    unacked++;
    post({ type: 'chunk', requestId, data: body.subarray(offset, offset + RESULT_CHUNK_BYTES) });
  }
  streamingRequestId = undefined;
}

async function runInvocation(message: Extract<ParentMessage, { type: 'invoke' }>): Promise<void> {
  activeRequestId = lastRequestId = message.requestId;
  const context: InvocationContext & { logger: unknown } = { ...message.context, logger: makeLogger() };
  let fatal = false;
  let started = performance.now();
  let completion: Completion;
  let http: HttpAnswerHead | undefined;
  try {
    const isHttp = message.http !== undefined;
    if (!handlers.has(isHttp)) handlers.set(isHttp, loadHandler(isHttp));
    const handler = await handlers.get(isHttp)!;
    started = performance.now();
    const contextArg = context as unknown as Record<string, unknown>;
    if (message.http) {
      const answer = await callHttpHandler(handler as HttpHandler, message.http, asBuffer(message.event), contextArg, (fail) => (failActive = fail));
      // FC reports an HTTP handler's error as its process exiting (http-triggers.md §4.1): replace the instance.
      fatal = answer.kind !== 'success';
      if (answer.kind === 'success') http = answer.head;
      completion = answer.kind === 'success' ? { kind: 'success', value: answer.body } : answer;
    } else {
      completion = await callHandler(handler as EventHandler, asBuffer(message.event), contextArg);
    }
  } catch (error) {
    completion = { kind: 'unhandled', error };
    fatal = true;
  }
  const durationMs = Math.max(1, Math.ceil(performance.now() - started));
  let outcome: Outcome = completion.kind;
  let body: Buffer;
  if (completion.kind === 'success') {
    try {
      body = encodeResult(completion.value);
    } catch (error) {
      outcome = 'unhandled';
      body = encodeError(error);
    }
  } else {
    body = encodeError(completion.error);
    if (completion.kind === 'unhandled') {
      const { stackTrace, errorMessage } = describeError(completion.error);
      emit('ERROR', stackTrace?.join('\n') ?? errorMessage);
    }
  }
  flushPartialLines();
  activeRequestId = undefined;
  fatal ||= exitAfterResult;
  // A fatal result makes the emulator kill this process once it has the whole body.
  await sendResult(message.requestId, outcome, body, durationMs, fatal, outcome === 'success' ? http : undefined);
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'invoke') void runInvocation(message);
  else if (message.type === 'ack') onAck(message.requestId);
});

post({ type: 'ready', maxRssKb: process.resourceUsage().maxRSS });
