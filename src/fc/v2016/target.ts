// FC 2.0 targets (fc2-protocol §1.3): a service and a function, and the `service.qualifier`
// form of the service argument.
import { UsageError } from '../../errors.js';
import { checkTarget, type FunctionTarget, type TargetRules } from '../names.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NAME_RULE = 'letters, digits, "_" or "-", not starting with a digit or "-"';

/** Services and functions are both required, 128 and 64 characters at most. */
export const TARGET_RULES: TargetRules = {
  service: 'required',
  serviceName: { pattern: NAME, max: 128, rule: NAME_RULE },
  functionName: { pattern: NAME, max: 64, rule: NAME_RULE },
};

/**
 * Splits `service.qualifier`, reconciles it with `-q`, and validates every part.
 * The two ways of giving the qualifier must agree.
 */
export function resolveTarget(serviceArg: string | undefined, functionName: string, qualifierFlag?: string): FunctionTarget {
  const arg = serviceArg ?? '';
  const dot = arg.indexOf('.');
  const service = dot === -1 ? arg : arg.slice(0, dot);
  const inline = dot === -1 ? undefined : arg.slice(dot + 1);
  if (inline !== undefined && qualifierFlag !== undefined && inline !== qualifierFlag) {
    throw new UsageError(`qualifier given twice and they disagree: "${arg}" says ${inline}, --qualifier says ${qualifierFlag}; give one`, {
      code: 'ConflictingQualifier',
    });
  }
  const target = { service, functionName, qualifier: inline ?? qualifierFlag };
  checkTarget(target, TARGET_RULES, arg);
  return target;
}

/** `svc[.q] fn`, as the user would type it again. */
export function targetArgs(target: FunctionTarget): string {
  const service = target.service ?? '';
  return `${target.qualifier ? `${service}.${target.qualifier}` : service} ${target.functionName}`;
}

/** The service of an FC 2.0 target; its absence is a caller's bug the rules would have caught. */
export function serviceOf(target: FunctionTarget): string {
  if (target.service === undefined) throw new UsageError('no service given: FC 2.0 names a service and a function', { code: 'MissingService' });
  return target.service;
}
