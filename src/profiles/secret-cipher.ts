/**
 * Profile secrets at rest: AES-256-GCM with a key that never sits in the database (key-file.ts).
 * A stored value reads `enc:v1:<base64 iv>:<base64 ciphertext+tag>`; the profile id is the
 * additional authenticated data, so a row copied onto another profile does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CoreError } from '../errors.js';

export const ENCRYPTED_PREFIX = 'enc:v1:';
export const SECRET_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretCipher {
  private readonly key: Buffer;

  /** `source` names where the key came from (the key file), for errors only: never the key itself. */
  constructor(
    key: Uint8Array,
    private readonly source: string,
  ) {
    if (key.length !== SECRET_KEY_BYTES) throw new Error(`the secrets key from ${source} is ${key.length} bytes, not ${SECRET_KEY_BYTES}`);
    // A copy: a caller that zeroes or reuses its buffer must not change ours.
    this.key = Buffer.from(key);
  }

  /** The key bytes, for a thread that opens its own connection (workerData, never logs). */
  keyBytes(): Uint8Array {
    return Uint8Array.from(this.key);
  }

  encrypt(profileId: number, clear: string): string {
    return this.seal(profileAad(profileId), clear);
  }

  /** The clear value; a clear error (naming the key's source) when the key or the profile does not match. */
  decrypt(profileId: number, stored: string): string {
    return this.open(profileAad(profileId), stored, `the secret of profile ${profileId}`, 'or for another profile; set the secret again');
  }

  /**
   * Seals any other secret (an environment's secret variable) under the same key; `context`
   * is its additional authenticated data, so a value copied onto another owner does not open.
   */
  seal(context: string, clear: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const sealed = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${ENCRYPTED_PREFIX}${iv.toString('base64')}:${sealed.toString('base64')}`;
  }

  /** `what` names the secret in errors ("the secret of profile 3"); `otherOwner` ends the likely-cause sentence. */
  open(context: string, stored: string, what: string, otherOwner = 'or for another owner; set it again'): string {
    if (!isEncrypted(stored)) throw unreadable(what, 'it is not encrypted (enc:v1:) as every stored secret must be');
    const [ivText, sealedText] = stored.slice(ENCRYPTED_PREFIX.length).split(':');
    const iv = Buffer.from(ivText ?? '', 'base64');
    const sealed = Buffer.from(sealedText ?? '', 'base64');
    if (iv.length !== IV_BYTES || sealed.length < TAG_BYTES) throw unreadable(what, 'the stored value is malformed');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      // GCM says only "unable to authenticate": the likely causes are what the user can act on.
      throw unreadable(what, `it was encrypted with another key than the one in ${this.source} (the key file was replaced or deleted?) ${otherOwner}`);
    }
  }
}

function unreadable(what: string, why: string): CoreError {
  return new CoreError('SECRET_UNREADABLE', `${what} cannot be read: ${why}`);
}

export function isEncrypted(stored: string): boolean {
  return stored.startsWith(ENCRYPTED_PREFIX);
}

function profileAad(profileId: number): string {
  return `profile:${profileId}`;
}
