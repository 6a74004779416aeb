// One FC "instance": a runner child process that serves one invocation at a time. A crash,
// an exit or a timeout ends the process; the pool then starts a fresh one.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { formatLogRecord, LogLineSplitter, type LogLevel, type LogTail } from './fc-log.js';
import { bufferBody, ChunkedBody, type ResultBody } from './result-body.js';
import {
  asBuffer,
  type ChildMessage,
  type HandlerSource,
  type HttpAnswerHead,
  type HttpRequestMeta,
  type InvocationContext,
  type Outcome,
  type ParentMessage,
  type RunnerSpec,
} from './runner-protocol.js';

export interface InstanceOptions {
  runnerPath: string;
  source: HandlerSource;
  cwd: string;
  env: Record<string, string>;
  /** Instances are reused only for the same code and configuration. */
  generation: string;
}

export interface InvokeRequest {
  requestId: string;
  event: Buffer;
  context: InvocationContext;
  timeoutSeconds: number;
  log: LogTail;
  /** Aborting kills the instance (StopStatefulAsyncInvocation). */
  signal?: AbortSignal | undefined;
  /** Set for an FC 2.0 HTTP handler: the request besides its body (`event`). */
  http?: HttpRequestMeta | undefined;
}

export type InstanceOutcome = Outcome | 'timeout' | 'exited' | 'stopped';

export interface InstanceResult {
  outcome: InstanceOutcome;
  durationMs: number;
  maxRssKb: number;
  instanceId: string;
  body: ResultBody;
  /** An HTTP handler's status and headers, when it answered. */
  http?: HttpAnswerHead | undefined;
}

interface Pending {
  request: InvokeRequest;
  startedAt: number;
  resolve: (result: InstanceResult) => void;
  timer: NodeJS.Timeout;
  body?: ChunkedBody;
  onAbort: () => void;
}

export class Instance {
  readonly id = randomUUID();
  readonly generation: string;
  /** Resolves once the runner is up; rejects when it cannot start. */
  readonly ready: Promise<void>;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  busy = false;
  /** Set after a fatal result: kill instead of reusing. */
  retiring = false;
  alive = true;
  lastMaxRssKb = 0;
  onExit: (() => void) | undefined;
  private readonly child: ChildProcess;
  private pending: Pending | undefined;
  private lastRequestId = '-';

  constructor(options: InstanceOptions) {
    this.generation = options.generation;
    const spec: RunnerSpec = { source: options.source };
    this.child = fork(options.runnerPath, [JSON.stringify(spec)], {
      cwd: options.cwd,
      env: options.env,
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    this.captureRaw(this.child.stdout, 'INFO');
    this.captureRaw(this.child.stderr, 'ERROR');
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.ready = new Promise((resolve, reject) => {
      const onReady = (message: ChildMessage): void => {
        if (message.type !== 'ready') return;
        this.lastMaxRssKb = message.maxRssKb;
        this.child.off('message', onReady);
        resolve();
      };
      this.child.on('message', onReady);
      this.child.once('error', reject);
      this.child.once('exit', (code, signal) => reject(new Error(`the handler runner exited while starting (${signal ?? `code ${code}`})`)));
    });
    this.ready.catch(() => {});
    this.child.on('message', (message: ChildMessage) => this.onMessage(message));
    this.child.on('error', () => this.kill());
    this.child.once('exit', () => this.onChildExit());
  }

  /** Runs one invocation; resolves when the result starts to arrive (the body may still stream). */
  invoke(request: InvokeRequest): Promise<InstanceResult> {
    if (this.pending || !this.alive) throw new Error('instance is busy or dead');
    if (request.signal?.aborted) {
      return Promise.resolve({ outcome: 'stopped', durationMs: 0, maxRssKb: this.lastMaxRssKb, instanceId: this.id, body: bufferBody(Buffer.alloc(0)) });
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finishWithoutResult('timeout'), request.timeoutSeconds * 1000);
      const onAbort = (): void => this.finishWithoutResult('stopped');
      this.pending = { request, startedAt: performance.now(), resolve, timer, onAbort };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      this.lastRequestId = request.requestId;
      const { requestId, event, context, http } = request;
      this.send({ type: 'invoke', requestId, event, context, ...(http === undefined ? {} : { http }) });
    });
  }

  kill(): void {
    if (this.alive) this.child.kill('SIGKILL');
  }

  private send(message: ParentMessage): void {
    if (this.child.connected) this.child.send(message, (error) => error && this.kill());
  }

  private onMessage(message: ChildMessage): void {
    const pending = this.pending;
    switch (message.type) {
      case 'log':
        pending?.request.log.append(message.text);
        return;
      case 'result': {
        if (!pending || message.requestId !== pending.request.requestId) return;
        this.lastMaxRssKb = message.maxRssKb;
        this.retiring ||= message.fatal;
        this.settle(pending);
        const requestId = message.requestId;
        let body: ResultBody;
        if (message.body !== undefined) {
          body = bufferBody(asBuffer(message.body));
          this.pending = undefined;
        } else {
          pending.body = new ChunkedBody(message.length, () => this.send({ type: 'ack', requestId }));
          body = pending.body;
          if (message.length === 0) this.pending = undefined;
        }
        const { outcome, durationMs, maxRssKb, http } = message;
        pending.resolve({ outcome, durationMs, maxRssKb, instanceId: this.id, body, http });
        return;
      }
      case 'chunk': {
        const body = pending?.body;
        if (!body || message.requestId !== pending.request.requestId) return;
        body.push(asBuffer(message.data));
        if (body.complete) this.pending = undefined;
        return;
      }
      default:
        return;
    }
  }

  private settle(pending: Pending): void {
    clearTimeout(pending.timer);
    pending.request.signal?.removeEventListener('abort', pending.onAbort);
  }

  /** Timeout, stop or exit before a result: the process is (or gets) killed. */
  private finishWithoutResult(outcome: 'timeout' | 'exited' | 'stopped'): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    this.settle(pending);
    if (pending.body) {
      pending.body.fail(new Error('the instance ended while sending the result'));
    } else {
      const durationMs = Math.max(1, Math.ceil(performance.now() - pending.startedAt));
      pending.resolve({ outcome, durationMs, maxRssKb: this.lastMaxRssKb, instanceId: this.id, body: bufferBody(Buffer.alloc(0)) });
    }
    this.retiring = true;
    this.kill();
  }

  private onChildExit(): void {
    this.finishWithoutResult('exited');
    this.alive = false;
    this.onExit?.();
  }

  private captureRaw(stream: NodeJS.ReadableStream | null, level: LogLevel): void {
    if (!stream) return;
    const splitter = new LogLineSplitter();
    stream.setEncoding('utf8');
    const write = (lines: string[]): void => {
      for (const line of lines) {
        this.pending?.request.log.append(formatLogRecord(new Date(), this.lastRequestId, level, line));
      }
    };
    stream.on('data', (text: string) => write(splitter.push(text)));
    stream.on('end', () => write(splitter.flush()));
  }
}
