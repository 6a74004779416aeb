// undici's client.js loads its HTTP/2 client (and with it node:http2) at load, for a protocol
// fcinvoke never asks for: undici offers h2 only with allowH2, which fcinvoke does not set.
// The build makes that require lazy: 6 to 10 ms less per invocation on Node 20, 22 and 24
// (docs/benchmarks.md). The line is matched exactly; when undici changes it, the build stops
// and says so, rather than shipping the eager load unnoticed.

/** The file the build rewrites. */
export const CLIENT_FILE = /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/;

const EAGER = "const connectH2 = require('./client-h2.js')";
const LAZY = "const connectH2 = (client, socket) => require('./client-h2.js')(client, socket)";

/** client.js with the HTTP/2 client required on first use; throws when the line is not there once. */
export function lazyH2(source) {
  const at = source.indexOf(EAGER);
  if (at === -1 || source.indexOf(EAGER, at + 1) !== -1) {
    throw new Error(`undici's lib/dispatcher/client.js no longer has the line \`${EAGER}\` once: check scripts/undici-lazy-h2.mjs against the new undici`);
  }
  return source.replace(EAGER, LAZY);
}
