// Loads the network layer (undici, through fc/send.ts) for a command that talks to the service.
import type * as Send from '../fc/send.js';
import { setV8Flags } from '../v8-flags.js';

let loaded: Promise<typeof Send> | undefined;

/**
 * fc/send.js, with V8 then told not to recompile undici's WebAssembly HTTP parser (llhttp)
 * with TurboFan: that background compile costs ~35 MiB of peak RSS, and Node waits for it
 * before exiting. Without the flags one invocation took 208 ms longer on Node 20, 157 ms on
 * 22 and 94 ms on 24 (side by side, 2 CPUs). Liftoff's baseline code parses headers just as well.
 * The flags are set after undici has loaded (the parser compiles on the first connection):
 * V8 rejects a code cache under changed flags, and the launcher's cache of undici is read
 * as it loads (bin/fcinvoke.cjs).
 */
export function loadTransport(): Promise<typeof Send> {
  loaded ??= (async () => {
    const send = await import('../fc/send.js');
    setV8Flags('--no-wasm-tier-up', '--no-wasm-dynamic-tiering');
    return send;
  })();
  return loaded;
}
