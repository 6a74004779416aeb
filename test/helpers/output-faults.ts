// For the tests of lost output: a full device to write to, and the one clean error line
// fcinvoke must print instead of a stack trace.
import { closeSync, openSync } from 'node:fs';
import { expect } from 'vitest';
import type { CliResult } from './cli.js';

/** One `fcinvoke:` line on stderr (after any log and summary) matching `message`, no Node stack trace. */
export function expectOneCleanError(r: CliResult, message: RegExp): void {
  const errors = r.stderr.split('\n').filter((line) => line.startsWith('fcinvoke:'));
  expect(errors, r.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at |Node\.js v|throw error|Error: E[A-Z]+:/m);
}

/** Runs `body` with /dev/full open for writing, closed after. */
export function withDevFull<T>(body: (fd: number) => Promise<T>): Promise<T> {
  const fd = openSync('/dev/full', 'w');
  return body(fd).finally(() => closeSync(fd));
}
