// The errors an FC 3.0 request can fail authentication with: HTTP status, `Code`, `Message`.
//
// The FC 3.0 notes name `InvalidArgument` (fc3-protocol §3) and quote the messages for a stale
// date and a signature mismatch (§5.5), but no codes for them. The other codes are the
// emulator's choice: FC 2.0's for the same failures (`MissingRequiredHeader`,
// `SignatureNotMatch`; fc2-protocol §5.2), the FC 2.0 emulator's `RequestTimeTooSkewed` and
// `InvalidSecurityToken`, `InvalidAccessKeyId`, and `SignatureNonceUsed`, which Alibaba Cloud's
// OpenAPI gateway gives a replayed nonce (help.aliyun.com/document_detail/48054).

/** An error answer: HTTP status and the `Code` and `Message` of FC 3.0's error body. */
export interface Acs3ErrorSpec {
  status: number;
  code: string;
  message: string;
}

/** Client-supplied text made safe to echo in a message: sanitizeForEcho ASCII, bounded length. */
export function sanitizeForEcho(text: string, max = 128): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

function spec(status: number, code: string, message: string): Acs3ErrorSpec {
  return { status, code, message };
}

/** Constructors for every authentication failure; messages never carry a secret, token or signature. */
export const acs3Errors = {
  missingHeader: (name: string) => spec(400, 'MissingRequiredHeader', `required HTTP header ${name} was not specified`),
  invalidArgument: (message: string) => spec(400, 'InvalidArgument', message),
  timeSkewed: (date: string, serverTime: string) =>
    spec(
      403,
      'RequestTimeTooSkewed',
      `the difference between the request time '${sanitizeForEcho(date, 64)}' and the current time '${serverTime}' is too large (more than 15 minutes)`,
    ),
  invalidAccessKeyId: (id: string) => spec(403, 'InvalidAccessKeyId', `invalid access key ID '${sanitizeForEcho(id)}'`),
  signatureNotMatch: () =>
    spec(
      403,
      'SignatureNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your access key and signing method.',
    ),
  invalidSecurityToken: (message: string) => spec(403, 'InvalidSecurityToken', message),
  nonceUsed: () =>
    spec(400, 'SignatureNonceUsed', 'the x-acs-signature-nonce was used already: send a fresh nonce with every request'),
} as const;
