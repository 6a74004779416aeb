// Reading the commander declarations into what the completion scripts complete.
import { Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../src/commands/context.js';
import { describeProgram } from '../../../src/completion/spec.js';
import { KNOWN_STATUSES } from '../../../src/fc/async-invocation.js';
import { buildProgram } from '../../../src/program.js';

function sample(): Command {
  const program = new Command('tool').version('1.0.0', '-V, --version', 'print the version');
  program
    .command('run')
    .alias('invoke')
    .description('invoke a function\nwith more text on a second line')
    .argument('<service>')
    .argument('<function>')
    .option('-d, --data <path>', 'event from a file')
    .option('-H, --header <name:value>', 'extra header', (v: string, p: string[]) => [...p, v], [])
    .option('--json', 'one JSON document')
    .option('--no-logs', 'no log tail')
    .option('--profile <name>', 'profile')
    .addOption(new Option('--mode <m>', 'a mode').choices(['fast', 'slow']))
    .addOption(new Option('--secret-flag', 'hidden').hideHelp());
  program.command('emulator').option('--functions <dir>', 'handlers').option('--port <n>', 'port');
  program.command('completion').argument('<shell>');
  program.command('__hidden', { hidden: true });
  return program;
}

describe('describeProgram', () => {
  const spec = describeProgram(sample());

  it('lists the visible commands with their aliases, and the implicit help command', () => {
    expect(spec.program).toBe('tool');
    expect(spec.commands.map((c) => c.name)).toEqual(['run', 'emulator', 'completion', 'help']);
    expect(spec.commands[0]).toMatchObject({ aliases: ['invoke'], description: 'invoke a function' });
  });

  it('gives each option its flags, its kind of value and whether it repeats', () => {
    const run = spec.commands[0]!;
    const byLong = Object.fromEntries(run.options.map((o) => [o.long, o]));
    expect(byLong['--data']).toMatchObject({ short: '-d', value: 'file', repeatable: false });
    expect(byLong['--header']).toMatchObject({ short: '-H', value: 'free', repeatable: true });
    expect(byLong['--json']).toMatchObject({ value: 'none' });
    expect(byLong['--no-logs']).toMatchObject({ value: 'none' });
    expect(byLong['--profile']).toMatchObject({ value: 'profile' });
    expect(byLong['--mode']).toMatchObject({ value: 'free', choices: ['fast', 'slow'] });
    expect(byLong['--secret-flag']).toBeUndefined();
    expect(byLong['--help']).toMatchObject({ short: '-h', value: 'none' });
    const emulator = spec.commands[1]!;
    expect(emulator.options.find((o) => o.long === '--functions')?.value).toBe('directory');
    expect(emulator.options.find((o) => o.long === '--port')?.value).toBe('free');
  });

  it('knows the choices of positional arguments', () => {
    expect(spec.commands[0]!.args).toEqual([{ name: 'service' }, { name: 'function' }]);
    expect(spec.commands[2]!.args).toEqual([{ name: 'shell', choices: ['bash', 'zsh', 'fish'] }]);
    expect(spec.commands[3]!.args[0]?.choices).toEqual(['run', 'emulator', 'completion']);
  });

  it('starts from the root whichever command it is given', () => {
    const program = sample();
    expect(describeProgram(program.commands[2]!)).toEqual(describeProgram(program));
  });

  it('lists the root options', () => {
    expect(spec.rootOptions.map((o) => [o.short, o.long])).toEqual([
      ['-V', '--version'],
      ['-h', '--help'],
    ]);
  });
});

describe("fcinvoke's own declarations", () => {
  const output = { writeOut: () => {}, writeErr: () => {}, writeError: () => {} };
  const spec = describeProgram(buildProgram({} as CommandContext, output, () => {}, []));
  const option = (command: string, long: string) => spec.commands.find((c) => c.name === command)?.options.find((o) => o.long === long);

  it('complete file names for --ca-file and --log, and -H repeats', () => {
    for (const command of ['run', 'status', 'stop', 'list']) expect(option(command, '--ca-file')?.value, command).toBe('file');
    expect(option('emulator', '--log')?.value).toBe('file');
    expect(option('run', '--header')).toMatchObject({ value: 'free', repeatable: true });
  });

  it("complete list --status with the service's statuses and --sort with asc and desc", () => {
    expect(option('list', '--status')?.choices).toEqual([...KNOWN_STATUSES]);
    expect(option('list', '--sort')?.choices).toEqual(['asc', 'desc']);
  });
});
