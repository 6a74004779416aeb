// What fcinvoke takes from undici, bundled in place of the package's index (see
// scripts/build.mjs). The index also loads fetch, WebSocket, EventSource and cookies, and
// the cookies module's `globalThis.Headers` check loads Node's own copy of undici: bundled
// from the index, one invocation took 34 ms longer on Node 20 and 56 ms on Node 24 (side by
// side, 2 CPUs), for nothing fcinvoke uses. test/unit/build/undici-entry.test.ts fails when
// undici moves these files.
'use strict'

const Dispatcher = require('undici/lib/dispatcher/dispatcher')
const api = require('undici/lib/api')

// As the index does: request(), stream(), ... become methods of every dispatcher
// (fcinvoke calls dispatcher.request() with the origin and path it already has).
Object.assign(Dispatcher.prototype, api)

module.exports = {
  Agent: require('undici/lib/dispatcher/agent'),
  EnvHttpProxyAgent: require('undici/lib/dispatcher/env-http-proxy-agent'),
  Dispatcher,
  errors: require('undici/lib/core/errors')
}
