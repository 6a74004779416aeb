// FC 3.0 (API 2023-03-30) as an FcApi: functions without services, the ACS3-HMAC-SHA256
// signature over a hashed body, async tasks, and the service's error rules (fc3-protocol.md).
import type { FcApi } from '../fc-api.js';
import { buildGetTaskRequest, buildListQuery, buildListTasksRequest, buildStopTaskRequest, LIST_PAGE_MAX, readTask, readTaskPage } from './async.js';
import { ACCEPTED_STATUS, isAsyncAccepted, isClockSkew, isDuplicateAsyncId, isThrottling, isUnknownAsyncId, parseError } from './errors.js';
import { HEADER_RULES } from './header-rules.js';
import { API_VERSION } from './paths.js';
import { redactHeaders, signatureOf } from './redact.js';
import { buildInvokeRequest } from './request.js';
import { decodeInvocationHeaders } from './response.js';
import { resolveTarget, TARGET_RULES, targetArgs } from './target.js';

/** Payload limits (fc3-protocol §4): 32 MiB sync, 128 KiB async (256 KiB only by a ticket to Alibaba). */
const SYNC_EVENT_LIMIT = 32 * 1024 * 1024;
const ASYNC_EVENT_LIMIT = 128 * 1024;

export const v2023: FcApi = {
  version: API_VERSION,
  name: 'FC 3.0',
  nouns: {
    asyncInvocation: 'async task',
    asyncInvocations: 'async tasks',
    asyncId: 'async task ID',
    short: 'task',
    asyncIdHeader: 'x-fc-async-task-id',
    listAction: 'ListAsyncTasks',
    enableAsync: "enable async tasks in the function's async invoke config (asyncTask: true)",
  },
  targetRules: TARGET_RULES,
  resolveTarget,
  targetArgs,
  limits: { sync: SYNC_EVENT_LIMIT, async: ASYNC_EVENT_LIMIT, listPage: LIST_PAGE_MAX },
  headerRules: HEADER_RULES,
  signsBody: true,
  buildInvoke: buildInvokeRequest,
  buildAsyncGet: buildGetTaskRequest,
  buildAsyncStop: buildStopTaskRequest,
  buildListQuery,
  buildAsyncList: buildListTasksRequest,
  decodeInvocation: decodeInvocationHeaders,
  parseError,
  isThrottling,
  isClockSkew,
  isDuplicateAsyncId,
  isUnknownAsyncId,
  isAsyncAccepted,
  acceptedStatus: ACCEPTED_STATUS,
  readAsyncInvocation: readTask,
  readAsyncPage: readTaskPage,
  redactHeaders,
  signatureOf,
};
