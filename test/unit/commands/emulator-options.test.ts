import { describe, expect, it } from 'vitest';
import { exportLinesOf, startFailureOf } from '../../../src/commands/emulator-background.js';
import { planEmulator } from '../../../src/commands/emulator-options.js';
import { EMULATOR_VARIABLES, isEmulatorCommandLine } from '../../../src/commands/emulator-stop.js';
import { renderBanner } from '../../../src/emulator/banner.js';
import { EMULATOR_KEYS } from '../../../src/emulator/defaults.js';

describe('planEmulator', () => {
  it.each([
    [{}, { mode: 'foreground', port: 9000 }],
    [{ port: '0' }, { mode: 'foreground', port: 0 }],
    [{ background: true }, { mode: 'background', port: 0 }],
    [{ background: true, port: '9100', functions: 'fns', accountId: '42', log: 'e.log' }, { mode: 'background', port: 9100, functionsDir: 'fns', accountId: '42', logFile: 'e.log' }],
    [{ stop: true }, { mode: 'stop' }],
  ])('%j', (options, plan) => {
    expect(planEmulator(options)).toMatchObject(plan);
  });

  it.each([
    [{ port: 'x' }, /invalid --port "x"/],
    [{ port: '70000' }, /from 0 to 65535/],
    [{ stop: true, port: '1', accountId: '2' }, /^--stop takes no other option \(got --port, --account-id\)/],
    [{ stop: true, background: true }, /got --background/],
    [{ log: 'e.log' }, /^--log goes with --background/],
  ])('refuses %j', (options, message) => {
    expect(() => planEmulator(options)).toThrow(message);
  });
});

describe('the background exports', () => {
  const banner = renderBanner({ url: 'http://127.0.0.1:4321', accountId: '1234567890', keys: EMULATOR_KEYS, services: [], fc3Functions: [], functionsDir: undefined });

  it('are the banner export lines, once the endpoint is among them', () => {
    const lines = exportLinesOf(banner) ?? [];
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('export FCINVOKE_ENDPOINT=http://127.0.0.1:4321');
    expect(exportLinesOf(banner.slice(0, banner.indexOf('export FCINVOKE_ENDPOINT')))).toBeUndefined();
  });

  it('are unset again by --stop, with the process ID', () => {
    const names = (exportLinesOf(banner) ?? []).map((line) => /^export (\w+)=/.exec(line)?.[1]);
    expect([...EMULATOR_VARIABLES]).toEqual([...names, 'FCINVOKE_EMULATOR_PID']);
  });

  it('take the reason of a failed start from its log', () => {
    expect(startFailureOf('junk\nfcinvoke: the FC emulator cannot start: port 1 on 127.0.0.1 is already in use\n')).toBe(
      'the FC emulator cannot start: port 1 on 127.0.0.1 is already in use',
    );
    expect(startFailureOf('nothing to say')).toBeUndefined();
  });
});

describe('isEmulatorCommandLine', () => {
  it.each([
    [['/usr/bin/node', '/home/me/fcinvoke/bin/fcinvoke.cjs', 'emulator', '--port', '0'], true],
    [['node', '/app/node_modules/.bin/fcinvoke', 'emulator'], true],
    [['node', '/app/node_modules/.bin/fcinvoke', 'run', 'demo', 'hello'], false],
    [['/usr/sbin/sshd', '-D'], false],
    [['vim', 'emulator'], false],
  ])('%j → %s', (args, expected) => {
    expect(isEmulatorCommandLine(args)).toBe(expected);
  });
});
