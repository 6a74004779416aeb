// FC API errors as the emulator answers them: status, ErrorCode, message (fc2-protocol §5).

/** An API error response: HTTP status and FC's JSON body fields. */
export interface ApiErrorSpec {
  status: number;
  code: string;
  message: string;
}

/** `{"ErrorCode": ..., "ErrorMessage": ...}`, the body every FC SDK parses (fc2-protocol §5.1). */
export function renderApiErrorBody(error: ApiErrorSpec): string {
  return JSON.stringify({ ErrorCode: error.code, ErrorMessage: error.message });
}

function spec(status: number, code: string, message: string): ApiErrorSpec {
  return { status, code, message };
}

/** Constructors for every error the emulator returns; statuses from fc2-protocol §5.2. */
export const apiErrors = {
  missingHeader: (name: string) => spec(400, 'MissingRequiredHeader', `required HTTP header ${name} was not specified`),
  contentLengthRequired: () =>
    spec(400, 'MissingRequiredHeader', 'Content-Length is required: send the event with a fixed length, not chunked'),
  invalidArgument: (message: string) => spec(400, 'InvalidArgument', message),
  pathNotSupported: (method: string, path: string) =>
    spec(
      400,
      'PathNotSupported',
      `${method} ${path} is not supported by this emulator (of FC 2.0 it serves InvokeFunction, the stateful async invocation APIs and HTTP triggers under /2016-08-15/proxy/)`,
    ),
  entityTooLarge: (limit: number) =>
    spec(400, 'EntityTooLarge', `payload size exceeds maximum allowed size (${limit} bytes)`),
  timeSkewed: (message: string) => spec(403, 'RequestTimeTooSkewed', message),
  invalidAccessKeyId: (id: string) => spec(403, 'InvalidAccessKeyID', `invalid access key ID '${id}'`),
  signatureNotMatch: () =>
    spec(
      403,
      'SignatureNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your access key and signing method.',
    ),
  invalidSecurityToken: (message: string) => spec(403, 'InvalidSecurityToken', message),
  accessDenied: (message: string) => spec(403, 'AccessDenied', message),
  serviceNotFound: (service: string) => spec(404, 'ServiceNotFound', `service '${service}' does not exist`),
  functionNotFound: (service: string, fn: string) =>
    spec(404, 'FunctionNotFound', `function '${fn}' does not exist in service '${service}'`),
  aliasNotFound: (service: string, alias: string) =>
    spec(404, 'AliasNotFound', `alias '${alias}' does not exist in service '${service}'`),
  versionNotFound: (service: string, version: string) =>
    spec(404, 'VersionNotFound', `version '${version}' does not exist in service '${service}'`),
  invocationNotFound: (id: string) =>
    spec(404, 'StatefulAsyncInvocationNotFound', `stateful async invocation '${id}' does not exist`),
  invocationExists: (id: string) =>
    spec(409, 'StatefulAsyncInvocationAlreadyExists', `stateful async invocation '${id}' already exists`),
  internal: (message: string) => spec(500, 'InternalServerError', `an internal error has occurred: ${message}`),
} as const;
