// A synchronous invocation answered: HTTP 200 with the result streamed and the invocation
// headers, whether or not the function failed (fc2-protocol §4.2, fc3-protocol §3).
import type { Exchange, RequestDeps } from './exchange.js';
import { writeResultBody } from './http-io.js';
import { buildInvocationHeaders, wantsLogTail } from './invocation-headers.js';
import { runInvocation } from './invocation.js';
import type { ResolvedFunction } from './resolved-function.js';

/** Runs `fn` with `event` and streams its result as the response. */
export async function respondWithInvocation(deps: RequestDeps, exchange: Exchange, fn: ResolvedFunction, event: Buffer): Promise<void> {
  const { res, headers, requestId } = exchange;
  const result = await runInvocation(deps, { requestId, fn, event });
  exchange.label = result.errorType ?? 'OK';
  res.writeHead(
    200,
    buildInvocationHeaders({
      errorType: result.errorType,
      durationMs: result.durationMs,
      maxMemoryMb: result.maxMemoryMb,
      instanceId: result.instanceId,
      codeChecksum: fn.checksum,
      serviceVersion: fn.version,
      bodyLength: result.body.length,
      tailLog: wantsLogTail(headers['x-fc-log-type']) ? result.log.bytes() : undefined,
    }),
  );
  await writeResultBody(res, result.body);
}
