// Every bad input gets a one-line message naming the problem and its fix (missing settings:
// a short line, the places looked at indented below it), and the contract's exit code;
// nothing is sent and nothing is written to stdout.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-bad-'));
const bigFile = join(dir, 'big.bin');
writeFileSync(bigFile, Buffer.alloc(32 * 1024 * 1024 + 1));
const asyncTooBig = join(dir, 'async.bin');
writeFileSync(asyncTooBig, Buffer.alloc(128 * 1024 + 1));
const aDir = join(dir, 'a-directory');
mkdirSync(aDir);
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);

const creds = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-key-id-bad-input',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'fake-secret-bad-input',
  ALIBABA_CLOUD_ACCOUNT_ID: '1234567890',
  // Nothing listens here: a case that wrongly got as far as sending would exit 5, not 2/3.
  FCINVOKE_ENDPOINT: 'http://127.0.0.1:9',
};

type Case = [name: string, args: string[], code: number, message: RegExp, env?: Record<string, string | undefined>];

const cases: Case[] = [
  ['unknown flag', ['run', 's', 'f', '--bogus'], 2, /unknown option '--bogus'/],
  ['unknown command', ['frobnicate'], 2, /unknown command 'frobnicate'/],
  ['missing function', ['run'], 2, /missing required argument 'function'/],
  ['FC 2.0 forced, a function alone', ['run', 'f', '--api-version', '2016-08-15'], 2, /^fcinvoke: an FC 2.0 function needs its service: --api-version says 2016-08-15, so give fcinvoke run <service> <function>/],
  ['too many arguments', ['run', 's', 'f', 'extra'], 2, /too many arguments/],
  ['-d without value', ['run', 's', 'f', '-d'], 2, /option '-d, --data <path>' argument missing/],
  ['-e without value', ['run', 's', 'f', '-e'], 2, /argument missing/],
  ['both -d and -e', ['run', 's', 'f', '-d', 'x', '-e', 'y'], 2, /-d\/--data or -e\/--event, not both/],
  ['missing event file', ['run', 's', 'f', '-d', join(dir, 'nope.json')], 2, /event file not found: .*nope\.json/],
  ['event path is a directory', ['run', 's', 'f', '-d', aDir], 2, /event path is a directory/],
  ['empty -d', ['run', 's', 'f', '-d', ''], 2, /-d\/--data needs a file path/],
  ['event over 32 MiB', ['run', 's', 'f', '-d', bigFile], 2, /is 32 MiB \(33,554,433 bytes\), over the 32 MiB \(33,554,432 bytes\) limit: .*raise --max-event-size/],
  ['async event over 128 KiB', ['run', 's', 'f', '--async', '-d', asyncTooBig], 2, /over the 128 KiB \(131,072 bytes\) limit/],
  ['inline event over a lowered limit', ['run', 's', 'f', '-e', 'abcdef', '--max-event-size', '5'], 2, /inline event is 6 bytes/],
  ['service starts with a digit', ['run', '1svc', 'f'], 2, /invalid service name "1svc"/],
  ['service starts with a dash', ['run', '--', '-svc', 'f'], 2, /invalid service name "-svc"/],
  ['service with a slash', ['run', 'a/b', 'f'], 2, /invalid service name "a\/b"/],
  ['service too long', ['run', 's'.repeat(129), 'f'], 2, /invalid service name .*1-128/],
  ['function too long', ['run', 's', 'f'.repeat(65)], 2, /invalid function name .*1-64/],
  ['function with a space', ['run', 's', 'my fn'], 2, /invalid function name "my fn"/],
  ['function with unicode', ['run', 's', 'fünf'], 2, /invalid function name/],
  ['empty qualifier after the dot', ['run', 's.', 'f'], 2, /invalid qualifier ""/],
  ['qualifier with a dot', ['run', 's.a.b', 'f'], 2, /invalid qualifier "a.b"/],
  ['qualifier with a slash', ['run', 's', 'f', '-q', 'a/b'], 2, /invalid qualifier "a\/b"/],
  ['qualifiers that disagree', ['run', 's.prod', 'f', '-q', 'test'], 2, /qualifier given twice and they disagree/],
  ['async ID starting with a digit', ['run', 's', 'f', '--async-id', '1abc'], 2, /invalid async invocation ID "1abc"/],
  ['async ID too long', ['run', 's', 'f', '--async-id', 'a'.repeat(129)], 2, /at most 128 characters/],
  ['async ID with a dot', ['run', 's', 'f', '--async-id', 'a.b'], 2, /invalid async invocation ID/],
  ['header without colon', ['run', 's', 'f', '-H', 'X-Fc-Trace-Id'], 2, /write it as "X-Fc-Name: value"/],
  ['non x-fc header', ['run', 's', 'f', '-H', 'Authorization: x'], 2, /only x-fc-\* headers/],
  ['reserved header', ['run', 's', 'f', '-H', 'X-Fc-Invocation-Type: Async'], 2, /set by fcinvoke: use --async/],
  ['header value with a line break', ['run', 's', 'f', '-H', 'X-Fc-A: a\nb'], 2, /printable ASCII/],
  ['header given twice', ['run', 's', 'f', '-H', 'X-Fc-A: 1', '-H', 'x-fc-a: 2'], 2, /given twice/],
  ['timeout zero', ['run', 's', 'f', '--timeout', '0'], 2, /invalid --timeout "0"/],
  ['timeout not a number', ['run', 's', 'f', '--timeout', '10s'], 2, /invalid --timeout "10s"/],
  ['connect timeout not a number', ['run', 's', 'f', '--connect-timeout', 'fast'], 2, /invalid --connect-timeout "fast"/],
  ['negative idle timeout', ['run', 's', 'f', '--idle-timeout', '-1'], 2, /invalid --idle-timeout "-1"/],
  ['negative retries', ['run', 's', 'f', '--retries', '-1'], 2, /invalid --retries/],
  ['too many retries', ['run', 's', 'f', '--retries', '100'], 2, /from 0 to 20/],
  ['max event size not bytes', ['run', 's', 'f', '--max-event-size', '1MB'], 2, /invalid --max-event-size "1MB"/],
  ['quiet and verbose', ['run', 's', 'f', '--quiet', '-v'], 2, /--quiet and --verbose contradict/],
  ['output into a missing folder', ['run', 's', 'f', '-o', join(dir, 'no', 'such', 'out')], 2, /cannot write the output file .*its folder does not exist/],
  ['output is a directory', ['run', 's', 'f', '-o', aDir], 2, /output path is a directory/],
  ['no credentials', ['run', 's', 'f'], 3, /no credentials found/, { ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined }],
  ['only half a key pair', ['run', 's', 'f'], 3, /ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set/, { ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined }],
  ['no account ID for the endpoint', ['run', 's', 'f', '--region', 'cn-hangzhou'], 3, /no account ID to build the endpoint/, { FCINVOKE_ENDPOINT: undefined, ALIBABA_CLOUD_ACCOUNT_ID: undefined }],
  ['no region for the endpoint', ['run', 's', 'f'], 3, /no region to build the endpoint/, { FCINVOKE_ENDPOINT: undefined }],
  ['endpoint not a URL', ['run', 's', 'f', '--endpoint', 'localhost:9000'], 3, /endpoint/],
  ['endpoint with another scheme', ['run', 's', 'f', '--endpoint', 'ftp://127.0.0.1/'], 3, /scheme must be http or https/],
  ['-e given twice', ['run', 's', 'f', '-e', 'first', '-e', 'second'], 2, /give the event once: -e\/--event was given 2 times/],
  ['-d given twice', ['run', 's', 'f', '-d', 'a.json', '--data', 'b.json'], 2, /give the event once: -d\/--data was given 2 times/],
  ['-e given twice in a batch', ['run', 's', 'f', '--repeat', '2', '-e', 'a', '-e', 'b'], 2, /give the event once/],
  ['timeout over two days', ['run', 's', 'f', '--timeout', '200000'], 2, /invalid --timeout "200000": expected a number of seconds above 0, at most 172800 \(two days\)/],
  ['status timeout over two days', ['status', 's', 'f', 'id', '--timeout', '172801'], 2, /at most 172800 \(two days\)/],
  ['idle timeout over a day', ['run', 's', 'f', '--idle-timeout', '90000'], 2, /from 0 \(none\) to 86400 \(one day\)/],
  ['service argument starting with a dot', ['run', '../admin', 'f'], 2, /invalid service name "" \(from "\.\.\/admin", where "\." starts the qualifier\)/],
  ['status: service argument starting with a dot', ['status', '.x', 'f', 'id'], 2, /invalid service name "" \(from "\.x"/],
  ['AccessKey ID with a line break', ['run', 's', 'f', '-e', 'x'], 3, /^fcinvoke: ALIBABA_CLOUD_ACCESS_KEY_ID holds a line break \(character 12 of 15\), which cannot be sent in an HTTP header: set it again without it$/m, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-key-id\nbad' }],
  ['AccessKey ID outside ASCII', ['run', 's', 'f', '-e', 'x'], 3, /ALIBABA_CLOUD_ACCESS_KEY_ID holds a character outside ASCII \(character 6 of 7\)/, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake-密钥' }],
  ['STS token with a line break', ['run', 's', 'f', '-e', 'x'], 3, /ALIBABA_CLOUD_SECURITY_TOKEN holds a line break \(character 16 of 16\)/, { ALIBABA_CLOUD_SECURITY_TOKEN: 'fake-sts-token-\n' }],
  ['STS token with a line break, status', ['status', 's', 'f', 'id'], 3, /ALIBABA_CLOUD_SECURITY_TOKEN holds a line break/, { ALIBABA_CLOUD_SECURITY_TOKEN: 'fake-sts-token-\n' }],
  ['AccessKey ID with a space, batch', ['run', 's', 'f', '--repeat', '2', '-e', 'x'], 3, /ALIBABA_CLOUD_ACCESS_KEY_ID holds a space \(character 5 of 8\)/, { ALIBABA_CLOUD_ACCESS_KEY_ID: 'fake key' }],
];

/** The cases whose short message has details below it: every place looked at, and the fix. */
const WITH_DETAILS = new Set(['no credentials', 'no account ID for the endpoint', 'no region for the endpoint']);

describe('bad input table', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.concurrent.each(cases)('%s', async (name, args, code, message, env) => {
    const r = await runCli(args, { env: { ...creds, ...env } });
    expect(r.stdout.length).toBe(0);
    expect(r.code).toBe(code);
    const [first = '', ...details] = r.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^fcinvoke: /);
    expect(first).toMatch(message);
    if (!WITH_DETAILS.has(name)) {
      expect(details).toEqual([]);
      return;
    }
    expect(details.length).toBeGreaterThan(2);
    for (const line of details) expect(line).toMatch(/^ {2}( {2})?\S/);
  });

  it('an AccessKey ID with a line break in a credential store: exit 3 naming the store, the value not shown', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fcinvoke-home-'));
    mkdirSync(join(home, '.aliyun'));
    const profile = { name: 'default', mode: 'AK', access_key_id: 'fake-store-id\r\nX', access_key_secret: 'fake-store-secret', region_id: 'cn-hangzhou' };
    writeFileSync(join(home, '.aliyun', 'config.json'), JSON.stringify({ current: 'default', profiles: [profile] }));
    const r = await runCli(['run', 's', 'f', '-e', 'x'], { env: { ...creds, HOME: home, ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^fcinvoke: the AccessKey ID from .*\.aliyun\/config\.json.* holds a line break \(character 14 of 16\), which cannot be sent in an HTTP header/);
    expect(r.stderr).not.toContain('fake-store');
  });

  it('reading a FIFO works like standard input (size known only at the end)', async () => {
    const writer = import('node:fs').then(({ writeFileSync: w }) => setTimeout(() => w(fifo, 'from a fifo'), 200));
    const r = await runCli(['run', 's', 'f', '-d', fifo, '--dry-run'], { env: creds });
    await writer;
    expect(r.code).toBe(0);
    expect(r.out).toContain('content-length: 11\n');
  });
});
