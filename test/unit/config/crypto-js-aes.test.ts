import { describe, expect, it } from 'vitest';
import { decryptCryptoJsAes, isCryptoJsCiphertext } from '../../../src/config/crypto-js-aes.js';
import { cryptoJsEncrypt } from './helpers.js';

// Made once with the real crypto-js 4.2.0 (`npm pack crypto-js`, deleted afterwards):
// CryptoJS.AES.encrypt(plain, 'SecretKey123').toString(), as Serverless Devs stores values.
const CRYPTO_JS_VECTORS: Array<[string, string]> = [
  ['U2FsdGVkX1/G6SSQL7UW9Vyugc7GwZLwQTXzvU40y4V8Iq8aVIkUlPgxmkrux8TE', 'fake-secret-from-crypto-js'],
  ['U2FsdGVkX1+uDidqxjgFSWuAX9DDVKCt3IpBZhNIzAo=', 'true'],
  ['U2FsdGVkX18mKvNtGWSYrxmjgJhDt6AeTlUOKhu2ZNdvX+YvUzLCJWG1Dcimxz9D', '1234567890123456'],
];

describe('decryptCryptoJsAes', () => {
  it.each(CRYPTO_JS_VECTORS)('decrypts the crypto-js ciphertext %s', (ciphertext, plain) => {
    expect(isCryptoJsCiphertext(ciphertext)).toBe(true);
    expect(decryptCryptoJsAes(ciphertext)).toBe(plain);
  });

  it.each(['fake-ak-id', '', 'ü-ß-漢字', 'x'.repeat(16), 'x'.repeat(100)])('round-trips %j through the test encrypter', (plain) => {
    expect(decryptCryptoJsAes(cryptoJsEncrypt(plain))).toBe(plain);
  });

  it('gives undefined for the wrong passphrase, bad padding, bad base64, a missing header or a short input', () => {
    const good = cryptoJsEncrypt('fake-secret-value-123');
    expect(decryptCryptoJsAes(good, 'OtherKey')).toBeUndefined();
    const bytes = Buffer.from(good, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    expect(decryptCryptoJsAes(bytes.toString('base64'))).toBeUndefined();
    expect(decryptCryptoJsAes('U2FsdGVkX1!!not-base64')).toBeUndefined();
    expect(decryptCryptoJsAes(Buffer.from('NotSalt_0123456789abcdef0123456789abcdef').toString('base64'))).toBeUndefined();
    expect(decryptCryptoJsAes('U2FsdGVkX18=')).toBeUndefined();
    expect(decryptCryptoJsAes(good.slice(0, -8))).toBeUndefined();
  });

  it('treats only "Salted__" base64 as ciphertext', () => {
    expect(isCryptoJsCiphertext('fake-plain-secret')).toBe(false);
  });
});
