import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { ApiError, ConfigError, NetworkError, UsageError } from '../../src/errors.js';
import { describeFailure } from '../../src/failure.js';

const SECRET = 'fake-secret-in-a-crash-9876';

describe('describeFailure', () => {
  it.each([
    [new UsageError('bad flag'), 2, 'bad flag'],
    [new ApiError('FunctionNotFound', 'no such function', 404, 'req-1'), 4, 'FunctionNotFound (HTTP 404, request ID req-1): no such function'],
    [new NetworkError('Timeout', 'too slow'), 5, 'too slow'],
    [new CommanderError(1, 'commander.unknownOption', 'x'), 2, null],
    [new CommanderError(0, 'commander.helpDisplayed', 'x'), 0, null],
  ])('%s → %i', (error, code, message) => {
    expect(describeFailure(error, [])).toEqual({ code, message });
  });

  it('reports a crash as a bug on one line, with no secret in it', () => {
    const crash = new TypeError(`cannot read properties of undefined\n  while signing with ${SECRET}`);
    const report = describeFailure(crash, [SECRET, undefined]);
    expect(report.code).toBe(1);
    expect(report.message).toBe(
      'unexpected failure: cannot read properties of undefined while signing with <redacted> (please report this with the command you ran)',
    );
  });

  it('passes details on, each made safe, their nesting kept', () => {
    const error = new ConfigError('no credentials found', { details: ['looked in:', `  a file holding ${SECRET}`, 'a line\nbroken \u001b[31m'] });
    const report = describeFailure(error, [SECRET]);
    expect(report.message).toBe('no credentials found');
    expect(report.details?.slice(0, 2)).toEqual(['looked in:', '  a file holding <redacted>']);
    expect(report.details?.[2]).toMatch(/^a line broken/);
    expect(report.details?.[2]).not.toContain('\n');
  });

  it('scrubs secrets from typed errors too', () => {
    expect(describeFailure(new UsageError(`value ${SECRET} is odd`), [SECRET]).message).toBe('value <redacted> is odd');
    expect(describeFailure('thrown string', []).message).toMatch(/^unexpected failure: thrown string/);
  });

  it('shows every control character of a message as an escape, on one line', () => {
    const error = new UsageError('event file not found: /tmp/\u001b[2Jx\u0007\u009b31m\u2028end');
    expect(describeFailure(error, []).message).toBe('event file not found: /tmp/\\x1b[2Jx\\x07\\x9b31m\\u2028end');
  });
});
