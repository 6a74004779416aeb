// One long-lived signal (a batch's kill) handed to many requests: each request in flight
// is cut when it aborts, with its reason, and none leaves a listener behind on it.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBody } from '../../../src/fc/body.js';
import { createDispatcher, sendRequest } from '../../../src/fc/send.js';

let server: Server;
let baseUrl: string;
const dispatcher = createDispatcher({ connections: 8 });

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return; // answers never: only an abort ends the request
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await dispatcher.close().catch(() => {});
  server.closeAllConnections();
  server.close();
});

const request = (path: string) => ({ method: 'POST' as const, url: `${baseUrl}${path}`, path, headers: { 'content-length': '2' } });

describe('sendRequest with a long-lived signal', () => {
  it('sends hundreds of requests under one signal without a warning or a listener left on it', async () => {
    const controller = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      for (let round = 0; round < 25; round++) {
        const answers = await Promise.all(
          Array.from({ length: 16 }, async () => {
            const response = await sendRequest(request('/ok'), Buffer.from('hi'), { dispatcher, signal: controller.signal });
            return (await readBody(response.body)).toString();
          }),
        );
        expect(answers).toEqual(Array(16).fill('ok'));
      }
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.map((w) => w.name)).toEqual([]);
  });

  it('cuts the requests in flight when the signal aborts, with its reason', async () => {
    const controller = new AbortController();
    const reason = new Error('killed by the batch');
    const pending = Array.from({ length: 4 }, () => sendRequest(request('/hang'), Buffer.from('hi'), { dispatcher, signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(reason);
    for (const result of await Promise.allSettled(pending)) expect(result).toEqual({ status: 'rejected', reason });
  });

  it('fails at once under a signal that is already aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('stopped before sending');
    controller.abort(reason);
    await expect(sendRequest(request('/ok'), Buffer.from('hi'), { dispatcher, signal: controller.signal })).rejects.toBe(reason);
  });
});
