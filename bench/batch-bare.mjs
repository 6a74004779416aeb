#!/usr/bin/env node
// The baseline for the batch benchmark: a bare undici Pool loop that sends every line of an
// NDJSON file as a signed InvokeFunction request (fcinvoke's own signer, a fresh Date per
// request, the same headers `fcinvoke run` sends), CONCURRENCY at a time, reading each
// answer whole. No retries, no documents, no output: the least a client can do.
// Usage: node bench/batch-bare.mjs <events.ndjson> <concurrency> <sign-helper.mjs>
// with FCINVOKE_ENDPOINT, ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, ALIBABA_CLOUD_ACCOUNT_ID set.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';

const [file, concurrencyArg, helper, logsArg = 'logs'] = process.argv.slice(2);
const env = process.env;
const { presignInvoke } = await import(pathToFileURL(helper).href);
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
    const signed = presignInvoke({
      baseUrl: base,
      service: 'demo',
      functionName: 'echo',
      accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
      accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      accountId: env.ALIBABA_CLOUD_ACCOUNT_ID,
      contentLength: event.length,
      logs: logsArg === 'logs',
    });
    const response = await pool.request({ method: 'POST', path: new URL(signed.url).pathname, headers: signed.headers, body: event });
    await response.body.arrayBuffer();
    if (response.statusCode === 200) ok++;
    else failed++;
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
await pool.close();
process.stdout.write(`${JSON.stringify({ count: events.length, ok, failed })}\n`);
