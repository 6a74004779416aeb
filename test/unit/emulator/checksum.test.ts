import { describe, expect, it } from 'vitest';
import { crc64 } from '../../../src/emulator/checksum.js';

describe('crc64 (X-Fc-Code-Checksum)', () => {
  it('matches the CRC-64/XZ check value', () => {
    expect(crc64('123456789')).toBe('11051210869376104954');
  });

  it('is 0 for no bytes', () => {
    expect(crc64('')).toBe('0');
  });

  it('is stable and the same for a string and its UTF-8 bytes', () => {
    const code = "exports.handler = (e, c, cb) => cb(null, 'hi');\n";
    expect(crc64(code)).toBe(crc64(code));
    expect(crc64(Buffer.from(code))).toBe(crc64(code));
  });

  it('changes when one byte changes, and is an unsigned 64-bit decimal', () => {
    const a = crc64('exports.handler = 1');
    const b = crc64('exports.handler = 2');
    expect(a).not.toBe(b);
    for (const value of [a, b]) {
      expect(value).toMatch(/^\d+$/);
      expect(BigInt(value) < 2n ** 64n).toBe(true);
    }
  });
});
