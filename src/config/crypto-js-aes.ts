// Decrypting the values of Serverless Devs' ~/.s/access.yaml. It stores each value as
// crypto-js `AES.encrypt(value, 'SecretKey123').toString()` (Serverless-Devs/toolkit
// packages/credential/src/utils.ts writeData): OpenSSL's format, base64 of "Salted__" +
// 8-byte salt + AES-256-CBC ciphertext (PKCS#7), key and IV from EVP_BytesToKey with MD5
// and one iteration (crypto-js cipher-core.js OpenSSLKdf, OpenSSLFormatter).
import { createDecipheriv, createHash } from 'node:crypto';

/** Serverless Devs' fixed passphrase (toolkit packages/credential/src/constant.ts CRYPTO_STRING). It protects nothing. */
export const SERVERLESS_DEVS_PASSPHRASE = 'SecretKey123';

const SALTED = Buffer.from('Salted__', 'latin1');
/** base64 of "Salted__": how every crypto-js ciphertext starts. */
export const SALTED_PREFIX = 'U2FsdGVkX1';

/** OpenSSL's EVP_BytesToKey with MD5, one iteration: key and IV from a passphrase and salt. */
export function evpBytesToKey(passphrase: Buffer, salt: Buffer, keyLength: number, ivLength: number): { key: Buffer; iv: Buffer } {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  let length = 0;
  while (length < keyLength + ivLength) {
    previous = createHash('md5').update(Buffer.concat([previous, passphrase, salt])).digest();
    blocks.push(previous);
    length += previous.length;
  }
  const all = Buffer.concat(blocks);
  return { key: all.subarray(0, keyLength), iv: all.subarray(keyLength, keyLength + ivLength) };
}

/** Whether the text looks like crypto-js output (and so must decrypt, rather than be taken as plain text). */
export function isCryptoJsCiphertext(text: string): boolean {
  return text.startsWith(SALTED_PREFIX);
}

/**
 * The UTF-8 plain text of a crypto-js AES ciphertext, or undefined when it is not one
 * that this passphrase opens (bad base64, wrong header, bad padding, not UTF-8).
 */
export function decryptCryptoJsAes(ciphertext: string, passphrase = SERVERLESS_DEVS_PASSPHRASE): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(ciphertext)) return undefined;
  const data = Buffer.from(ciphertext, 'base64');
  if (data.length < 32 || (data.length - 16) % 16 !== 0 || !data.subarray(0, 8).equals(SALTED)) return undefined;
  const { key, iv } = evpBytesToKey(Buffer.from(passphrase, 'utf8'), data.subarray(8, 16), 32, 16);
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    const plain = Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    return undefined;
  }
}
