// Signs an InvokeFunction request with fcinvoke's own signer so that curl can send the very
// request `fcinvoke run` sends. Bundled on the fly by bench/lib/presign.mjs (esbuild).
import { buildInvokeRequest, type SignedRequest } from '../src/fc/request.js';
import { resolveTarget } from '../src/fc/names.js';

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
  return buildInvokeRequest({
    baseUrl: input.baseUrl,
    target: resolveTarget(input.service, input.functionName),
    credentials: { accessKeyId: input.accessKeyId, accessKeySecret: input.accessKeySecret, securityToken: input.securityToken },
    accountId: input.accountId,
    async: false,
    logs: input.logs ?? true,
    extraHeaders: {},
    contentLength: input.contentLength,
    date: new Date(),
    userAgent: input.userAgent ?? 'curl (fcinvoke bench)',
  });
}
