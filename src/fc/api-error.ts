// Reading API error answers (HTTP >= 400) into ApiError; free of undici so that paths
// which never send (--dry-run) do not load it.
import { finished, type Readable } from 'node:stream';
import { ApiError } from '../errors.js';
import { clockSkewHint } from './clock-skew.js';
import { parseApiErrorBody, type ResponseHeaders } from './response.js';

const ERROR_BODY_LIMIT = 1024 * 1024;

/**
 * Reads a body, keeping at most `limit` bytes (the rest is drained); rejects with the
 * stream's error, or ERR_STREAM_PREMATURE_CLOSE. Events, not `for await`: a batch reads
 * thousands of bodies, and an async iterator per body costs measurably more.
 */
export function readBody(body: Readable, limit = Infinity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    finished(body, { writable: false }, (error) => (error ? reject(error) : resolve(Buffer.concat(chunks))));
  });
}

export function firstHeader(headers: ResponseHeaders, name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The ApiError for an HTTP >= 400 answer, with a clock hint when the service rejected the Date. */
export async function readApiError(status: number, headers: ResponseHeaders, body: Readable, now: Date): Promise<ApiError> {
  const parsed = parseApiErrorBody(status, await readBody(body, ERROR_BODY_LIMIT));
  const hint = clockSkewHint(parsed.code, firstHeader(headers, 'date') ?? undefined, now);
  return new ApiError(parsed.code, parsed.message + hint, status, firstHeader(headers, 'x-fc-request-id'));
}

