// Stands in for node:child_process inside commander (see scripts/build.mjs): the real module
// is loaded on first use, which fcinvoke never makes.
'use strict';

module.exports = new Proxy(
  {},
  {
    get: (_target, key) => require('node:child_process')[key],
  },
);
