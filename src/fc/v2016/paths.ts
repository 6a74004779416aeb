// FC 2.0 API paths (fc2-protocol §1): everything under /2016-08-15/services/{svc}[.{q}].
import type { FunctionTarget } from '../names.js';
import { serviceOf } from './target.js';

export const API_VERSION = '2016-08-15';

function servicePath(target: FunctionTarget): string {
  const service = serviceOf(target);
  const qualified = target.qualifier ? `${service}.${target.qualifier}` : service;
  return `/${API_VERSION}/services/${qualified}/functions/${target.functionName}`;
}

/** `/2016-08-15/services/{svc}[.{q}]/functions/{fn}/invocations` */
export function invocationPath(target: FunctionTarget): string {
  return `${servicePath(target)}/invocations`;
}

/** `.../stateful-async-invocations[/{id}]` */
export function statefulAsyncPath(target: FunctionTarget, invocationId?: string): string {
  const base = `${servicePath(target)}/stateful-async-invocations`;
  return invocationId === undefined ? base : `${base}/${invocationId}`;
}
