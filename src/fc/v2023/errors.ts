// FC 3.0's answers about failures and acceptance (fc3-protocol §3, §6): error bodies, which
// refusals are throttling, the clock codes, and the async task ID rules.
import { asObject } from '../async-fields.js';
import type { ApiErrorParts } from '../fc-api.js';
import { firstHeader, parseApiErrorBody, type ResponseHeaders } from '../response.js';

/**
 * Codes for a rejected request date: the emulator's and FC 2.0's RequestTimeTooSkewed (and
 * FC 2.0's other two), and InvalidTimeStamp.Expired, the OpenAPI gateway's code for a stale
 * timestamp; FC 3.0 documents none (fc3-protocol §5.5 quotes only the message).
 */
const SKEW_CODES = new Set(['RequestTimeTooSkewed', 'RequestTimeExpired', 'InvalidDate', 'InvalidTimeStamp.Expired']);

/** 404 codes of what surrounds a task rather than the task. */
const CONTAINER_NOT_FOUND = /^(Service|Function|Alias|Version)NotFound$/;

function requestIdOf(body: Buffer): string | null {
  try {
    const o = asObject(JSON.parse(body.toString('utf8')));
    const id = o?.RequestId ?? o?.requestId;
    return typeof id === 'string' && id !== '' ? id : null;
  } catch {
    return null;
  }
}

/**
 * `{Code, Message, RequestId}` (fc3 `models/Error.ts`), also with lower-case keys and FC 2.0's
 * `{ErrorCode, ErrorMessage}`; the request ID from the body, else the headers; a body that is
 * not JSON becomes the message.
 */
export function parseError(status: number, headers: ResponseHeaders, body: Buffer): ApiErrorParts {
  const requestId = requestIdOf(body) ?? firstHeader(headers, 'x-fc-request-id') ?? firstHeader(headers, 'x-acs-request-id');
  return { ...parseApiErrorBody(status, body), requestId };
}

/** 429 and 503, and any code containing `Throttling`, as the SDK's ThrottlingError (fc3-protocol §3). */
export function isThrottling(status: number, code?: string): boolean {
  return status === 429 || status === 503 || (code !== undefined && code.includes('Throttling'));
}

export function isClockSkew(code: string): boolean {
  return SKEW_CODES.has(code);
}

/**
 * A task ID used before. FC 3.0 documents no code; the emulator answers 409
 * AsyncTaskAlreadyExists, so any 409 and any code saying "already exists" or "duplicate" counts.
 */
export function isDuplicateAsyncId(status: number, code: string): boolean {
  return status === 409 || /AlreadyExist|Duplicate/i.test(code);
}

/** AsyncTaskNotFound, or any other `…NotFound` that is not about the function, alias, version or service. */
export function isUnknownAsyncId(error: { status: number; code: string }): boolean {
  return /NotFound$/.test(error.code) && !CONTAINER_NOT_FOUND.test(error.code);
}

/** FC 3.0 promises no status for an accepted async call (fc3-protocol §3): any 2xx is accepted. */
export function isAsyncAccepted(status: number): boolean {
  return status >= 200 && status < 300;
}

/** What the emulator answers (and FC 2.0 documents), reported when only a duplicate-ID refusal proved acceptance. */
export const ACCEPTED_STATUS = 202;
