// FC 3.0 API paths and the qualifier query (fc3-protocol §2, §6): everything under
// /2023-03-30/functions/{percentEncode(fn)}; the qualifier is a query parameter, not a path part.
import type { FunctionTarget } from '../names.js';
import { FC3_API_VERSION } from './headers.js';
import { percentEncode } from './query.js';

export const API_VERSION = FC3_API_VERSION;

function functionPath(target: FunctionTarget): string {
  return `/${API_VERSION}/functions/${percentEncode(target.functionName)}`;
}

/** `/2023-03-30/functions/{fn}/invocations` (`svc$fn` sent as `svc%24fn`). */
export function invocationPath(target: FunctionTarget): string {
  return `${functionPath(target)}/invocations`;
}

/** `.../async-tasks[/{taskId}]` */
export function asyncTaskPath(target: FunctionTarget, taskId?: string): string {
  const base = `${functionPath(target)}/async-tasks`;
  return taskId === undefined ? base : `${base}/${percentEncode(taskId)}`;
}

/** `{qualifier}` when the target has one, for the query every FC 3.0 call signs. */
export function qualifierQuery(target: FunctionTarget): Record<string, string> {
  return target.qualifier ? { qualifier: target.qualifier } : {};
}
