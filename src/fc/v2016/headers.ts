// FC 2.0's `-H` rules: only x-fc-* headers, because they are signed (fc2-protocol §2.2),
// and not the ones fcinvoke sets itself.
import { parseHeaderArgsWith, parseHeaderArgWith, type HeaderRules } from '../headers.js';

export const HEADER_RULES: HeaderRules = {
  prefix: 'x-fc-',
  prefixReason: 'they are signed',
  reserved: {
    'x-fc-account-id': '--account-id',
    'x-fc-security-token': 'the credential settings',
    'x-fc-invocation-type': '--async',
    'x-fc-log-type': '--no-logs',
    'x-fc-stateful-async-invocation-id': '--async-id',
    'x-fc-date': 'the Date header fcinvoke signs',
  },
};

/** One `-H` value under FC 2.0's rules. */
export function parseHeaderArg(arg: string): [string, string] {
  return parseHeaderArgWith(HEADER_RULES, arg);
}

/** Every `-H` value under FC 2.0's rules. */
export function parseHeaderArgs(args: readonly string[]): Record<string, string> {
  return parseHeaderArgsWith(HEADER_RULES, args);
}
