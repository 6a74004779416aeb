// Reading an API error answer (HTTP >= 400) into ApiError by the API's rules; free of undici
// so that paths which never send (--dry-run) do not load it.
import type { Readable } from 'node:stream';
import { ApiError } from '../errors.js';
import { readBody } from './body.js';
import { clockSkewHint } from './clock-skew.js';
import type { FcApi } from './fc-api.js';
import { firstHeader, type ResponseHeaders } from './response.js';

const ERROR_BODY_LIMIT = 1024 * 1024;

/** The ApiError for an HTTP >= 400 answer, with a clock hint when the service rejected the date. */
export async function readApiError(api: FcApi, status: number, headers: ResponseHeaders, body: Readable, now: Date): Promise<ApiError> {
  const parsed = api.parseError(status, headers, await readBody(body, ERROR_BODY_LIMIT));
  const hint = api.isClockSkew(parsed.code) ? clockSkewHint(firstHeader(headers, 'date'), now) : '';
  return new ApiError(parsed.code, parsed.message + hint, status, parsed.requestId);
}
