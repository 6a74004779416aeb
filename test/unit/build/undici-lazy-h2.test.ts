// The build's rewrite of undici's client.js (scripts/undici-lazy-h2.mjs): it must find its
// line in the undici that is installed, and stop the build when it cannot.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain JavaScript, without type declarations
import { CLIENT_FILE, lazyH2 } from '../../../scripts/undici-lazy-h2.mjs';

const require = createRequire(import.meta.url);
const clientPath = require.resolve('undici/lib/dispatcher/client.js');

describe('lazyH2', () => {
  it('finds its one line in the installed undici and makes the HTTP/2 client load on first use', () => {
    expect(CLIENT_FILE.test(clientPath)).toBe(true);
    const out = (lazyH2 as (source: string) => string)(readFileSync(clientPath, 'utf8'));
    expect(out).toContain("const connectH2 = (client, socket) => require('./client-h2.js')(client, socket)");
    expect(out).not.toContain("const connectH2 = require('./client-h2.js')");
  });

  it('stops the build when the line is gone or there twice', () => {
    expect(() => (lazyH2 as (source: string) => string)("const connectH2 = require('./h2.js')")).toThrow(/no longer has the line/);
    const twice = "const connectH2 = require('./client-h2.js')\nconst connectH2 = require('./client-h2.js')";
    expect(() => (lazyH2 as (source: string) => string)(twice)).toThrow(/no longer has the line/);
  });
});
