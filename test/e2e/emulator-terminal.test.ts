// The emulator's own terminal, at real pseudo-terminals of 40, 80 and 120 columns, with and
// without NO_COLOR and CI: each line a function logs, as it logs it (escaped, with the request
// ID), before the request's access-log line; and a last line when Ctrl-C stops it.
/* eslint-disable no-control-regex -- the assertions look for terminal escape sequences */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { invokePath, signedRequest } from '../helpers/emulator.js';
import { openTerminal } from '../helpers/terminal.js';

const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-emulator-tty-'));
mkdirSync(join(dir, 'svc', 'noisy'), { recursive: true });
writeFileSync(join(dir, 'package.json'), '{"type": "commonjs"}');
writeFileSync(
  join(dir, 'svc', 'noisy', 'index.js'),
  `exports.handler = (event, context, callback) => {
    console.log('clear the screen? \\u001b[2J no, and a bell \\u0007');
    console.error('two lines:\\nthe second');
    callback(null, 'done');
  };`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SETTINGS: Array<[string, Record<string, string>]> = [
  ['', {}],
  ['NO_COLOR', { NO_COLOR: '1' }],
  ['CI', { CI: 'true' }],
];

describe("the emulator's terminal", () => {
  for (const cols of [40, 80, 120]) {
    for (const [name, env] of SETTINGS) {
      it(`${cols} columns${name ? `, ${name}` : ''}: what functions log, escaped, then the stop`, async () => {
        const terminal = openTerminal(['emulator', '--port', '0', '--functions', dir], { cols, env });
        const banner = await terminal.waitFor(/Stop: Ctrl-C\n/);
        const url = /export FCINVOKE_ENDPOINT=(\S+)/.exec(banner)?.[1] ?? '';
        const response = await signedRequest(url, { path: invokePath('svc', 'noisy') });
        expect(response.body.toString()).toBe('done');
        const requestId = String(response.headers['x-fc-request-id']);
        await terminal.waitFor(/\/invocations 200 OK/);
        terminal.type('\u0003');
        const { screen, code } = await terminal.ended;
        const after = screen.slice(screen.indexOf('Stop: Ctrl-C'));
        expect(after).not.toMatch(/\u001b|\u0007/);
        const lines = after.split('\n');
        const logged = lines.findIndex((line) => line.endsWith(`${requestId} [INFO] clear the screen? \\x1b[2J no, and a bell \\x07`));
        expect(logged).toBeGreaterThan(0);
        expect(lines.slice(logged + 1, logged + 3)).toEqual([expect.stringMatching(new RegExp(`${requestId} \\[ERROR\\] two lines:$`)), 'the second']);
        expect(lines.findIndex((line) => line.includes('/invocations 200 OK'))).toBeGreaterThan(logged);
        expect(after).toMatch(new RegExp(`FC emulator on ${url} stopped: Ctrl-C \\(SIGINT\\)\\n$`));
        expect(code).toBe(130);
      });
    }
  }
});
