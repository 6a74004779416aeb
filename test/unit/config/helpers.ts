// Test helpers: temporary homes built from test/fixtures/homes, an in-memory file system
// that can fail like a real one, and a crypto-js-compatible encrypter (tests only).
import { createCipheriv, createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigFileSystem } from '../../../src/config/settings.js';

const HOMES = fileURLToPath(new URL('../../fixtures/homes/', import.meta.url));

export interface Sandbox {
  /** The temporary HOME. */
  home: string;
  /** A repository inside HOME (it has a .git folder): the usual working directory. */
  repo: string;
  /** Writes a file (creating folders) and returns its absolute path. */
  write(path: string, text: string): string;
  cleanup(): void;
}

/** A temporary HOME holding the named fixture homes (e.g. 'aliyun-cli', 'fcli'), and a repository in it. */
export function makeSandbox(...homes: string[]): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'fcinvoke-config-'));
  const home = join(root, 'home');
  mkdirSync(home);
  for (const name of homes) cpSync(join(HOMES, name), home, { recursive: true });
  const repo = join(home, 'code', 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  return {
    home,
    repo,
    write(path, text) {
      const full = path.startsWith('/') ? path : join(home, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, text);
      return full;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** An error shaped like Node's fs errors. */
export function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/**
 * An in-memory file system: a string is a file's text, an Error is thrown on reading.
 * Records every path read, so tests can see what was (not) looked at.
 */
export function memoryFiles(files: Record<string, string | Error>): ConfigFileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async readFile(path) {
      reads.push(path);
      const entry = files[path];
      if (entry instanceof Error) throw entry;
      return entry;
    },
    async exists(path) {
      return Object.keys(files).some((key) => key === path || key.startsWith(`${path}/`));
    },
  };
}

/** A file system that records reads and otherwise uses the real one. */
export function spyFiles(real: ConfigFileSystem): ConfigFileSystem & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile: (path) => {
      reads.push(path);
      return real.readFile(path);
    },
    exists: (path) => real.exists(path),
  };
}

/**
 * crypto-js `AES.encrypt(plain, passphrase).toString()` rebuilt on node:crypto, written
 * independently of src/config/crypto-js-aes.ts: "Salted__" + salt + AES-256-CBC, key and
 * IV by EVP_BytesToKey(MD5, 1 round).
 */
export function cryptoJsEncrypt(plain: string, passphrase = 'SecretKey123', salt = Buffer.from('0123456789abcdef', 'hex')): string {
  let derived = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (derived.length < 48) {
    block = createHash('md5').update(block).update(passphrase).update(salt).digest();
    derived = Buffer.concat([derived, block]);
  }
  const cipher = createCipheriv('aes-256-cbc', derived.subarray(0, 32), derived.subarray(32, 48));
  return Buffer.concat([Buffer.from('Salted__'), salt, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}
