// The floors under fcinvoke's commands: the smallest Node.js programs that do their job.
// `net` and `http` send the signed request fcinvoke sends (pre-signed by the caller) and read
// the whole answer, over a bare node:net socket or through node:http: the floor of one
// invocation. `sign` signs the request as FC 2.0 does (HMAC-SHA256 with node:crypto) and
// prints it on stdout: the floor of `run --dry-run`. CommonJS, as fcinvoke's launcher is.
// Usage: node floor.cjs net|http|sign REQUEST.json EVENT-FILE, with REQUEST.json from
// `node bench/presign.mjs --json <service> <function> EVENT-FILE`.
// `net` and `http` exit 0 only on a 200 answer, so a floor that did not do its job is never timed.
'use strict';

const { readFileSync } = require('node:fs');
const [mode, requestFile, eventFile] = process.argv.slice(2);
const { url, method, headers } = JSON.parse(readFileSync(requestFile, 'utf8'));
const body = readFileSync(eventFile);
const target = new URL(url);
const fail = (why) => {
  process.stderr.write(`floor.cjs ${mode}: ${why}\n`);
  process.exitCode = 1;
};

if (mode === 'net') {
  const lines = [`${method} ${target.pathname}${target.search} HTTP/1.1`, `host: ${target.host}`, 'connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  const socket = require('node:net').connect(Number(target.port), target.hostname, () => socket.write(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body])));
  const chunks = [];
  socket.on('data', (chunk) => chunks.push(chunk));
  socket.on('error', (error) => fail(error.message));
  socket.on('end', () => {
    const answer = Buffer.concat(chunks).toString('latin1');
    if (!answer.startsWith('HTTP/1.1 200 ')) fail(`answered ${answer.split('\r\n', 1)[0]}`);
  });
} else if (mode === 'http') {
  const request = require('node:http').request(url, { method, headers }, (response) => {
    if (response.statusCode !== 200) fail(`answered ${response.statusCode}`);
    response.resume();
  });
  request.on('error', (error) => fail(error.message));
  request.end(body);
} else if (mode === 'sign') {
  const signed = Object.keys(headers).filter((name) => name.startsWith('x-fc-')).sort();
  const stringToSign = [method, headers['content-md5'] ?? '', headers['content-type'] ?? '', headers.date, ...signed.map((name) => `${name}:${headers[name]}`), target.pathname].join('\n');
  const signature = require('node:crypto').createHmac('sha256', 'floor-fake-secret').update(stringToSign).digest('base64');
  const shown = { ...headers, authorization: `FC floor-fake-key-id:<signature, ${signature.length} characters>` };
  process.stdout.write(`${method} ${url}\n${Object.entries(shown).map(([name, value]) => `${name}: ${value}`).join('\n')}\n`);
} else {
  fail('the mode is net, http or sign');
}
