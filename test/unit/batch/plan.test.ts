// The batch flags, as a table: options in, plan or usage error out.
import { describe, expect, it } from 'vitest';
import { chooseApi } from '../../../src/fc/api-choice.js';
import { checkBatchOnlyFlags, planBatch, wantsBatch, type RawBatchOptions } from '../../../src/commands/batch-options.js';
import { planRun, type RawRunOptions } from '../../../src/commands/run-options.js';
import { UsageError } from '../../../src/errors.js';

function plan(options: RawRunOptions & RawBatchOptions) {
  return planBatch(planRun(chooseApi(['svc', 'fn']), options), options);
}

function usageError(options: RawRunOptions & RawBatchOptions): string {
  try {
    plan(options);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('planBatch', () => {
  it('reads a file with the defaults', () => {
    expect(plan({ batch: 'events.ndjson' })).toMatchObject({
      input: { kind: 'lines', path: 'events.ndjson' },
      concurrency: 8,
      startLine: 1,
      summaryJson: undefined,
      asyncIdPrefix: undefined,
      async: false,
      wait: false,
      eventLimit: { bytes: 32 * 1024 * 1024, setBy: undefined },
    });
  });

  it('takes -c, --start-line, --summary-json and stdin', () => {
    expect(plan({ batch: '-', concurrency: '32', startLine: '1001', summaryJson: 's.json' })).toMatchObject({
      input: { kind: 'lines', path: '-' },
      concurrency: 32,
      startLine: 1001,
      summaryJson: 's.json',
    });
  });

  it('repeats one event', () => {
    expect(plan({ repeat: '1000', event: '{}', concurrency: '16' })).toMatchObject({ input: { kind: 'repeat', count: 1000 }, concurrency: 16 });
  });

  it('makes async calls with --async-id-prefix, with the async size limit', () => {
    expect(plan({ batch: 'e', asyncIdPrefix: 'job_7' })).toMatchObject({ async: true, asyncIdPrefix: 'job_7', eventLimit: { bytes: 128 * 1024 } });
    expect(plan({ batch: 'e', async: true, wait: true })).toMatchObject({ async: true, wait: true });
    expect(plan({ batch: 'e', asyncIdPrefix: 'p', maxEventSize: '1000' })).toMatchObject({ eventLimit: { bytes: 1000, setBy: '--max-event-size' } });
  });

  it.each([
    [{ batch: 'e', repeat: '3' }, '--batch and --repeat'],
    [{ batch: 'e', data: 'x.json' }, '-d/--data and -e/--event'],
    [{ batch: 'e', event: 'x' }, '-d/--data and -e/--event'],
    [{ batch: ' ' }, '--batch needs a file path'],
    [{ batch: 'e', output: 'o' }, '-o/--output'],
    [{ batch: 'e', dryRun: true }, '--dry-run'],
    [{ batch: 'e', verbose: true }, '--verbose'],
    [{ batch: 'e', asyncId: 'a1' }, '--async-id-prefix'],
    [{ batch: 'e', asyncIdPrefix: '1abc' }, 'invalid --async-id-prefix'],
    [{ batch: 'e', asyncIdPrefix: 'a'.repeat(101) }, 'invalid --async-id-prefix'],
    [{ batch: 'e', concurrency: '0' }, 'invalid -c/--concurrency "0"'],
    [{ batch: 'e', concurrency: '1.5' }, 'invalid -c/--concurrency'],
    [{ batch: 'e', concurrency: '1025' }, 'from 1 to 1024'],
    [{ repeat: '0' }, 'invalid --repeat'],
    [{ repeat: 'many' }, 'invalid --repeat'],
    [{ batch: 'e', startLine: '0' }, 'invalid --start-line'],
    [{ batch: 'e', summaryJson: '' }, '--summary-json needs a file path'],
  ] as Array<[RawRunOptions & RawBatchOptions, string]>)('%o is a usage error', (options, message) => {
    expect(usageError(options)).toContain(message);
  });
});

describe('wantsBatch / checkBatchOnlyFlags', () => {
  it('says when the batch path applies', () => {
    expect(wantsBatch({ batch: 'x' })).toBe(true);
    expect(wantsBatch({ repeat: '2' })).toBe(true);
    expect(wantsBatch({ concurrency: '2' })).toBe(false);
  });

  it('refuses batch-only flags on a single invocation', () => {
    expect(() => checkBatchOnlyFlags({})).not.toThrow();
    expect(() => checkBatchOnlyFlags({ concurrency: '4', startLine: '2' })).toThrow('-c/--concurrency, --start-line only work with --batch or --repeat');
    expect(() => checkBatchOnlyFlags({ asyncIdPrefix: 'p' })).toThrow('--async-id-prefix only works with --batch or --repeat');
  });
});
