// Network set-ups: an HTTP(S)_PROXY (a CONNECT proxy started here), NO_PROXY, and a
// private CA given with --ca-file for a TLS endpoint.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';

const creds = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-key-id-network',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-secret-network',
  ALIBABA_CLOUD_ACCOUNT_ID: '1234567890',
};

let target: TestServer;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  target = await startTestServer((_req, res) => {
    res.writeHead(200, { 'x-fc-request-id': 'via-proxy' });
    res.end('through');
  });
  proxy = createHttpServer();
  proxy.on('connect', (req, client: Socket, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await target.close();
  await new Promise((resolve) => proxy.close(resolve));
});

describe('proxies', () => {
  it('sends through HTTP_PROXY with a CONNECT tunnel', async () => {
    tunnels.length = 0;
    const r = await runCli(['run', 's', 'f'], { env: { ...creds, FCINVOKE_ENDPOINT: target.url, HTTP_PROXY: proxyUrl } });
    expect(r.code).toBe(0);
    expect(r.out).toBe('through');
    expect(tunnels).toEqual([new URL(target.url).host]);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    tunnels.length = 0;
    const r = await runCli(['run', 's', 'f'], {
      env: { ...creds, FCINVOKE_ENDPOINT: target.url, HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' },
    });
    expect(r.code).toBe(0);
    expect(tunnels).toEqual([]);
  });
});

describe('--ca-file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-tls-'));
  let httpsUrl = '';
  let close = async () => {};

  beforeAll(async () => {
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=fcinvoke test CA']);
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
    run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf']);
    const server = createHttpsServer({ key: readFileSync(join(dir, 'server.key')), cert: readFileSync(join(dir, 'server.pem')) }, (req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'x-fc-request-id': 'tls' });
        res.end('secure');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    httpsUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(() => close());

  it('fails on an untrusted certificate without retrying into the function, exit 5', async () => {
    const r = await runCli(['run', 's', 'f', '--retries', '0'], { env: { ...creds, FCINVOKE_ENDPOINT: httpsUrl } });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^fcinvoke: .*127\.0\.0\.1/m);
  });

  it('trusts the CA given with --ca-file', async () => {
    const r = await runCli(['run', 's', 'f', '--ca-file', join(dir, 'ca.pem')], { env: { ...creds, FCINVOKE_ENDPOINT: httpsUrl } });
    expect(r.stderr).not.toMatch(/fcinvoke:/);
    expect(r.code).toBe(0);
    expect(r.out).toBe('secure');
  });

  it('trusts NODE_EXTRA_CA_CERTS', async () => {
    const r = await runCli(['run', 's', 'f'], { env: { ...creds, FCINVOKE_ENDPOINT: httpsUrl, NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem') } });
    expect(r.code).toBe(0);
  });

  it('refuses a --ca-file without a certificate, exit 2', async () => {
    const r = await runCli(['run', 's', 'f', '--ca-file', join(dir, 'ext.cnf')], { env: { ...creds, FCINVOKE_ENDPOINT: httpsUrl } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds no PEM certificate');
  });
});

describe('--connect-timeout', () => {
  // On loopback a TCP connect always succeeds at once, but undici's connect timeout also
  // covers the TLS handshake: a server that accepts and never answers the ClientHello
  // holds the connection open until the limit.
  let silentUrl: string;
  let accepted = 0;
  const held = new Set<Socket>();
  let silent: ReturnType<typeof createNetServer>;

  beforeAll(async () => {
    silent = createNetServer((socket) => {
      accepted++;
      held.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => held.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `https://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('gives up on a connection that does not open in time, retries it (nothing was sent), exit 5', async () => {
    accepted = 0;
    // Were the flag ignored, the 10 s default would make three attempts outlast runCli's 20 s limit.
    const r = await runCli(['run', 's', 'f', '-e', 'x', '--connect-timeout', '0.3', '--retries', '2'], {
      env: { ...creds, FCINVOKE_ENDPOINT: silentUrl },
    });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^fcinvoke: .*timed out connecting/m);
    expect(r.stderr).not.toContain('may have run');
    expect(accepted).toBe(3);
    expect(r.out).toBe('');
  });
});
