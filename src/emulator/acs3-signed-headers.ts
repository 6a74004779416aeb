// What the SignedHeaders list of an incoming FC 3.0 request must cover before its signature
// is worth checking.
import { acs3Errors, sanitizeForEcho, type Acs3ErrorSpec } from './acs3-errors.js';

/**
 * The V3 common request headers, which "must be signed whenever present" (Alibaba Cloud,
 * "V3 request structure and signature": help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature).
 */
const API_COMMON_HEADERS = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
  'x-acs-security-token',
];

/** The HTTP-trigger variant signs the date and the token, and leaves host out (fc3-protocol §5.5). */
const TRIGGER_COMMON_HEADERS = ['x-acs-date', 'x-acs-security-token'];

/**
 * An error when the list is not lower-case, sorted and without repeats (as every signer
 * writes it, and as the canonical request orders it), names a header the request lacks, leaves
 * out host (API calls) or leaves out a common header the request carries.
 */
export function checkSignedHeaders(
  signedHeaders: readonly string[],
  headers: Readonly<Record<string, string>>,
  trigger: boolean,
): Acs3ErrorSpec | undefined {
  for (let i = 0; i < signedHeaders.length; i++) {
    const name = signedHeaders[i]!;
    const previous = signedHeaders[i - 1];
    if (name === '' || name !== name.toLowerCase() || (previous !== undefined && previous >= name)) {
      return acs3Errors.invalidArgument('SignedHeaders must list lower-case header names, sorted, each once');
    }
    if (headers[name] === undefined) {
      return acs3Errors.invalidArgument(`SignedHeaders lists '${sanitizeForEcho(name, 64)}', which the request does not carry`);
    }
  }
  const signed = new Set(signedHeaders);
  if (!trigger && !signed.has('host')) return acs3Errors.invalidArgument('SignedHeaders must include host');
  for (const name of trigger ? TRIGGER_COMMON_HEADERS : API_COMMON_HEADERS) {
    if (headers[name] !== undefined && !signed.has(name)) {
      return acs3Errors.invalidArgument(`the request sends ${name} but does not sign it: add it to SignedHeaders`);
    }
  }
  return undefined;
}
