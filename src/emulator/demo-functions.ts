// The built-in `demo` service: small handlers that exercise every path of an invocation.
// They run inside the runner child like user handlers do; the parent only reads the catalog.
import { webEventHandler, webHttpHandler } from './demo-web.js';
import { HTTP_TRIGGER_METHODS, type HttpTriggerConfig } from './http-trigger-config.js';
import type { HttpHandler } from './runner-http.js';

/** FC's Node.js event handler: `handler(event, context, callback)` or `async handler(event, context)`. */
export type EventHandler = (
  event: Buffer,
  context: Record<string, unknown>,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

export interface DemoFunction {
  description: string;
  timeoutSeconds: number;
  /** The event handler; for a web function, the FC 3.0 twin's, which reads the HTTP event. */
  handler: EventHandler;
  /** A web function's FC 2.0 HTTP handler, run for its HTTP trigger's requests. */
  httpHandler?: HttpHandler;
  httpTrigger?: HttpTriggerConfig;
}

/** The demo service's versions and aliases, so qualifiers can be tried without a functions dir. */
export const DEMO_SERVICE = { name: 'demo', versions: ['1'], aliases: { prod: '1' } } as const;

const MIB = 1024 * 1024;
const BIG_MAX = 512 * MIB;

function countFrom(event: Buffer, fallback: number): number | undefined {
  const text = event.toString('utf8').trim();
  if (text === '') return fallback;
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Bytes `a..z` repeated: easy to check for length and order, sanitizeForEcho on a terminal. */
function letters(size: number): Buffer {
  return Buffer.alloc(size, 'abcdefghijklmnopqrstuvwxyz');
}

export const DEMO_FUNCTIONS: Readonly<Record<string, DemoFunction>> = {
  hello: {
    description: 'returns "hello world" and logs a line',
    timeoutSeconds: 60,
    handler: (_event, _context, callback) => {
      console.log('hello from demo/hello');
      callback(null, 'hello world');
    },
  },
  echo: {
    description: 'returns the event bytes unchanged',
    timeoutSeconds: 60,
    handler: (event, _context, callback) => {
      console.log(`echo: ${event.length} bytes`);
      callback(null, event);
    },
  },
  fail: {
    description: 'returns an error through the callback (HandledInvocationError)',
    timeoutSeconds: 60,
    handler: (_event, _context, callback) => {
      console.error('demo/fail is about to fail');
      callback(new Error('demo/fail: this function always fails'));
    },
  },
  crash: {
    description: 'throws (UnhandledInvocationError); with the event "exit" it calls process.exit(1)',
    timeoutSeconds: 60,
    handler: (event) => {
      if (event.toString('utf8').trim() === 'exit') process.exit(1);
      throw new Error('demo/crash: thrown by the handler');
    },
  },
  sleep: {
    description: 'sleeps the event as milliseconds (default 1000)',
    timeoutSeconds: 10,
    handler: (event, _context, callback) => {
      const ms = countFrom(event, 1000);
      if (ms === undefined) return callback(new Error('demo/sleep: the event must be a number of milliseconds'));
      setTimeout(() => callback(null, `slept ${ms} ms`), ms);
      return undefined;
    },
  },
  big: {
    description: 'returns as many bytes as the event says (default 1 MiB, at most 512 MiB)',
    timeoutSeconds: 60,
    handler: (event, _context, callback) => {
      const size = countFrom(event, MIB);
      if (size === undefined || size > BIG_MAX) {
        return callback(new Error(`demo/big: the event must be a byte count up to ${BIG_MAX}`));
      }
      console.log(`big: ${size} bytes`);
      callback(null, letters(size));
      return undefined;
    },
  },
  binary: {
    description: 'returns the 256 bytes 0x00..0xff',
    timeoutSeconds: 60,
    handler: (_event, _context, callback) => {
      callback(null, Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    },
  },
  json: {
    description: 'returns the event and the context as JSON',
    timeoutSeconds: 60,
    handler: async (event, context) => {
      const { requestId, function: fn, service, region, accountId } = context;
      return JSON.stringify({ event: event.toString('utf8'), context: { requestId, function: fn, service, region, accountId } });
    },
  },
  web: {
    description: 'web function (HTTP trigger): echoes method, path, query, headers, body as JSON; ?status=NNN sets the status',
    timeoutSeconds: 60,
    handler: webEventHandler,
    httpHandler: webHttpHandler,
    httpTrigger: { authType: 'function', methods: [...HTTP_TRIGGER_METHODS] },
  },
};
