import { describe, expect, it } from 'vitest';
import { ExitCode, InterruptedError, OutputError, OutputWriteError, batchOutputClosedError, toResultLost } from '../../src/errors.js';
import { describeFailure } from '../../src/failure.js';

const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('exit code 6: output lost', () => {
  it('a write failure names the target and the errno', () => {
    expect(new OutputWriteError({ path: null, cause: enospc }).message).toBe('cannot write to standard output: no space left on device (ENOSPC)');
    const file = new OutputWriteError({ path: 'out.bin', cause: Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }) });
    expect(file).toMatchObject({ message: 'cannot write the output file out.bin: input/output error (EIO)', errno: 'EIO', path: 'out.bin', exitCode: 6 });
    expect(new OutputWriteError({ path: 'x', cause: new Error('only 1 of 2 bytes reached the file') }).message).toBe(
      'cannot write the output file x: only 1 of 2 bytes reached the file',
    );
  });

  it('after an invocation it says the function ran and names the request ID', () => {
    const lost = new OutputWriteError({ path: null, cause: enospc }).afterInvocation('req-1');
    expect(lost).toBeInstanceOf(OutputError);
    expect(lost).toMatchObject({ exitCode: ExitCode.outputLost, code: 'OutputLost', requestId: 'req-1', path: null });
    expect(lost.message).toBe('cannot write to standard output: no space left on device (ENOSPC); the function ran (request ID req-1) but its result was lost');
    expect(new OutputWriteError({ path: 'f', cause: enospc }).afterInvocation(null).message).toMatch(/; the function ran but its result was lost$/);
    expect(describeFailure(lost, [])).toEqual({ code: 6, message: lost.message });
  });

  it('after an accepted async call it says the call was accepted, naming its async ID, never that the function ran', () => {
    const write = new OutputWriteError({ path: null, cause: enospc });
    const accepted = { requestId: 'req-2', asyncId: 'task-7', asyncIdLabel: 'async task ID' };
    const lost = toResultLost(write, 'req-2', accepted) as OutputError;
    expect(lost).toMatchObject({ exitCode: 6, code: 'OutputLost', requestId: 'req-2', path: null });
    expect(lost.message).toBe('cannot write to standard output: no space left on device (ENOSPC); the call was accepted (async task ID task-7, request ID req-2) but its acceptance document was lost');
    expect(write.afterAcceptance({ requestId: null, asyncId: null, asyncIdLabel: 'x', lost: 'its answer' }).message).toMatch(/; the call was accepted but its answer was lost$/);
    expect((toResultLost(write, 'req-2', null) as OutputError).message).toContain('the function ran (request ID req-2)');
  });

  it('toResultLost converts only output write failures', () => {
    const other = new Error('socket');
    expect(toResultLost(other, 'r')).toBe(other);
    expect((toResultLost(new OutputWriteError({ path: null, cause: enospc }), 'r') as OutputError).requestId).toBe('r');
  });

  it('a batch whose stdout closed says what was not sent and where to resume', () => {
    const error = batchOutputClosedError(17);
    expect(error).toMatchObject({ exitCode: 6, code: 'OutputClosed' });
    expect(error.message).toBe('standard output was closed: the remaining events were not sent; resume with --start-line 17');
  });
});

describe('InterruptedError', () => {
  it.each([
    ['SIGHUP', 129],
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s exits %i', (signal, code) => {
    expect(new InterruptedError(signal)).toMatchObject({ exitCode: code, message: `interrupted by ${signal}`, signal });
  });
});
