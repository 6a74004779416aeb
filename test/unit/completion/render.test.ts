// The three script renderers: valid syntax for their shell, quoting of descriptions, and
// the pieces each shell needs (file, directory and profile values; choices).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { renderBash } from '../../../src/completion/bash.js';
import { renderFish } from '../../../src/completion/fish.js';
import { describeProgram, type CompletionSpec } from '../../../src/completion/spec.js';
import { renderZsh } from '../../../src/completion/zsh.js';

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

function spec(): CompletionSpec {
  const program = new Command('fcinvoke');
  program
    .command('run')
    .alias('invoke')
    .description("invoke a function: it's [quoted] \\ here")
    .argument('<service>')
    .option('-d, --data <path>', 'event from a file')
    .option('-H, --header <name:value>', 'header', (v: string, p: string[]) => [...p, v], [])
    .option('--profile <name>', 'profile')
    .option('--json', 'json');
  program.command('emulator').option('--functions <dir>', 'dir');
  program.command('completion').argument('<shell>');
  return describeProgram(program);
}

function syntaxCheck(shell: string, script: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'fcinvoke-completion-syntax-'));
  const file = join(dir, `script.${shell}`);
  writeFileSync(file, script);
  const result = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

describe('renderBash', () => {
  const script = renderBash(spec());

  it('is valid bash that registers one function', () => {
    syntaxCheck('bash', script);
    expect(script).toContain('complete -F _fcinvoke_completion fcinvoke');
  });

  it('offers files, directories, profiles and shells where they belong', () => {
    expect(script).toContain('-d|--data) _fcinvoke_files -f; return 0 ;;');
    expect(script).toContain('--functions) _fcinvoke_files -d; return 0 ;;');
    expect(script).toContain('--profile) _fcinvoke_profiles; return 0 ;;');
    expect(script).toContain("-H|--header) COMPREPLY=(); return 0 ;;");
    expect(script).toContain("if ((npos == 0)); then _fcinvoke_words 'bash zsh fish'; fi");
    expect(script).toContain("run|invoke) valued=' -d --data -H --header --profile ' ;;");
  });

  it('refuses names it could not quote safely', () => {
    const bad = spec();
    bad.commands[0]!.name = 'run;rm';
    expect(() => renderBash(bad)).toThrow(/cannot complete/);
  });
});

describe('renderZsh', () => {
  const script = renderZsh(spec());

  it.runIf(has('zsh'))('is valid zsh', () => syntaxCheck('zsh', script));

  it('quotes descriptions for _arguments and _describe', () => {
    expect(script).toContain(`'run:invoke a function\\: it'\\''s [quoted] \\ here'`);
    expect(script).toContain(`'invoke:invoke a function\\: it'\\''s [quoted] \\ here (alias of run)'`);
  });

  it('declares values, exclusions and repeatable options', () => {
    expect(script).toContain("'(-d --data)-d+[event from a file]:path:_files'");
    expect(script).toContain("'(-d --data)--data=[event from a file]:path:_files'");
    expect(script).toContain("'*-H+[header]:value: '");
    expect(script).toContain("'--profile=[profile]:profile:_fcinvoke_profiles'");
    expect(script).toContain("'--functions=[dir]:directory:_files -/'");
    expect(script).toContain("':shell:(bash zsh fish)'");
    expect(script).toContain('compdef _fcinvoke fcinvoke');
  });
});

describe('renderFish', () => {
  const script = renderFish(spec());

  it.runIf(has('fish'))('is valid fish', () => syntaxCheck('fish', script));

  it('writes one complete line per command, option and choice list', () => {
    expect(script).toContain(`complete -c fcinvoke -n __fish_use_subcommand -a run -d 'invoke a function: it\\'s [quoted] \\\\ here'`);
    expect(script).toContain(`complete -c fcinvoke -n '__fish_seen_subcommand_from run invoke' -s d -l data -r -F -d 'event from a file'`);
    expect(script).toContain(`-l profile -x -a '(fcinvoke __complete-profiles 2>/dev/null)'`);
    expect(script).toContain(`-l functions -x -a '(__fish_complete_directories)'`);
    expect(script).toContain(`complete -c fcinvoke -n '__fish_seen_subcommand_from completion; and not __fish_seen_subcommand_from bash zsh fish' -a 'bash zsh fish'`);
  });
});
