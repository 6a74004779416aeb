// One rule for the result body when a function echoes what it was sent (the Authorization
// header, the STS token, the secret): a JSON document (run --json, http --json, batch lines,
// --summary-json) is a report and is scrubbed whole, its text `body` included; the raw bytes
// on stdout and in -o, and `bodyBase64`, stay exact. FC 2.0 and FC 3.0 (ACS3).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { startTestServer, type TestServer } from '../helpers/http-server.js';
import { LEAK_SECRET as SECRET, LEAK_TOKEN as TOKEN, leakTestEnv as env } from '../helpers/leak-credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-redact-'));

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What a reflecting function answers: every credential of the request, in clear. */
function reflected(req: IncomingMessage): string {
  const token = req.headers['x-fc-security-token'] ?? req.headers['x-acs-security-token'];
  return `auth=${String(req.headers.authorization)} token=${String(token)} secret=${SECRET}`;
}

/** A server whose body reflects the request (with a byte that is not UTF-8 first when `binary`); `sent` keeps each body. */
async function reflecting(options: { binary?: boolean } = {}): Promise<{ server: TestServer; sent: Buffer[] }> {
  const sent: Buffer[] = [];
  server = await startTestServer((req, res) => {
    const text = Buffer.from(reflected(req));
    const body = options.binary ? Buffer.concat([Buffer.from([0xff, 0xfe]), text]) : text;
    sent.push(body);
    res.writeHead(req.headers['x-fc-invocation-type'] === 'Async' ? 202 : 200, { 'x-fc-request-id': `r-${sent.length}` });
    res.end(body);
  });
  return { server, sent };
}

/** The signature a request carried: FC 2.0 base64 after the colon, ACS3 hex after `Signature=`. */
function signatureOf(authorization: unknown): string {
  const value = String(authorization);
  return value.startsWith('FC ') ? value.split(':')[1]! : /Signature=([0-9a-f]{64})/.exec(value)![1]!;
}

/** Neither the secret, the token nor any signature sent shows on stdout or stderr. */
function expectNoSecret(r: CliResult, s: TestServer): void {
  const all = `${r.out}\n${r.stderr}`;
  expect(all).not.toContain(SECRET);
  expect(all).not.toContain(TOKEN);
  expect(s.requests.length).toBeGreaterThan(0);
  for (const request of s.requests) expect(all).not.toContain(signatureOf(request.headers.authorization));
}

/** The text body of a document made of a reflected answer: each credential `<redacted>`. */
function expectScrubbedBody(body: unknown, scheme: 'fc' | 'acs3'): void {
  const auth = scheme === 'fc' ? String.raw`FC STS\.fake-key-id-for-leak-test:<redacted>` : String.raw`ACS3-HMAC-SHA256 Credential=STS\.fake-key-id-for-leak-test,SignedHeaders=[^,]+,Signature=<redacted>`;
  expect(body).toMatch(new RegExp(`^auth=${auth} token=<redacted> secret=<redacted>$`));
}

const CASES = [
  ['run, FC 2.0', ['run', 'svc', 'fn', '-e', 'x'], 'fc'],
  ['run, FC 3.0', ['run', 'fn', '-e', 'x'], 'acs3'],
  ['http, FC 2.0', ['http', '{url}/2016-08-15/proxy/svc/fn/', '-e', 'x'], 'fc'],
  ['http, FC 3.0', ['http', '{url}/fn.fcapp.run/', '-e', 'x'], 'acs3'],
] as const;

const argsFor = (args: readonly string[], url: string) => args.map((a) => a.replace('{url}', url));

describe('a JSON document is scrubbed whole, its text body included', () => {
  it.each(CASES)('%s --json', async (_name, args, scheme) => {
    const { server: s } = await reflecting();
    const r = await runCli([...argsFor(args, s.url), '--json'], { env: env(s.url) });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.out) as { ok: boolean; body: string | null; bodyBase64: string | null };
    expect(doc.ok).toBe(true);
    expect(doc.bodyBase64).toBeNull();
    expectScrubbedBody(doc.body, scheme);
    expectNoSecret(r, s);
  });

  it.each(CASES)('%s --async --json: the acceptance document too', async (_name, args, scheme) => {
    const { server: s } = await reflecting();
    const r = await runCli([...argsFor(args, s.url), '--async', '--json'], { env: env(s.url) });
    expect(r.code, r.stderr).toBe(0);
    expectScrubbedBody((JSON.parse(r.out) as { body: unknown }).body, scheme);
    expectNoSecret(r, s);
  });

  it.each([
    ['FC 2.0', ['run', 'svc', 'fn'], 'fc'],
    ['FC 3.0', ['run', 'fn'], 'acs3'],
  ] as const)('batch lines and --summary-json, %s: each line with its own request’s signature redacted', async (_name, args, scheme) => {
    const { server: s } = await reflecting();
    const input = join(dir, `lines-${scheme}.ndjson`);
    writeFileSync(input, '{"n":1}\n{"n":2}\n{"n":3}\n{"n":4}\n');
    const summary = join(dir, `summary-${scheme}.json`);
    const r = await runCli([...args, '--batch', input, '-c', '2', '--summary-json', summary], { env: env(s.url) });
    expect(r.code, r.stderr).toBe(0);
    const lines = r.out.trim().split('\n').map((line) => JSON.parse(line) as { line: number; body: unknown });
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
    for (const line of lines) expectScrubbedBody(line.body, scheme);
    expectNoSecret(r, s);
    const written = readFileSync(summary, 'utf8');
    expect(JSON.parse(written)).toMatchObject({ count: 4, ok: 4 });
    expect(written).not.toContain(SECRET);
    expect(written).not.toContain(TOKEN);
  });

  it('--repeat, FC 3.0: the same rule for a batch of one repeated event', async () => {
    const { server: s } = await reflecting();
    const r = await runCli(['run', 'fn', '-e', 'x', '--repeat', '3', '-c', '3'], { env: env(s.url) });
    expect(r.code, r.stderr).toBe(0);
    for (const line of r.out.trim().split('\n')) expectScrubbedBody((JSON.parse(line) as { body: unknown }).body, 'acs3');
    expectNoSecret(r, s);
  });
});

describe('raw bytes stay exact', () => {
  it.each(CASES)('%s: stdout is the body byte for byte', async (_name, args) => {
    const { server: s, sent } = await reflecting();
    const r = await runCli(argsFor(args, s.url), { env: env(s.url) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.equals(sent[0]!)).toBe(true);
    // The reflection is the function's data, there and only there: stderr shows none of it.
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).not.toContain(signatureOf(s.requests[0]!.headers.authorization));
  });

  it.each(CASES)('%s -o FILE: the file is the body byte for byte', async (_name, args) => {
    const { server: s, sent } = await reflecting();
    const out = join(dir, `out-${_name.replace(/\W+/g, '-')}.bin`);
    const r = await runCli([...argsFor(args, s.url), '-o', out, '--json'], { env: env(s.url) });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out).equals(sent[0]!)).toBe(true);
    expectNoSecret(r, s);
  });

  it.each(CASES)('%s --json with a body that is not UTF-8: bodyBase64 is the exact bytes', async (_name, args) => {
    const { server: s, sent } = await reflecting({ binary: true });
    const r = await runCli([...argsFor(args, s.url), '--json'], { env: env(s.url) });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.out) as { body: string | null; bodyBase64: string };
    expect(doc.body).toBeNull();
    expect(Buffer.from(doc.bodyBase64, 'base64').equals(sent[0]!)).toBe(true);
  });
});
