import { describe, expect, it } from 'vitest';
import { headerValueProblem, maskId, maskSecret } from '../../src/credentials.js';

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

describe('headerValueProblem', () => {
  it.each([
    ['fake-key-id', null],
    ['STS.fake-key-id_0123+/=', null],
    ['fake\nkey', 'a line break (character 5 of 8)'],
    ['fake-key\r', 'a line break (character 9 of 9)'],
    [' fake', 'a space (character 1 of 5)'],
    ['fake\tkey', 'a tab (character 5 of 8)'],
    ['fake\u0000', 'a control character (character 5 of 5)'],
    ['fake-密钥', 'a character outside ASCII (character 6 of 7)'],
    ['caf\u00e9', 'a character outside ASCII (character 4 of 4)'],
  ])('%j → %s', (value, problem) => {
    expect(headerValueProblem(value)).toBe(problem);
  });
});
