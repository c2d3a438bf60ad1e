/**
 * Where the secrets key lives: `secrets.key` in the data folder, 32 random bytes created on first
 * use, readable by the user only. The desktop app may hand a wrapper (Electron safeStorage, the
 * OS keychain) so the file holds the key only in wrapped form; src/ never imports Electron, the
 * host passes a KeyProvider through the config.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_KEY_BYTES } from './secret-cipher.js';

export const KEY_FILE_NAME = 'secrets.key';

/** Gives the data folder's secrets key; throws an Error naming the key file when it cannot. */
export interface KeyProvider {
  load(dataDir: string): { key: Uint8Array; source: string };
}

/** Seals the key file's content with something outside the data folder (the OS keychain). */
export interface KeyWrapper {
  /** A short tag written in the file, so a reader can tell which wrapper sealed it. */
  readonly name: string;
  wrap(key: Buffer): Buffer;
  unwrap(sealed: Buffer): Buffer;
}

const WRAPPED_MAGIC = 'postback-inspector-wrapped-key:';

export function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE_NAME);
}

/** Headless (no wrapper) or desktop (with one): same file, same rules. */
export function keyFileProvider(wrapper: KeyWrapper | null = null): KeyProvider {
  return {
    load(dataDir) {
      const file = keyFilePath(dataDir);
      if (!existsSync(file)) createKeyFile(file, wrapper);
      return { key: readKeyFile(file, wrapper), source: file };
    },
  };
}

/** Reads an existing key file (a read-only reader such as `report` never creates one). */
export function readKeyFile(file: string, wrapper: KeyWrapper | null): Uint8Array {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read the secrets key file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const wrappedBy = wrappedName(content);
  if (wrappedBy === null) {
    if (content.length !== SECRET_KEY_BYTES) throw new Error(`the secrets key file ${file} is damaged (${content.length} bytes, expected ${SECRET_KEY_BYTES}); restore it from a backup, or delete it and set every profile secret again`);
    // A key file written by `serve` and now opened by the desktop app: seal it from now on.
    if (wrapper) writeKeyFile(file, sealed(content, wrapper), true);
    return content;
  }
  if (!wrapper || wrapper.name !== wrappedBy) {
    throw new Error(`the secrets key file ${file} is sealed by ${wrappedBy} (the desktop app's OS keychain) and cannot be read here; run the desktop app on this data folder, or use another data folder (--data) for headless runs`);
  }
  let key: Buffer;
  try {
    key = wrapper.unwrap(content.subarray(content.indexOf(0x0a) + 1));
  } catch (error) {
    throw new Error(`the secrets key file ${file} cannot be unsealed by ${wrappedBy} (another user or machine?): ${(error as Error).message}`);
  }
  if (key.length !== SECRET_KEY_BYTES) throw new Error(`the secrets key file ${file} unsealed to ${key.length} bytes, expected ${SECRET_KEY_BYTES}`);
  return key;
}

function createKeyFile(file: string, wrapper: KeyWrapper | null): void {
  const key = randomBytes(SECRET_KEY_BYTES);
  writeKeyFile(file, wrapper ? sealed(key, wrapper) : key, false);
}

/**
 * Written beside and then linked (or renamed over) into place, so a crash never leaves a half
 * key file, and a first creation never replaces a key another process made meanwhile.
 */
function writeKeyFile(file: string, content: Buffer, replace: boolean): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content, { mode: 0o600 });
  // writeFileSync's mode is narrowed by the umask, never widened; set it plainly all the same.
  chmodSync(temporary, 0o600);
  if (replace) return renameSync(temporary, file);
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function sealed(key: Buffer, wrapper: KeyWrapper): Buffer {
  return Buffer.concat([Buffer.from(`${WRAPPED_MAGIC}${wrapper.name}\n`, 'utf8'), wrapper.wrap(key)]);
}

function wrappedName(content: Buffer): string | null {
  const magic = Buffer.from(WRAPPED_MAGIC, 'utf8');
  if (content.length <= magic.length || !content.subarray(0, magic.length).equals(magic)) return null;
  const end = content.indexOf(0x0a);
  return end < 0 ? null : content.subarray(magic.length, end).toString('utf8');
}
