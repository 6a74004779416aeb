// FC 2.0 (API 2016-08-15) as an FcApi: services, the "FC" signature, stateful async
// invocations, and the service's error rules (fc2-protocol.md).
import type { FcApi } from '../fc-api.js';
import { buildGetInvocationRequest, buildListInvocationsRequest, buildListQuery, buildStopInvocationRequest, LIST_PAGE_MAX, readInvocation, readInvocationPage } from './async.js';
import { ACCEPTED_STATUS, isClockSkew, isDuplicateAsyncId, isThrottling, isUnknownAsyncId, parseError } from './errors.js';
import { HEADER_RULES } from './headers.js';
import { API_VERSION } from './paths.js';
import { redactHeaders, signatureOf } from './redact.js';
import { buildInvokeRequest } from './request.js';
import { decodeInvocationHeaders } from './response.js';
import { resolveTarget, TARGET_RULES, targetArgs } from './target.js';

/** Payload limits (fc2-protocol §6): 32 MiB sync, 128 KiB async. */
const SYNC_EVENT_LIMIT = 32 * 1024 * 1024;
const ASYNC_EVENT_LIMIT = 128 * 1024;

export const v2016: FcApi = {
  version: API_VERSION,
  name: 'FC 2.0',
  nouns: {
    asyncInvocation: 'stateful async invocation',
    asyncInvocations: 'stateful async invocations',
    asyncId: 'stateful async invocation ID',
    short: 'invocation',
    asyncIdHeader: 'x-fc-stateful-async-invocation-id',
    listAction: 'ListStatefulAsyncInvocations',
    enableAsync: "enable stateful invocation in the function's async config (statefulInvocation: true)",
  },
  targetRules: TARGET_RULES,
  resolveTarget,
  targetArgs,
  limits: { sync: SYNC_EVENT_LIMIT, async: ASYNC_EVENT_LIMIT, listPage: LIST_PAGE_MAX },
  headerRules: HEADER_RULES,
  signsBody: false,
  // The date is all FC 2.0 signs for freshness: it has no nonce and never signs the body.
  buildInvoke: (connection, spec, stamp) => buildInvokeRequest(connection, spec, stamp.date),
  buildAsyncGet: (connection, target, id, stamp) => buildGetInvocationRequest(connection, target, id, stamp.date),
  buildAsyncStop: (connection, target, id, stamp) => buildStopInvocationRequest(connection, target, id, stamp.date),
  buildListQuery,
  buildAsyncList: (connection, target, query, stamp) => buildListInvocationsRequest(connection, target, query, stamp.date),
  decodeInvocation: decodeInvocationHeaders,
  parseError,
  isThrottling,
  isClockSkew,
  isDuplicateAsyncId,
  isUnknownAsyncId,
  isAsyncAccepted: (status) => status === ACCEPTED_STATUS,
  acceptedStatus: ACCEPTED_STATUS,
  readAsyncInvocation: readInvocation,
  readAsyncPage: readInvocationPage,
  redactHeaders,
  signatureOf,
};
