#!/usr/bin/env node
// A tiny FC-shaped HTTP server for the memory benchmark (no signature checks): function
// `sink` swallows the event and answers its size; function `stream` answers as many bytes
// as the event says, streamed in 64 KiB chunks with backpressure.
// Usage: node bench/lib/stream-server.mjs [--port N]   (prints its URL on stdout)
import { createServer } from 'node:http';

const CHUNK = Buffer.alloc(64 * 1024, 'fcinvoke-bench ');

function answer(res, status, body, extra = {}) {
  res.writeHead(status, { 'content-type': 'application/octet-stream', 'content-length': Buffer.byteLength(body), 'x-fc-request-id': 'bench', ...extra });
  res.end(body);
}

function stream(res, size) {
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': size, 'x-fc-request-id': 'bench-stream' });
  let left = size;
  const pump = () => {
    while (left > 0) {
      const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
      left -= chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

const server = createServer((req, res) => {
  const fn = /\/functions\/([^/]+)\/invocations$/.exec(req.url ?? '')?.[1];
  let received = 0;
  let head = '';
  req.on('data', (chunk) => {
    received += chunk.length;
    if (head.length < 32) head += chunk.subarray(0, 32).toString('latin1');
  });
  req.on('end', () => {
    if (fn === 'sink') return answer(res, 200, `${received}`);
    const size = Number(head.trim());
    if (fn === 'stream' && Number.isSafeInteger(size) && size >= 0) return stream(res, size);
    answer(res, 404, JSON.stringify({ ErrorCode: 'FunctionNotFound', ErrorMessage: 'use function sink or stream' }), { 'content-type': 'application/json' });
  });
});

const portArg = process.argv.indexOf('--port');
server.listen(portArg === -1 ? 0 : Number(process.argv[portArg + 1]), '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
