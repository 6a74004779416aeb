// FC 2.0's answers about failures and acceptance (fc2-protocol §5): error bodies, which
// refusals are throttling, the clock codes, and the stateful async invocation rules.
import type { ApiErrorParts } from '../fc-api.js';
import { firstHeader, parseApiErrorBody, type ResponseHeaders } from '../response.js';

const SKEW_CODES = new Set(['RequestTimeTooSkewed', 'InvalidDate', 'RequestTimeExpired']);

/** `{ErrorCode, ErrorMessage}` (or a neighbouring spelling); the request ID is in the header. */
export function parseError(status: number, headers: ResponseHeaders, body: Buffer): ApiErrorParts {
  return { ...parseApiErrorBody(status, body), requestId: firstHeader(headers, 'x-fc-request-id') };
}

/** 429 ResourceExhausted and 503 ResourceThrottled (and other unavailability) come before the function ran. */
export function isThrottling(status: number): boolean {
  return status === 429 || status === 503;
}

export function isClockSkew(code: string): boolean {
  return SKEW_CODES.has(code);
}

/**
 * The service's rejection of a reused stateful async invocation ID. Its exact code is not
 * documented (fc2-protocol §5.3, "unconfirmed"); the emulator says
 * StatefulAsyncInvocationAlreadyExists, so any 409 "already exists"/"duplicate" counts.
 */
export function isDuplicateAsyncId(status: number, code: string): boolean {
  return status === 409 || /AlreadyExist|Duplicate/i.test(code);
}

/** A 404 for the invocation itself, not for the service, function, alias or version around it. */
export function isUnknownAsyncId(error: { status: number; code: string }): boolean {
  return error.status === 404 && !/^(Service|Function|Alias|Version)NotFound$/.test(error.code);
}

/** An async invocation is accepted with 202 (fc2-protocol §4.1). */
export const ACCEPTED_STATUS = 202;
