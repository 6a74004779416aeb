import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context.js';
import { buildProgram } from '../../src/program.js';

const ALL = ['run', 'http', 'status', 'stop', 'list', 'config', 'emulator', 'completion', '__complete-profiles'];

function declared(userArgs: string[]): string[] {
  // Declaring reads nothing from the context; the actions that would are never run here.
  const ctx = {} as CommandContext;
  const output = { writeOut: () => {}, writeErr: () => {}, writeError: () => {} };
  return buildProgram(ctx, output, () => {}, userArgs).commands.map((command) => command.name());
}

describe('which commands are declared', () => {
  it('only the one named first, by its name or alias', () => {
    expect(declared(['run', 'svc', 'fn', '--dry-run'])).toEqual(['run']);
    expect(declared(['invoke', 'svc', 'fn'])).toEqual(['run']);
    expect(declared(['list', 'svc', 'fn'])).toEqual(['list']);
    expect(declared(['emulator', '--port', '0'])).toEqual(['emulator']);
  });

  it('all of them for help, a typo, an option first, no command, and completion scripts', () => {
    for (const args of [[], ['--help'], ['--help', 'run'], ['help', 'run'], ['runn'], ['completion', 'bash'], ['svc', 'run']]) {
      expect(declared(args), args.join(' ')).toEqual(ALL);
    }
  });
});
