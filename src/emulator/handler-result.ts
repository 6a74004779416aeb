// How a handler's result and errors become response bytes, as FC's Node.js runtime does it.

/** The JSON body of a function error (fc2-protocol §4.1; FC Node.js error-handling doc). */
export interface FunctionErrorBody {
  errorMessage: string;
  errorType?: string;
  stackTrace?: string[];
}

/**
 * Result bytes: a string as UTF-8, a Buffer or typed array as is, null/undefined as empty,
 * anything else JSON-serialised. Throws when the value cannot be serialised (e.g. a cycle).
 */
export function encodeResult(value: unknown): Buffer {
  if (value === undefined || value === null) return Buffer.alloc(0);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (Buffer.isBuffer(value)) return value;
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  const json = JSON.stringify(value) as string | undefined;
  return Buffer.from(json ?? '', 'utf8');
}

function messageOf(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * `{"errorMessage","errorType","stackTrace"}` for an Error (the stack split into lines as
 * FC shows it); only `errorMessage` for anything else, as FC does for `callback("text")`.
 */
export function describeError(error: unknown): FunctionErrorBody {
  if (error instanceof Error) {
    const stack = typeof error.stack === 'string' ? error.stack.split('\n') : [`${error.name}: ${error.message}`];
    return { errorMessage: error.message, errorType: error.name, stackTrace: stack };
  }
  return { errorMessage: messageOf(error) };
}

/** The error body as response bytes. */
export function encodeError(error: unknown): Buffer {
  return Buffer.from(JSON.stringify(describeError(error)), 'utf8');
}

/** `index.handler` → module `index`, export `handler` (FC's handler setting). */
export function parseHandlerSetting(setting: string): { module: string; exportName: string } | undefined {
  const dot = setting.lastIndexOf('.');
  if (dot <= 0 || dot === setting.length - 1) return undefined;
  const module = setting.slice(0, dot);
  const exportName = setting.slice(dot + 1);
  if (!/^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(module) || module.split('/').includes('..')) return undefined;
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(exportName)) return undefined;
  return { module, exportName };
}
