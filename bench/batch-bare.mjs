#!/usr/bin/env node
// The baseline for the batch benchmark: a bare undici Pool loop that sends every line of an
// NDJSON file as a signed InvokeFunction request (fcinvoke's own signer, a fresh Date per
// request, the same headers `fcinvoke run` sends), CONCURRENCY at a time, reading each
// answer whole. No retries, no documents, no output: the least a client can do. With `fc3`,
// the FC 3.0 request to the function `echo`: each line hashed (SHA-256, signed as
// x-acs-content-sha256) and signed with ACS3 and a fresh nonce, as `fcinvoke run echo` does.
// Usage: node bench/batch-bare.mjs <events.ndjson> <concurrency> <sign-helper.mjs> [logs|none] [fc2|fc3]
// with FCINVOKE_ENDPOINT, ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, ALIBABA_CLOUD_ACCOUNT_ID set.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';

const [file, concurrencyArg, helper, logsArg = 'logs', apiArg = 'fc2'] = process.argv.slice(2);
const env = process.env;
const { presignInvoke, presignInvoke3 } = await import(pathToFileURL(helper).href);
const events = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '').map((line) => Buffer.from(line));
const base = env.FCINVOKE_ENDPOINT.replace(/\/+$/, '');
const concurrency = Number(concurrencyArg);
const pool = new Pool(base, { connections: concurrency, headersTimeout: 0 });
let next = 0;
let ok = 0;
let failed = 0;

async function worker() {
  while (next < events.length) {
    const event = events[next++];
    const common = {
      baseUrl: base,
      functionName: 'echo',
      accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
      accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      accountId: env.ALIBABA_CLOUD_ACCOUNT_ID,
      contentLength: event.length,
      logs: logsArg === 'logs',
    };
    const signed =
      apiArg === 'fc3'
        ? presignInvoke3({ ...common, bodySha256: createHash('sha256').update(event).digest('hex') })
        : presignInvoke({ ...common, service: 'demo' });
    const url = new URL(signed.url);
    const response = await pool.request({ method: 'POST', path: `${url.pathname}${url.search}`, headers: signed.headers, body: event });
    await response.body.arrayBuffer();
    if (response.statusCode === 200) ok++;
    else failed++;
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
await pool.close();
process.stdout.write(`${JSON.stringify({ count: events.length, ok, failed })}\n`);
