import { describe, expect, it } from 'vitest';
import { formatBytes, groupDigits, tooLargeError } from '../../../src/io/event-size.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [11, '11 bytes'],
    [1023, '1023 bytes'],
    [1024, '1 KiB (1,024 bytes)'],
    [1536, '1.5 KiB (1,536 bytes)'],
    [131_072, '128 KiB (131,072 bytes)'],
    [131_073, '128 KiB (131,073 bytes)'],
    [1_048_575, '1 MiB (1,048,575 bytes)'],
    [33_554_432, '32 MiB (33,554,432 bytes)'],
    [5 * 1024 ** 3, '5 GiB (5,368,709,120 bytes)'],
  ])('%i → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('groups digits the same in every locale', () => {
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1000)).toBe('1,000');
    expect(groupDigits(33554432)).toBe('33,554,432');
  });
});

describe('tooLargeError', () => {
  it('advises --max-event-size only for the default limit', () => {
    expect(tooLargeError('event file e.json', 33_554_433, 33_554_432).message).toBe(
      "event file e.json is 32 MiB (33,554,433 bytes), over the 32 MiB (33,554,432 bytes) limit: shrink it, or raise --max-event-size if your account's quota was raised",
    );
    const set = tooLargeError('standard input', null, { bytes: 10, setBy: '--max-event-size' });
    expect(set.message).toBe('standard input is more than 10 bytes, over the 10 bytes limit set by --max-event-size: shrink it');
    expect(set).toMatchObject({ code: 'EventTooLarge', exitCode: 2 });
  });
});
