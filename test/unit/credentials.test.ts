import { describe, expect, it } from 'vitest';
import { maskId, maskSecret } from '../../src/credentials.js';

describe('maskId', () => {
  it.each([
    ['fake-ak-id-from-aliyun-cli', '****-cli'],
    ['STS.fake-sts-id-from-aliyun-cli', '****-cli'],
    ['abcdefghwxyz', '****wxyz'],
    ['abcdefgwxyz', '****'],
    ['abcd', '****'],
    ['', '****'],
  ])('%j → %j', (id, masked) => {
    expect(maskId(id)).toBe(masked);
  });

  it('never shows more than the last 4 characters, and not the length', () => {
    const id = 'fake-access-key-id-0123456789';
    expect(maskId(id)).toHaveLength(8);
    expect(id.endsWith(maskId(id).slice(4))).toBe(true);
  });
});

describe('maskSecret', () => {
  it.each(['x', 'fake-secret-from-aliyun-cli', 'a'.repeat(200)])('shows nothing of %j', (secret) => {
    const masked = maskSecret(secret);
    expect(masked).toBe('********');
    for (const char of new Set(secret)) expect(masked.includes(char)).toBe(false);
  });
});
