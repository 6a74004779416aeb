// Obviously fake identities the emulator accepts unless told otherwise, and its fixed limits.
import { v2016 } from '../fc/v2016/index.js';
import type { EmulatorKey } from './auth.js';

/** Account ID the emulator answers for (checked against `x-fc-account-id`). */
export const EMULATOR_ACCOUNT_ID = '1234567890';

/** Region reported to handlers (`context.region`, `FC_REGION`). */
export const EMULATOR_REGION = 'cn-hangzhou';

/** One AccessKey pair and one STS triple; all values are fake and say so. */
export const EMULATOR_KEYS: readonly EmulatorKey[] = Object.freeze([
  Object.freeze({ accessKeyId: 'emulator-fake-key-id', accessKeySecret: 'emulator-fake-secret' }),
  Object.freeze({
    accessKeyId: 'STS.emulator-fake-sts-id',
    accessKeySecret: 'emulator-fake-sts-secret',
    securityToken: 'emulator-fake-sts-token',
  }),
]);

/** Port of `fcinvoke emulator` when --port is not given. */
export const EMULATOR_DEFAULT_PORT = 9000;

/** Sync invocation payload limit, the service's (fc2-protocol §6): 32 MiB. */
export const MAX_SYNC_PAYLOAD_BYTES = v2016.limits.sync;

/** Async invocation payload limit, the service's (fc2-protocol §6): 128 KiB. */
export const MAX_ASYNC_PAYLOAD_BYTES = v2016.limits.async;

/** Function timeout when function.json gives none (seconds). */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** Memory size reported to handlers when function.json gives none (MB); not enforced. */
export const DEFAULT_MEMORY_MB = 128;

/** Instances started per function before further invocations wait for a free one. */
export const MAX_INSTANCES_PER_FUNCTION = 10;

/** An instance idle this long is stopped (ms). */
export const INSTANCE_IDLE_MS = 5 * 60_000;
