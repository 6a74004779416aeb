#!/usr/bin/env node
// A minimal FC-shaped endpoint for the batch memory runs: answers every request 200 with
// its body and the invocation headers, checking nothing, so a million invocations take
// minutes instead of the emulator's half hour. Prints its port on stdout.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    res.writeHead(200, {
      'content-length': body.length,
      'content-type': 'application/octet-stream',
      'x-fc-request-id': 'bench-stub',
      'x-fc-invocation-duration': '1',
    });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
