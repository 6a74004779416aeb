// User-given `-H name:value` request headers: parsing, and the rules of the API in use
// (which names may be added, which fcinvoke sets itself).
import { UsageError } from '../errors.js';

/** What an API allows in `-H`. */
export interface HeaderRules {
  /** The only names that may be added, e.g. `x-fc-`. */
  prefix: string;
  /** Why, for the refusal: `they are signed`. */
  prefixReason: string;
  /** Names fcinvoke sets itself, each with the flag or setting to use instead. */
  reserved: Readonly<Record<string, string>>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, space and tab only: anything else could split or smuggle a header line.
const VALUE = /^[\t\x20-\x7e]*$/;

/** Parses `Name: value` into a lower-case name and a trimmed value; throws a UsageError naming the rule broken. */
export function parseHeaderArgWith(rules: HeaderRules, arg: string): [string, string] {
  const colon = arg.indexOf(':');
  if (colon <= 0) {
    throw new UsageError(`invalid header ${JSON.stringify(arg)}: write it as "X-Fc-Name: value"`, { code: 'InvalidHeader' });
  }
  const name = arg.slice(0, colon).trim().toLowerCase();
  const value = arg.slice(colon + 1).trim();
  if (!TOKEN.test(name)) {
    throw new UsageError(`invalid header name ${JSON.stringify(name)}: use letters, digits and "-"`, { code: 'InvalidHeader' });
  }
  if (!name.startsWith(rules.prefix)) {
    throw new UsageError(`header ${name} is not allowed: only ${rules.prefix}* headers can be added (${rules.prefixReason})`, { code: 'InvalidHeader' });
  }
  const flag = rules.reserved[name];
  if (flag) throw new UsageError(`header ${name} is set by fcinvoke: use ${flag} instead`, { code: 'InvalidHeader' });
  if (!VALUE.test(value)) {
    throw new UsageError(`invalid value for header ${name}: use printable ASCII only (no line breaks)`, { code: 'InvalidHeader' });
  }
  return [name, value];
}

/** All `-H` values as one map; the same name given twice is an error rather than a silent overwrite. */
export function parseHeaderArgsWith(rules: HeaderRules, args: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const arg of args) {
    const [name, value] = parseHeaderArgWith(rules, arg);
    if (name in headers) throw new UsageError(`header ${name} given twice: give it once`, { code: 'InvalidHeader' });
    headers[name] = value;
  }
  return headers;
}
