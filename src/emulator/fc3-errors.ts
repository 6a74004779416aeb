// FC 3.0 API errors as the emulator answers them: HTTP status, `Code`, `Message`, and the body
// `{"Code", "Message", "RequestId"}` (fc3-protocol §3). Authentication failures are in acs3-errors.ts.
//
// FC 3.0's notes name `InvalidArgument` (its message for a bad function name is quoted in
// fc3-protocol §3), `EntityTooLarge` (§4) and `FunctionNotFound` (§3). The other codes are the
// emulator's choice: FC 2.0's for the same failures (`PathNotSupported`, `AliasNotFound`,
// `VersionNotFound`, `InternalServerError`; fc2-protocol §5.2), `AsyncTaskNotFound`, which
// third-party FC 3.0 clients expect from GetAsyncTask, and `AsyncTaskAlreadyExists` (409) for a
// reused task ID, named like FC's other `...AlreadyExists` conflicts.
import type { ApiErrorSpec } from './api-errors.js';
import { sanitizeForEcho } from './acs3-errors.js';
import { FC3_FUNCTION_NAME_RULE } from './fc3-names.js';

/** `{"Code": ..., "Message": ..., "RequestId": ...}`, what the FC 3.0 SDK parses (fc3 `models/Error.ts`). */
export function renderFc3ErrorBody(error: ApiErrorSpec, requestId: string): string {
  return JSON.stringify({ Code: error.code, Message: error.message, RequestId: requestId });
}

function spec(status: number, code: string, message: string): ApiErrorSpec {
  return { status, code, message };
}

/** Constructors for every FC 3.0 error the emulator returns besides authentication failures. */
export const fc3Errors = {
  pathNotSupported: (method: string, path: string) =>
    spec(
      400,
      'PathNotSupported',
      `${method} ${sanitizeForEcho(path, 200)} is not supported by this emulator (of FC 3.0 it serves InvokeFunction, GetAsyncTask, StopAsyncTask and ListAsyncTasks)`,
    ),
  missingHeader: (name: string) => spec(400, 'MissingRequiredHeader', `required HTTP header ${name} was not specified`),
  invalidArgument: (message: string) => spec(400, 'InvalidArgument', message),
  invalidFunctionName: (name: string) =>
    spec(
      400,
      'InvalidArgument',
      `FunctionName doesn't match expected format (allowed: ${FC3_FUNCTION_NAME_RULE}, at most 64 characters, or service$function for a function of FC 2.0; actual: '${sanitizeForEcho(name)}')`,
    ),
  entityTooLarge: (limit: number) => spec(400, 'EntityTooLarge', `payload size exceeds maximum allowed size (${limit} bytes)`),
  functionNotFound: (name: string) => spec(404, 'FunctionNotFound', `function '${sanitizeForEcho(name)}' does not exist`),
  aliasNotFound: (fn: string, alias: string) =>
    spec(404, 'AliasNotFound', `alias '${sanitizeForEcho(alias)}' of function '${sanitizeForEcho(fn)}' does not exist`),
  versionNotFound: (fn: string, version: string) =>
    spec(404, 'VersionNotFound', `version '${sanitizeForEcho(version)}' of function '${sanitizeForEcho(fn)}' does not exist`),
  taskNotFound: (fn: string, taskId: string) =>
    spec(404, 'AsyncTaskNotFound', `async task '${sanitizeForEcho(taskId)}' of function '${sanitizeForEcho(fn)}' does not exist`),
  taskExists: (taskId: string) => spec(409, 'AsyncTaskAlreadyExists', `async task '${sanitizeForEcho(taskId)}' already exists`),
  internal: (message: string) => spec(500, 'InternalServerError', `an internal error has occurred: ${message}`),
} as const;
