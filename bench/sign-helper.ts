// Signs an InvokeFunction request with fcinvoke's own signers, FC 2.0's and FC 3.0's, so that
// curl and the bare batch loop can send the very requests `fcinvoke run` sends. Bundled on
// the fly by bench/lib/presign.mjs (esbuild).
import { randomUUID } from 'node:crypto';
import type { SignedRequest } from '../src/fc/fc-api.js';
import { buildInvokeRequest } from '../src/fc/v2016/request.js';
import { resolveTarget } from '../src/fc/v2016/target.js';
import { buildInvokeRequest as buildInvokeRequest3 } from '../src/fc/v2023/request.js';
import { resolveTarget as resolveTarget3 } from '../src/fc/v2023/target.js';

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

export interface PresignInput3 extends Omit<PresignInput, 'service'> {
  /** Lower-case hex SHA-256 of the body: FC 3.0 signs it. */
  bodySha256?: string | undefined;
}

/** The FC 3.0 signed request (ACS3-HMAC-SHA256), dated now with a fresh nonce, as `fcinvoke run <function>` sends it. */
export function presignInvoke3(input: PresignInput3): SignedRequest {
  const connection = {
    baseUrl: input.baseUrl,
    credentials: { accessKeyId: input.accessKeyId, accessKeySecret: input.accessKeySecret, securityToken: input.securityToken },
    accountId: input.accountId,
    userAgent: input.userAgent ?? 'curl (fcinvoke bench)',
  };
  const spec = {
    target: resolveTarget3(undefined, input.functionName),
    async: false,
    logs: input.logs ?? true,
    extraHeaders: {},
    contentLength: input.contentLength,
    bodySha256: input.bodySha256,
  };
  return buildInvokeRequest3(connection, spec, { date: new Date(), nonce: randomUUID() });
}
