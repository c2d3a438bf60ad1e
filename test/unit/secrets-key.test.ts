import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopKeyProvider, type SafeStorageLike } from '../../electron/secret-key.js';
import { keyFileProvider } from '../../src/profiles/key-file.js';
import { SecretCipher } from '../../src/profiles/secret-cipher.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'pi-key-'));
  dirs.push(dir);
  return dir;
};

/** Stands for Electron's safeStorage: a reversible seal the test can recognise, and a switch. */
function fakeSafeStorage(available = true): SafeStorageLike & { sealed: number } {
  const fake = {
    sealed: 0,
    isEncryptionAvailable: () => available,
    encryptString: (text: string) => {
      fake.sealed++;
      return Buffer.from(`SEALED(${Buffer.from(text).toString('hex').split('').reverse().join('')})`);
    },
    decryptString: (sealed: Buffer) => {
      const inner = /^SEALED\(([0-9a-f]+)\)$/.exec(sealed.toString())?.[1];
      if (!inner) throw new Error('not sealed by this keychain');
      return Buffer.from(inner.split('').reverse().join(''), 'hex').toString();
    },
  };
  return fake;
}

describe('secret cipher', () => {
  const key = Buffer.alloc(32, 7);
  it('round-trips, with a fresh IV each time, in the enc:v1 format', () => {
    const cipher = new SecretCipher(key, '/data/secrets.key');
    const a = cipher.encrypt(3, 'shh');
    expect(a).toMatch(/^enc:v1:[^:]+:[^:]+$/);
    expect(cipher.encrypt(3, 'shh')).not.toBe(a);
    expect(cipher.decrypt(3, a)).toBe('shh');
  });
  it('refuses another profile id, another key and clear text, naming the key file', () => {
    const sealed = new SecretCipher(key, '/data/secrets.key').encrypt(3, 'shh');
    expect(() => new SecretCipher(key, '/data/secrets.key').decrypt(4, sealed)).toThrow(/profile 4 .*\/data\/secrets\.key/);
    expect(() => new SecretCipher(Buffer.alloc(32, 8), '/data/secrets.key').decrypt(3, sealed)).toThrow(/\/data\/secrets\.key/);
    expect(() => new SecretCipher(key, '/data/secrets.key').decrypt(3, 'shh')).toThrow(/not encrypted/);
  });
});

describe('key file (headless)', () => {
  it('is created once: 32 bytes, user-only, the same key on every load', () => {
    const dir = folder();
    const first = keyFileProvider().load(dir);
    expect(first.source).toBe(join(dir, 'secrets.key'));
    expect(first.key).toHaveLength(32);
    if (process.platform !== 'win32') expect(statSync(first.source).mode & 0o777).toBe(0o600);
    expect(Buffer.from(keyFileProvider().load(dir).key).equals(Buffer.from(first.key))).toBe(true);
  });
  it('a damaged key file is an error naming it', () => {
    const dir = folder();
    writeFileSync(join(dir, 'secrets.key'), 'nope');
    expect(() => keyFileProvider().load(dir)).toThrow(join(dir, 'secrets.key'));
  });
});

describe('key file sealed with safeStorage (desktop, pure part)', () => {
  it('writes only the sealed key, and reads it back through safeStorage', () => {
    const dir = folder();
    const storage = fakeSafeStorage();
    const { key } = desktopKeyProvider(storage).load(dir);
    const content = readFileSync(join(dir, 'secrets.key'));
    expect(content.toString()).toMatch(/^postback-inspector-wrapped-key:electron-safeStorage\nSEALED\(/);
    expect(content.includes(Buffer.from(key))).toBe(false);
    expect(Buffer.from(desktopKeyProvider(storage).load(dir).key).equals(Buffer.from(key))).toBe(true);
  });
  it('seals a key file written by headless mode, keeping the key', () => {
    const dir = folder();
    const plain = keyFileProvider().load(dir).key;
    const storage = fakeSafeStorage();
    expect(Buffer.from(desktopKeyProvider(storage).load(dir).key).equals(Buffer.from(plain))).toBe(true);
    expect(storage.sealed).toBe(1);
    expect(readFileSync(join(dir, 'secrets.key')).includes(Buffer.from(plain))).toBe(false);
  });
  it('headless mode on a sealed key file says why it cannot read it', () => {
    const dir = folder();
    desktopKeyProvider(fakeSafeStorage()).load(dir);
    expect(() => keyFileProvider().load(dir)).toThrow(/secrets\.key is sealed by electron-safeStorage/);
  });
  it('without OS encryption the plain key file is used, as in headless mode', () => {
    const dir = folder();
    const storage = fakeSafeStorage(false);
    desktopKeyProvider(storage).load(dir);
    expect(readFileSync(join(dir, 'secrets.key'))).toHaveLength(32);
    expect(storage.sealed).toBe(0);
  });
});
