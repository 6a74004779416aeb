// Name rules of the service (fc2-protocol §1.3) and the `service.qualifier` argument form.
import { UsageError } from '../errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const QUALIFIER = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,127}$/;
/** Stateful async invocation ID (cli-contract `--async-id`). */
export const ASYNC_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/;

function checkName(kind: 'service' | 'function', name: string, max: number): void {
  if (name.length === 0 || name.length > max || !NAME.test(name)) {
    throw new UsageError(
      `invalid ${kind} name ${JSON.stringify(name)}: use 1-${max} letters, digits, "_" or "-", not starting with a digit or "-"`,
      { code: 'InvalidName' },
    );
  }
}

/** Throws a UsageError naming the rule when `name` is not a valid service name. */
export function validateServiceName(name: string): void {
  checkName('service', name, 128);
}

/** Throws a UsageError naming the rule when `name` is not a valid function name. */
export function validateFunctionName(name: string): void {
  checkName('function', name, 64);
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

/** Throws a UsageError when `id` does not match the stateful async invocation ID pattern. */
export function validateAsyncId(id: string): void {
  if (!ASYNC_ID.test(id)) {
    throw new UsageError(
      `invalid async invocation ID ${JSON.stringify(id)}: start with a letter or "_", then letters, digits, "_" or "-", at most 128 characters`,
      { code: 'InvalidAsyncId' },
    );
  }
}

export interface FunctionTarget {
  service: string;
  functionName: string;
  qualifier: string | undefined;
}

/**
 * Splits `service.qualifier`, reconciles it with `-q`, and validates every part.
 * The two ways of giving the qualifier must agree.
 */
export function resolveTarget(serviceArg: string, functionName: string, qualifierFlag?: string): FunctionTarget {
  const dot = serviceArg.indexOf('.');
  const service = dot === -1 ? serviceArg : serviceArg.slice(0, dot);
  const inline = dot === -1 ? undefined : serviceArg.slice(dot + 1);
  if (inline !== undefined && qualifierFlag !== undefined && inline !== qualifierFlag) {
    throw new UsageError(
      `qualifier given twice and they disagree: "${serviceArg}" says ${inline}, --qualifier says ${qualifierFlag}; give one`,
      { code: 'ConflictingQualifier' },
    );
  }
  validateServiceName(service);
  validateFunctionName(functionName);
  const qualifier = inline ?? qualifierFlag;
  if (qualifier !== undefined) validateQualifier(qualifier);
  return { service, functionName, qualifier };
}
