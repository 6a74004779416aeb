// The invocation target and the name rules that hold for every API version: the qualifier,
// the caller-chosen async invocation ID, and checking names against an API's own rules.
import { UsageError } from '../errors.js';

const QUALIFIER = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/;
/** Caller-chosen async invocation ID (cli-contract `--async-id`; the same rule in FC 3.0, fc3-protocol §2). */
export const ASYNC_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

/** What is invoked; `service` is set exactly when the API has services. */
export interface FunctionTarget {
  service?: string | undefined;
  functionName: string;
  qualifier: string | undefined;
}

/** One kind of name: its pattern, its longest length, and how to say the rule in a message. */
export interface NameRule {
  pattern: RegExp;
  max: number;
  rule: string;
}

export interface TargetRules {
  /** FC 2.0 names a service; FC 3.0 has none. */
  service: 'required' | 'forbidden';
  serviceName?: NameRule | undefined;
  functionName: NameRule;
}

/**
 * Throws a UsageError naming the rule when `name` breaks it. `typed` is the argument the
 * name was taken from when it differs (`../admin` gives the service ""), so the message
 * shows what the user typed.
 */
export function checkName(kind: 'service' | 'function', name: string, rule: NameRule, typed?: string): void {
  if (name.length === 0 || name.length > rule.max || !rule.pattern.test(name)) {
    const from = typed !== undefined && typed !== name ? ` (from ${JSON.stringify(typed)}, where "." starts the qualifier)` : '';
    throw new UsageError(`invalid ${kind} name ${JSON.stringify(name)}${from}: use 1-${rule.max} ${rule.rule}`, { code: 'InvalidName' });
  }
}

/** `LATEST`, a version number or an alias name. */
export function validateQualifier(qualifier: string): void {
  if (!QUALIFIER.test(qualifier)) {
    throw new UsageError(
      `invalid qualifier ${JSON.stringify(qualifier)}: use LATEST, a version number or an alias name (letters, digits, "_", "-"; at most 128)`,
      { code: 'InvalidQualifier' },
    );
  }
}

/** Throws a UsageError when `id` does not match the async invocation ID pattern; `noun` is the API's word for it. */
export function validateAsyncId(id: string, noun = 'async invocation ID'): void {
  if (!ASYNC_ID.test(id)) {
    throw new UsageError(
      `invalid ${noun} ${JSON.stringify(id)}: start with a letter or "_", then letters, digits, "_" or "-", at most 128 characters`,
      { code: 'InvalidAsyncId' },
    );
  }
}

/** An ID the service generated or the caller chose, as it goes into a request path unencoded (RFC 3986 unreserved). */
const PATH_SAFE_ID = /^[A-Za-z0-9._~-]{1,256}$/;

/**
 * Throws a UsageError when `id` cannot name an existing invocation in a request path.
 * For `status` and `stop`: the service generates IDs (UUIDs, often starting with a digit),
 * so only what is unsafe in a path is refused; the naming rule is `--async-id`'s alone.
 */
export function validateInvocationId(id: string, noun = 'invocation ID'): void {
  if (!PATH_SAFE_ID.test(id) || id === '.' || id === '..') {
    throw new UsageError(
      `invalid ${noun} ${JSON.stringify(id)}: it goes into the request path, so use 1-256 letters, digits, "-", "_", "." or "~" (and not "." or "..")`,
      { code: 'InvalidAsyncId' },
    );
  }
}

/**
 * Checks a whole target against an API's rules: the service there or not, every name, the
 * qualifier. `typedService` is the service argument as given (with its `.qualifier`).
 */
export function checkTarget(target: FunctionTarget, rules: TargetRules, typedService?: string): void {
  if (rules.service === 'required') {
    if (target.service === undefined) throw new UsageError('no service given: this API version names a service and a function', { code: 'MissingService' });
    if (rules.serviceName) checkName('service', target.service, rules.serviceName, typedService);
  } else if (target.service !== undefined) {
    throw new UsageError(`a service was given (${JSON.stringify(target.service)}), but this API version has none: name the function alone`, {
      code: 'UnexpectedService',
    });
  }
  checkName('function', target.functionName, rules.functionName);
  if (target.qualifier !== undefined) validateQualifier(target.qualifier);
}
