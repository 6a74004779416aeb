// The exit code of a batch: the contract's code of the worst class that occurred.
import { describe, expect, it } from 'vitest';
import { worstExitCode } from '../../../src/batch/outcome.js';

describe('worstExitCode', () => {
  it.each([
    [{}, 0],
    [{ ok: 10 }, 0],
    [{ ok: 10, function: 1 }, 1],
    [{ function: 3, input: 1 }, 2],
    [{ function: 3, input: 1, api: 1 }, 4],
    [{ ok: 1, function: 3, input: 1, api: 5, transport: 1 }, 5],
    [{ transport: 1 }, 5],
    [{ api: 0, transport: 0, function: 2 }, 1],
  ] as const)('%o → %i', (counts, code) => {
    expect(worstExitCode(counts)).toBe(code);
  });
});
