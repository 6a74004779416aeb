// The built-in web function `web`: it answers with what it received (method, path, query,
// headers, body) as JSON, with the status asked for by `?status=NNN`. FC 2.0's `demo/web` is a
// `(req, resp, context)` HTTP handler; FC 3.0's `web` reads the HTTP event and returns the answer
// object (http-triggers.md §4). Both run inside the runner child.
import { isUtf8 } from 'node:buffer';
import type { HttpHandler } from './runner-http.js';

/** Header names whose values the echo leaves out, so that no signature or token is ever shown. */
const SECRET_HEADERS = new Set(['authorization', 'x-acs-security-token', 'x-fc-security-token']);

interface WebRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: Buffer;
}

interface WebAnswer {
  statusCode: number;
  body: string;
}

function redact(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SECRET_HEADERS.has(name.toLowerCase()) ? '(not shown)' : value]));
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The echo of one request, pretty JSON and a newline, at the status `?status=` names (default 200). */
export function answerWebRequest(request: WebRequest): WebAnswer {
  const asked = firstValue(request.query['status']);
  const text = isUtf8(request.body);
  const echo = {
    method: request.method,
    path: request.path,
    query: request.query,
    headers: redact(request.headers),
    body: text ? request.body.toString('utf8') : request.body.toString('base64'),
    isBase64Encoded: !text,
  };
  if (asked !== undefined && !/^[2-5]\d\d$/.test(asked)) {
    return { statusCode: 400, body: `${JSON.stringify({ error: `?status= must be an HTTP status from 200 to 599, not '${asked}'` })}\n` };
  }
  return { statusCode: asked === undefined ? 200 : Number(asked), body: `${JSON.stringify(echo, null, 2)}\n` };
}

/** FC 2.0: `demo/web`. */
export const webHttpHandler: HttpHandler = (req, resp) => {
  const answer = answerWebRequest({ method: req.method, path: req.path, query: req.queries, headers: req.headers, body: req.body });
  console.log(`web: ${req.method} ${req.path} (${req.body.length} bytes) -> ${answer.statusCode}`);
  resp.setStatusCode(answer.statusCode);
  resp.setHeader('Content-Type', 'application/json');
  resp.send(answer.body);
};

interface HttpEvent {
  rawPath?: unknown;
  body?: unknown;
  isBase64Encoded?: unknown;
  headers?: Record<string, string>;
  queryParameters?: Record<string, string>;
  requestContext?: { http?: { method?: string; path?: string } };
}

function parseEvent(event: Buffer): HttpEvent | undefined {
  try {
    const parsed = JSON.parse(event.toString('utf8')) as unknown;
    const http = (parsed as HttpEvent | null)?.requestContext?.http;
    return typeof http?.method === 'string' ? (parsed as HttpEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** FC 3.0: `web`. Called by InvokeFunction (no HTTP event), it says what it expects. */
export async function webEventHandler(event: Buffer): Promise<unknown> {
  const http = parseEvent(event);
  if (!http) {
    return { statusCode: 400, headers: { 'Content-Type': 'application/json' }, body: '{"error":"web expects the HTTP event of an HTTP trigger request"}\n' };
  }
  const raw = typeof http.body === 'string' ? http.body : '';
  const body = Buffer.from(raw, http.isBase64Encoded === true ? 'base64' : 'utf8');
  const method = http.requestContext?.http?.method ?? '';
  const path = http.requestContext?.http?.path ?? '';
  const answer = answerWebRequest({ method, path, query: http.queryParameters ?? {}, headers: http.headers ?? {}, body });
  console.log(`web: ${method} ${path} (${body.length} bytes) -> ${answer.statusCode}`);
  return { statusCode: answer.statusCode, headers: { 'Content-Type': 'application/json' }, body: answer.body };
}
