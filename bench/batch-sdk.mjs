#!/usr/bin/env node
// The official @alicloud/fc2 SDK sending every line of an NDJSON file with invokeFunction,
// CONCURRENCY at a time (its keep-alive agent; the log tail asked for as fcinvoke does).
// Usage: node bench/batch-sdk.mjs <events.ndjson> <concurrency>
// with FCINVOKE_ENDPOINT, ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET, ALIBABA_CLOUD_ACCOUNT_ID set.
import { readFileSync } from 'node:fs';
import FCClient from '@alicloud/fc2';

const [file, concurrencyArg, logsArg = 'logs'] = process.argv.slice(2);
const env = process.env;
const client = new FCClient(env.ALIBABA_CLOUD_ACCOUNT_ID, {
  accessKeyID: env.ALIBABA_CLOUD_ACCESS_KEY_ID,
  accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  region: 'cn-hangzhou',
  endpoint: env.FCINVOKE_ENDPOINT,
  timeout: 600_000,
});
const events = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
const headers = logsArg === 'logs' ? { 'x-fc-log-type': 'Tail' } : {};
let next = 0;
let ok = 0;
let failed = 0;

async function worker() {
  while (next < events.length) {
    const event = events[next++];
    try {
      await client.invokeFunction('demo', 'echo', event, headers);
      ok++;
    } catch {
      failed++;
    }
  }
}

await Promise.all(Array.from({ length: Number(concurrencyArg) }, worker));
process.stdout.write(`${JSON.stringify({ count: events.length, ok, failed })}\n`);
