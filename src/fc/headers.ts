// User-given `-H name:value` request headers: parsing and the rules they must follow.
import { UsageError } from '../errors.js';

/** Headers fcinvoke sets itself; each has a flag of its own. */
const RESERVED: Readonly<Record<string, string>> = {
  'x-fc-account-id': '--account-id',
  'x-fc-security-token': 'the credential settings',
  'x-fc-invocation-type': '--async',
  'x-fc-log-type': '--no-logs',
  'x-fc-stateful-async-invocation-id': '--async-id',
  'x-fc-date': 'the Date header fcinvoke signs',
};

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, space and tab only: anything else could split or smuggle a header line.
const VALUE = /^[\t\x20-\x7e]*$/;

/** Parses `Name: value` into a lower-case name and a trimmed value; throws a UsageError naming the rule broken. */
export function parseHeaderArg(arg: string): [string, string] {
  const colon = arg.indexOf(':');
  if (colon <= 0) {
    throw new UsageError(`invalid header ${JSON.stringify(arg)}: write it as "X-Fc-Name: value"`, {
      code: 'InvalidHeader',
    });
  }
  const name = arg.slice(0, colon).trim().toLowerCase();
  const value = arg.slice(colon + 1).trim();
  if (!TOKEN.test(name)) {
    throw new UsageError(`invalid header name ${JSON.stringify(name)}: use letters, digits and "-"`, {
      code: 'InvalidHeader',
    });
  }
  if (!name.startsWith('x-fc-')) {
    throw new UsageError(`header ${name} is not allowed: only x-fc-* headers can be added (they are signed)`, {
      code: 'InvalidHeader',
    });
  }
  const flag = RESERVED[name];
  if (flag) {
    throw new UsageError(`header ${name} is set by fcinvoke: use ${flag} instead`, { code: 'InvalidHeader' });
  }
  if (!VALUE.test(value)) {
    throw new UsageError(`invalid value for header ${name}: use printable ASCII only (no line breaks)`, {
      code: 'InvalidHeader',
    });
  }
  return [name, value];
}

/** All `-H` values as one map; the same name given twice is an error rather than a silent overwrite. */
export function parseHeaderArgs(args: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const arg of args) {
    const [name, value] = parseHeaderArg(arg);
    if (name in headers) {
      throw new UsageError(`header ${name} given twice: give it once`, { code: 'InvalidHeader' });
    }
    headers[name] = value;
  }
  return headers;
}
