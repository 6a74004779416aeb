#!/usr/bin/env node
// Prints a curl command that sends a signed InvokeFunction request, signed now with
// fcinvoke's own signer, for reproducing the curl row of docs/benchmarks.md by hand.
// Usage: node bench/presign.mjs [--json] <service> <function> <event-file>
// With --json it prints the request as {"url","method","headers"} for bench/lib/floor.cjs.
// Reads ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, ALIBABA_CLOUD_ACCOUNT_ID and FCINVOKE_ENDPOINT.
import { statSync } from 'node:fs';
import { curlArgs, loadPresign } from './lib/presign.mjs';

const json = process.argv[2] === '--json';
const [service, functionName, file] = process.argv.slice(json ? 3 : 2);
const env = process.env;
if (!service || !functionName || !file || !env.FCINVOKE_ENDPOINT || !env.ALIBABA_CLOUD_ACCESS_KEY_ID || !env.ALIBABA_CLOUD_ACCESS_KEY_SECRET) {
  process.stderr.write('usage: node bench/presign.mjs [--json] <service> <function> <event-file>\n(with FCINVOKE_ENDPOINT and ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET set, e.g. from `fcinvoke emulator`)\n');
  process.exit(2);
}
const presignInvoke = await loadPresign();
const request = presignInvoke({
  baseUrl: env.FCINVOKE_ENDPOINT.replace(/\/+$/, ''),
  service,
  functionName,
  accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
  accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN,
  accountId: env.ALIBABA_CLOUD_ACCOUNT_ID,
  contentLength: statSync(file).size,
});
if (json) {
  process.stdout.write(`${JSON.stringify({ url: request.url, method: request.method, headers: request.headers })}\n`);
  process.exit(0);
}
const quote = (word) => (/^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
process.stdout.write(`curl ${curlArgs(request, file).map(quote).join(' ')}\n`);
