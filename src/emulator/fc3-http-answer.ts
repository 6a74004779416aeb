// What an FC 3.0 function's result means as the answer to an HTTP-trigger request
// (http-triggers.md §4.2); pure. `{statusCode, headers?, isBase64Encoded?, body?}` is the HTTP
// response; any other result (a string, bytes, JSON without `statusCode`) is sent as the body of
// a 200, the emulator's reading of what FC does, which its documentation leaves open.
import { isUtf8 } from 'node:buffer';

export type Fc3HttpAnswer =
  | { ok: true; statusCode: number; headers: Record<string, string | string[]>; body: Buffer }
  /** The result claims to be an answer but is not a valid one: the function's fault. */
  | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function parseObject(result: Buffer): Record<string, unknown> | undefined {
  if (!isUtf8(result)) return undefined;
  const text = result.toString('utf8');
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function readHeaders(value: unknown): Record<string, string | string[]> | string {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return '"headers" must be an object of header names and values';
  const headers: Record<string, string | string[]> = {};
  for (const [name, item] of Object.entries(value)) {
    if (isScalar(item)) headers[name] = String(item);
    else if (Array.isArray(item) && item.every(isScalar)) headers[name] = item.map(String);
    else return `the value of header '${name}' must be a string, a number or a list of them`;
  }
  return headers;
}

function readBody(body: unknown, base64: boolean): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, base64 ? 'base64' : 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** The HTTP answer a result stands for. */
export function parseFc3HttpAnswer(result: Buffer): Fc3HttpAnswer {
  const answer = parseObject(result);
  if (!answer || !Object.hasOwn(answer, 'statusCode')) return { ok: true, statusCode: 200, headers: {}, body: result };
  const { statusCode, isBase64Encoded, body } = answer;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 200 || statusCode > 599) {
    return { ok: false, message: `the function answered statusCode ${JSON.stringify(statusCode)}, which is not an HTTP status from 200 to 599` };
  }
  const headers = readHeaders(answer['headers']);
  if (typeof headers === 'string') return { ok: false, message: `the function's answer is not valid: ${headers}` };
  if (isBase64Encoded === true && typeof body !== 'string') {
    return { ok: false, message: 'the function\'s answer is not valid: with "isBase64Encoded": true, "body" must be a Base64 string' };
  }
  return { ok: true, statusCode, headers, body: readBody(body, isBase64Encoded === true) };
}
