// The seam between fcinvoke and one version of the Function Compute API: every rule, path,
// header name and signature that differs between versions is a member of FcApi; the
// engine, the async calls and the commands go through it and know no version.
import type { Credentials } from '../credentials.js';
import type { AsyncInvocation, InvocationPage } from './async-invocation.js';
import type { HeaderRules } from './headers.js';
import type { FunctionTarget, TargetRules } from './names.js';
import type { InvocationMeta, ResponseHeaders } from './response.js';
import type { SignatureMemo } from './signature-memo.js';

/** The methods a request may have: the API calls use GET, POST and PUT; HTTP triggers take all seven (http-triggers.md §1.6). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'PATCH' | 'OPTIONS';

/** A complete request, built and signed purely; the send step (or --dry-run) uses it as it is. */
export interface SignedRequest {
  method: HttpMethod;
  url: string;
  /** The path as signed (no query). */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
}

/** What makes each attempt's signature fresh: its clock reading and a unique nonce. */
export interface SignStamp {
  date: Date;
  nonce: string;
}

/** Where and as whom, as the connection resolved it. */
export interface ApiConnection {
  baseUrl: string;
  credentials: Credentials;
  accountId: string | undefined;
  userAgent: string;
  /** Where an API whose signature repeats (FC 2.0) keeps its last one; without it each request is signed afresh. */
  signatures?: SignatureMemo | undefined;
}

/** One InvokeFunction call, as the caller means it. */
export interface InvokeSpec {
  target: FunctionTarget;
  async: boolean;
  /** The caller-chosen async invocation ID; implies async. */
  asyncId?: string | undefined;
  /** Ask for the log tail (synchronous calls). */
  logs: boolean;
  /** Extra headers, already checked against the API's header rules. */
  extraHeaders: Readonly<Record<string, string>>;
  contentLength: number;
  /** Lower-case hex SHA-256 of the exact body bytes; required for a non-empty body when the API `signsBody`. */
  bodySha256?: string | undefined;
}

/** Filters of the async invocation list; absent ones are not sent. */
export interface ListFilter {
  status?: string | undefined;
  invocationIdPrefix?: string | undefined;
  /** Epoch ms, inclusive. */
  startedTimeBegin?: number | undefined;
  /** Epoch ms. */
  startedTimeEnd?: number | undefined;
  sortOrderByTime?: 'asc' | 'desc' | undefined;
  /** Ask for each invocation's event (FC 2.0 `invocationPayload`, FC 3.0 `taskPayload`). */
  includePayload?: boolean | undefined;
}

export interface ApiLimits {
  /** Largest synchronous event, bytes. */
  sync: number;
  /** Largest asynchronous event, bytes. */
  async: number;
  /** Most async invocations one list page may hold. */
  listPage: number;
}

/** An API error answer, read. */
export interface ApiErrorParts {
  code: string;
  message: string;
  requestId: string | null;
}

/** What an API calls things, for messages and renderings. */
export interface ApiNouns {
  /** `stateful async invocation` (FC 2.0), `async task` (FC 3.0). */
  asyncInvocation: string;
  /** The plural: `stateful async invocations`, `async tasks`. */
  asyncInvocations: string;
  /** `stateful async invocation ID`, `async task ID`. */
  asyncId: string;
  /** One word for one of them where the context says the rest: `invocation` (FC 2.0), `task` (FC 3.0). */
  short: string;
  /** The header that carries the ID both ways: `x-fc-stateful-async-invocation-id`, `x-fc-async-task-id`. */
  asyncIdHeader: string;
  /** The list API, as its name appears in the service's docs: `ListStatefulAsyncInvocations`, `ListAsyncTasks`. */
  listAction: string;
  /** How to turn the feature on, for a message that says it seems off. */
  enableAsync: string;
}

/** Everything that differs between versions of the Function Compute API. */
export interface FcApi {
  /** The API version, e.g. `2016-08-15`. */
  readonly version: string;
  /** For messages: `FC 2.0`. */
  readonly name: string;
  /** Its words for the things that are named differently between versions. */
  readonly nouns: ApiNouns;

  /** Whether a service is named, and the name rules. */
  readonly targetRules: TargetRules;
  /** The target from the command line's (or the library's) arguments, validated. */
  resolveTarget(serviceArg: string | undefined, functionName: string, qualifier?: string): FunctionTarget;
  /** The target as the command line takes it, to show a command to type again. */
  targetArgs(target: FunctionTarget): string;
  readonly limits: ApiLimits;
  /** Which `-H` headers may be added, and which are fcinvoke's own. */
  readonly headerRules: HeaderRules;

  /**
   * The body is signed, so InvokeSpec.bodySha256 must be known before the headers are sent
   * (FC 3.0); when false, callers need not hash the body at all (FC 2.0).
   */
  readonly signsBody: boolean;
  /** The signed InvokeFunction request of one attempt. */
  buildInvoke(connection: ApiConnection, spec: InvokeSpec, stamp: SignStamp): SignedRequest;
  /** Get one async invocation. */
  buildAsyncGet(connection: ApiConnection, target: FunctionTarget, id: string, stamp: SignStamp): SignedRequest;
  /** Stop one async invocation. */
  buildAsyncStop(connection: ApiConnection, target: FunctionTarget, id: string, stamp: SignStamp): SignedRequest;
  /** The query of one list page (`pageSize` is clamped to the page limit). */
  buildListQuery(filter: ListFilter, pageSize: number, nextToken?: string | null): Record<string, string>;
  /** One list page, for a query from buildListQuery. */
  buildAsyncList(connection: ApiConnection, target: FunctionTarget, query: Readonly<Record<string, string>>, stamp: SignStamp): SignedRequest;

  /** The invocation headers of an answer. */
  decodeInvocation(headers: ResponseHeaders): InvocationMeta;
  /** An HTTP >= 400 answer: code, message, request ID. */
  parseError(status: number, headers: ResponseHeaders, body: Buffer): ApiErrorParts;
  /** A refusal before the function ran, to be retried with backoff. */
  isThrottling(status: number, code?: string): boolean;
  /** The service rejected the request's date. */
  isClockSkew(code: string): boolean;
  /** The service refused an async invocation ID it has seen before. */
  isDuplicateAsyncId(status: number, code: string): boolean;
  /** The service does not know the async invocation ID (as opposed to the function or the qualifier). */
  isUnknownAsyncId(error: { status: number; code: string }): boolean;
  /** The status of an accepted async invocation. */
  isAsyncAccepted(status: number): boolean;
  /** The status reported for an async invocation that only a duplicate-ID refusal proved accepted. */
  readonly acceptedStatus: number;
  /** One async invocation object, read into the neutral shape (an ApiError when it is none). */
  readAsyncInvocation(json: unknown, requestId: string | null): AsyncInvocation;
  /** One list page: the objects as sent and the next token. */
  readAsyncPage(json: unknown, requestId: string | null): InvocationPage;

  /** A copy of request headers fit to show a person. */
  redactHeaders(headers: Readonly<Record<string, string>>): Record<string, string>;
  /** The signature a request carries, so that the run can scrub it wherever it shows up. */
  signatureOf(request: SignedRequest): string | null;
}
