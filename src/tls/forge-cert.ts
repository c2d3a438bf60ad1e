import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import forge from 'node-forge';

/** A key pair and its certificate, both PEM. */
export interface KeyAndCert {
  keyPem: string;
  certPem: string;
}

export const dayMs = 24 * 60 * 60 * 1000;

/**
 * RSA 2048: the one key type node-forge can put in a certificate, and accepted by every client
 * (browsers, curl, Node, Java, old Android SDKs partners use). The key is made by OpenSSL through
 * node:crypto, not by forge: forge's pure-JS prime search takes seconds, OpenSSL a few ms.
 */
export function newRsaKey(): { forgeKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem);
  return { forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), keyPem };
}

/** RFC 5280 wants a positive serial of at most 20 bytes; 16 random bytes with the top bit clear make collisions moot. */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

/** SHA-256 of the DER certificate, as browsers and `openssl x509 -fingerprint -sha256` print it (AA:BB:…). */
export function fingerprint256(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** Reads a key/cert pair; null when either file is missing or unreadable (the caller makes a new one). */
export function readPair(keyFile: string, certFile: string): KeyAndCert | null {
  try {
    return { keyPem: readFileSync(keyFile, 'utf8'), certPem: readFileSync(certFile, 'utf8') };
  } catch {
    return null;
  }
}

/**
 * Writes the key readable by the user only (0600, also when the file existed with wider rights)
 * and the certificate readable by all. Each file is written aside and renamed, so a crash never
 * leaves a half-written key that a later start would trust.
 */
export function writePair(keyFile: string, certFile: string, pair: KeyAndCert): void {
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  writeAtomically(keyFile, pair.keyPem, 0o600);
  writeAtomically(certFile, pair.certPem, 0o644);
}

function writeAtomically(file: string, text: string, mode: number): void {
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, text, { mode });
  // The umask can narrow `mode` but never widen it; chmod makes the key's 0600 exact either way.
  chmodSync(aside, mode);
  renameSync(aside, file);
}
