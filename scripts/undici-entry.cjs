// What fcinvoke takes from undici, bundled in place of the package's index (see
// scripts/build.mjs). The index also loads fetch, WebSocket, EventSource and cookies, and
// the cookies module's `globalThis.Headers` check loads Node's own copy of undici: tens of
// ms and MiB on every invocation, for nothing fcinvoke uses.
'use strict'

const Dispatcher = require('undici/lib/dispatcher/dispatcher')
const api = require('undici/lib/api')
const util = require('undici/lib/core/util')
const { InvalidArgumentError } = require('undici/lib/core/errors')

// As the index does: request(), stream(), ... become methods of every dispatcher.
Object.assign(Dispatcher.prototype, api)

/** undici's `request(url, opts)` (index.js makeDispatcher), without a global dispatcher. */
function request (url, opts = {}) {
  if (!opts.dispatcher) throw new InvalidArgumentError('fcinvoke passes a dispatcher to every request')
  const parsed = util.parseURL(url)
  return opts.dispatcher.request({
    ...opts,
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: opts.method || (opts.body ? 'PUT' : 'GET')
  })
}

module.exports = {
  Agent: require('undici/lib/dispatcher/agent'),
  EnvHttpProxyAgent: require('undici/lib/dispatcher/env-http-proxy-agent'),
  Dispatcher,
  errors: require('undici/lib/core/errors'),
  request
}
