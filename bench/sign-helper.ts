// Signs an InvokeFunction request with fcinvoke's own signer so that curl can send the very
// request `fcinvoke run` sends. Bundled on the fly by bench/lib/presign.mjs (esbuild).
import type { SignedRequest } from '../src/fc/fc-api.js';
import { buildInvokeRequest } from '../src/fc/v2016/request.js';
import { resolveTarget } from '../src/fc/v2016/target.js';

export interface PresignInput {
  baseUrl: string;
  service: string;
  functionName: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | undefined;
  accountId?: string | undefined;
  /** Bytes of the event. */
  contentLength: number;
  /** Ask for the log tail, as `fcinvoke run` does by default. */
  logs?: boolean;
  userAgent?: string;
}

/** The signed request, dated now (the service and the emulator accept 15 minutes of skew). */
export function presignInvoke(input: PresignInput): SignedRequest {
  const connection = {
    baseUrl: input.baseUrl,
    credentials: { accessKeyId: input.accessKeyId, accessKeySecret: input.accessKeySecret, securityToken: input.securityToken },
    accountId: input.accountId,
    userAgent: input.userAgent ?? 'curl (fcinvoke bench)',
  };
  const spec = { target: resolveTarget(input.service, input.functionName), async: false, logs: input.logs ?? true, extraHeaders: {}, contentLength: input.contentLength };
  return buildInvokeRequest(connection, spec, new Date());
}
