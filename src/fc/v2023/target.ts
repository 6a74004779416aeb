// FC 3.0 targets (cli-contract "Which API", fc3-protocol §10): a function alone, with its
// qualifier after a colon, and the `service$function` names of FC 2.0 functions seen through
// FC 3.0; `<service> <function>` names the same migrated function.
import { UsageError } from '../../errors.js';
import { validateQualifier, type FunctionTarget, type NameRule, type TargetRules } from '../names.js';

// FC 3.0 quotes `^[_a-zA-Z][-_a-zA-Z0-9]*$` when it refuses a name (fc3-protocol §3); FC 2.0's
// names follow the same pattern (fc2-protocol §1.3), with their own lengths.
const NAME = /^[_a-zA-Z][-_a-zA-Z0-9]*$/;
const NAME_RULE = 'letters, digits, "_" or "-", not starting with a digit or "-"';

/** An FC 3.0 function name of its own: at most 64 characters. */
export const FUNCTION_RULE: NameRule = { pattern: NAME, max: 64, rule: NAME_RULE };
/** The service half of `service$function`: FC 2.0's service rule. */
export const MIGRATED_SERVICE_RULE: NameRule = { pattern: NAME, max: 128, rule: NAME_RULE };
/** The function half of `service$function`: FC 2.0's function rule. */
export const MIGRATED_FUNCTION_RULE: NameRule = { pattern: NAME, max: 64, rule: NAME_RULE };

/** No services; `functionName` is checked against FUNCTION_RULE, or as `service$function` by resolveTarget. */
export const TARGET_RULES: TargetRules = { service: 'forbidden', functionName: FUNCTION_RULE };

const MIGRATED = "an FC 2.0 function seen through FC 3.0 is service$function, each part by FC 2.0's rules: ";

function quoted(text: string): string {
  return JSON.stringify(text);
}

/** Throws a UsageError naming the rule and what was typed, when `name` breaks it. */
function checkPart(kind: 'function' | 'service', name: string, rule: NameRule, typed: string, note = ''): void {
  if (name.length > 0 && name.length <= rule.max && rule.pattern.test(name)) return;
  const where = typed === name ? '' : ` in ${quoted(typed)}`;
  const what = name === '' ? `no ${kind} name${where}` : `invalid ${kind} name ${quoted(name)}${where}`;
  throw new UsageError(`${what}: ${note}use 1-${rule.max} ${rule.rule}`, { code: 'InvalidName' });
}

/** `name<sep>qualifier` split once; a second separator or nothing after it is a UsageError. */
function splitQualifier(arg: string, separator: ':' | '.', form: string): { name: string; qualifier: string | undefined } {
  const at = arg.indexOf(separator);
  if (at === -1) return { name: arg, qualifier: undefined };
  const qualifier = arg.slice(at + 1);
  if (qualifier === '' || qualifier.includes(separator)) {
    const problem = qualifier === '' ? `nothing after "${separator}"` : `more than one "${separator}"`;
    throw new UsageError(`invalid target ${quoted(arg)}: ${problem}; write ${form} with one "${separator}"${separator === ':' ? ' (FC 3.0 names cannot contain ":")' : ''}`, {
      code: 'InvalidName',
    });
  }
  return { name: arg.slice(0, at), qualifier };
}

/** The one qualifier all the given ones agree on; they must not disagree. */
function agreeOn(given: readonly (readonly [source: string, value: string | undefined])[]): string | undefined {
  const said = given.filter((entry): entry is readonly [string, string] => entry[1] !== undefined);
  if (new Set(said.map(([, value]) => value)).size > 1) {
    const sayings = said.map(([source, value]) => `${source} says ${value}`).join(', ');
    throw new UsageError(`qualifier given twice and they disagree: ${sayings}; give one`, { code: 'ConflictingQualifier' });
  }
  return said[0]?.[1];
}

/**
 * The target of `<function>` (`fn`, `fn:prod`, `svc$fn`, `svc$fn:1`) or, with a service
 * argument, of `<service[.qualifier]> <function>`, the migrated function `service$function`.
 * Every qualifier given (inline and `-q`) must agree; every name is checked.
 */
export function resolveTarget(serviceArg: string | undefined, functionArg: string, qualifierFlag?: string): FunctionTarget {
  const fn = splitQualifier(functionArg, ':', 'function:qualifier');
  const service = serviceArg === undefined ? undefined : splitQualifier(serviceArg, '.', 'service.qualifier');
  const qualifier = agreeOn([
    [quoted(serviceArg ?? ''), service?.qualifier],
    [quoted(functionArg), fn.qualifier],
    ['--qualifier', qualifierFlag],
  ]);
  let functionName: string;
  if (service !== undefined) {
    const typed = `${serviceArg} ${functionArg}`;
    checkPart('service', service.name, MIGRATED_SERVICE_RULE, typed, MIGRATED);
    checkPart('function', fn.name, MIGRATED_FUNCTION_RULE, typed, MIGRATED);
    functionName = `${service.name}$${fn.name}`;
  } else if (fn.name.includes('$')) {
    const dollar = fn.name.indexOf('$');
    checkPart('service', fn.name.slice(0, dollar), MIGRATED_SERVICE_RULE, functionArg, MIGRATED);
    checkPart('function', fn.name.slice(dollar + 1), MIGRATED_FUNCTION_RULE, functionArg, MIGRATED);
    functionName = fn.name;
  } else {
    checkPart('function', fn.name, FUNCTION_RULE, functionArg);
    functionName = fn.name;
  }
  if (qualifier !== undefined) validateQualifier(qualifier);
  return { service: undefined, functionName, qualifier };
}

/** `fn[:q]` as the user would type it again; single-quoted when it holds `$` (a migrated name), which a shell would expand. */
export function targetArgs(target: FunctionTarget): string {
  const arg = target.qualifier ? `${target.functionName}:${target.qualifier}` : target.functionName;
  return arg.includes('$') ? `'${arg}'` : arg;
}
