// FC 3.0 function names (fc3-protocol §3): the native rule, and `service$function` for the FC
// 2.0 functions FC 3.0 shows after migration (cli-contract "Which API"). Pure.
import { isValidName } from './function-config.js';

/** The pattern FC 3.0 quotes when it refuses a function name. */
export const FC3_FUNCTION_NAME_RULE = '^[_a-zA-Z][-_a-zA-Z0-9]*$';

const FC3_FUNCTION_NAME = /^[_a-zA-Z][-_a-zA-Z0-9]*$/;
const FC3_NAME_MAX = 64;

/** A name of the FC 3.0 API: a function of its own, or an FC 2.0 function seen through it. */
export type Fc3Name = { kind: 'native'; name: string } | { kind: 'migrated'; name: string; service: string; functionName: string };

/** True for a name FC 3.0 accepts for a function of its own: the rule, at most 64 characters. */
export function isValidFc3Name(name: string): boolean {
  return name.length <= FC3_NAME_MAX && FC3_FUNCTION_NAME.test(name);
}

/**
 * What a function name in an FC 3.0 path names, or undefined when it is no valid name. `$`
 * appears only in migrated names: `service$function`, each part by FC 2.0's rules.
 */
export function parseFc3Name(name: string): Fc3Name | undefined {
  const dollar = name.indexOf('$');
  if (dollar === -1) return isValidFc3Name(name) ? { kind: 'native', name } : undefined;
  const service = name.slice(0, dollar);
  const functionName = name.slice(dollar + 1);
  if (!isValidName(service, 128) || !isValidName(functionName, 64)) return undefined;
  return { kind: 'migrated', name, service, functionName };
}

/** The FC 3.0 name of an FC 2.0 function. */
export function migratedName(service: string, functionName: string): string {
  return `${service}$${functionName}`;
}
