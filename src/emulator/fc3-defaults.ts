// The FC 3.0 API's fixed limits, as the emulator applies them.

/** Sync invocation payload limit (fc3-protocol §4): 32 MiB. */
export const FC3_MAX_SYNC_PAYLOAD_BYTES = 33_554_432;

/** Async invocation payload limit (fc3-protocol §4): 128 KiB. */
export const FC3_MAX_ASYNC_PAYLOAD_BYTES = 131_072;

/** Body accepted by the async task APIs, which take none: the emulator's own bound. */
export const FC3_MAX_API_BODY_BYTES = 65_536;
