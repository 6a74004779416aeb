// The refusals of HTTP-trigger requests that API calls do not have, and the one InvokeFunction
// gives an FC 2.0 function with an HTTP trigger. They go out with `X-Fc-Error-Type:
// FcCommonError` (http-triggers.md §1.9) in the body shape of the function's API.
//
// FC documents the statuses (400 limits, 403 method, 404 no trigger) but no ErrorCodes for
// them; `TriggerNotFound` is FC 2.0's code for a missing trigger (GetTrigger), `MethodNotAllowed`
// the emulator's choice, and `InvalidArgument` the code §1.8 gives for requests over the limits.
// The InvokeFunction refusal quotes FC's message (§1.10); its status and code are not
// documented, and 400 `InvalidArgument` is the emulator's choice.
import type { ApiErrorSpec } from './api-errors.js';
import { sanitizeForEcho } from './auth.js';
import { HTTP_TRIGGER_NAME } from './http-trigger-config.js';

function spec(status: number, code: string, message: string): ApiErrorSpec {
  return { status, code, message };
}

export const triggerErrors = {
  noTrigger: (fn: string) =>
    spec(404, 'TriggerNotFound', `function '${sanitizeForEcho(fn)}' has no HTTP trigger: add "httpTrigger" to its function.json`),
  otherRegion: (region: string, served: string) =>
    spec(404, 'TriggerNotFound', `there is no HTTP trigger in region '${sanitizeForEcho(region)}': this emulator serves ${served}`),
  methodNotAllowed: (method: string, fn: string, allowed: readonly string[]) =>
    spec(
      403,
      'MethodNotAllowed',
      `method ${sanitizeForEcho(method, 16)} is not allowed by the HTTP trigger of function '${sanitizeForEcho(fn)}' (its methods: ${allowed.join(', ')})`,
    ),
  targetTooLong: (limit: number) => spec(400, 'InvalidArgument', `the path and query exceed the maximum allowed size (${limit} bytes)`),
  payloadTooLarge: (limit: number) => spec(400, 'InvalidArgument', `payload size exceeds maximum allowed size (${limit} bytes)`),
  invokeWithTrigger: () =>
    spec(400, 'InvalidArgument', `Function with http trigger(name: ${HTTP_TRIGGER_NAME}) can only be invoked with http trigger URL.`),
} as const;
