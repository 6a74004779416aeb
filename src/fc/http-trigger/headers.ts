// `-H 'Name: value'` for `fcinvoke http`: any header, except the ones fcinvoke sets itself
// (framing, the invocation flags and, when it signs, the signature's headers). Pure.
import { UsageError } from '../../errors.js';

/** `function`: signed with the AccessKey; `anonymous`: no credentials sent at all. */
export type TriggerAuth = 'function' | 'anonymous';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Visible ASCII, space and tab only: anything else could split or smuggle a header line.
const VALUE = /^[\t\x20-\x7e]*$/;

const FRAMING = 'from the body it sends';
const HOP_BY_HOP = 'for its own connection';
const SIGNATURE = 'for the signature';

/** Set by fcinvoke whatever the auth: why, and what to use instead. */
const ALWAYS_RESERVED: Readonly<Record<string, string>> = {
  'content-length': FRAMING,
  'transfer-encoding': FRAMING,
  connection: HOP_BY_HOP,
  'keep-alive': HOP_BY_HOP,
  te: HOP_BY_HOP,
  trailer: HOP_BY_HOP,
  upgrade: HOP_BY_HOP,
  expect: HOP_BY_HOP,
  'x-fc-invocation-type': 'from --async',
  'x-fc-log-type': 'from --no-logs',
};

/** Set by the signature with `--auth function` (both schemes' headers, http-triggers.md §1.3, §3). */
const SIGNED_RESERVED: Readonly<Record<string, string>> = {
  authorization: `${SIGNATURE}: give --auth anonymous to send one of your own`,
  date: SIGNATURE,
  'x-fc-account-id': `${SIGNATURE}, from --account-id`,
  'x-fc-security-token': `${SIGNATURE}, from the credential settings`,
  'x-acs-date': SIGNATURE,
  'x-acs-security-token': `${SIGNATURE}, from the credential settings`,
};

/** Values of one name given twice are joined as HTTP joins them (RFC 9110 §5.3; cookies with `; `). */
function join(name: string, first: string, second: string): string {
  return `${first}${name === 'cookie' ? '; ' : ', '}${second}`;
}

/** Parses `Name: value` into a lower-case name and a trimmed value; throws a UsageError naming the rule broken. */
export function parseHttpHeaderArg(arg: string, auth: TriggerAuth): [string, string] {
  const colon = arg.indexOf(':');
  if (colon <= 0) throw new UsageError(`invalid header ${JSON.stringify(arg)}: write it as "Name: value"`, { code: 'InvalidHeader' });
  const name = arg.slice(0, colon).trim().toLowerCase();
  const value = arg.slice(colon + 1).trim();
  if (!TOKEN.test(name)) throw new UsageError(`invalid header name ${JSON.stringify(name)}: use letters, digits and "-"`, { code: 'InvalidHeader' });
  const why = ALWAYS_RESERVED[name] ?? (auth === 'function' ? SIGNED_RESERVED[name] : undefined);
  if (why) throw new UsageError(`header ${name} is set by fcinvoke ${why}`, { code: 'InvalidHeader' });
  if (!VALUE.test(value)) throw new UsageError(`invalid value for header ${name}: use printable ASCII only (no line breaks)`, { code: 'InvalidHeader' });
  return [name, value];
}

/** Every `-H` as one map with lower-case names, in the order given; a repeated name's values joined. */
export function parseHttpHeaderArgs(args: readonly string[], auth: TriggerAuth): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const arg of args) {
    const [name, value] = parseHttpHeaderArg(arg, auth);
    const known = Object.hasOwn(headers, name) ? headers[name] : undefined;
    // Defined, not assigned: a `__proto__` header must stay a plain entry.
    Object.defineProperty(headers, name, { value: known === undefined ? value : join(name, known, value), enumerable: true, configurable: true, writable: true });
  }
  return headers;
}
