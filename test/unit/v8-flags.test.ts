// V8 flags set at run time: only those whose default src/v8-flags.ts records, so that the
// launcher can put the default back before it makes its cache.
import { describe, expect, it } from 'vitest';
import { setV8Flags } from '../../src/v8-flags.js';

describe('setV8Flags', () => {
  it('refuses a flag whose default it does not know', () => {
    expect(() => setV8Flags('--max-lazy')).toThrow(/--max-lazy has no default recorded/);
  });
});
