import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';
import type { LocalCa } from './ca.js';
import { dayMs, newRsaKey, randomSerial, readPair, writePair, type KeyAndCert } from './forge-cert.js';

/** Names every leaf carries: what a partner SDK on this machine or a browser would dial. */
export const defaultTlsNames: readonly string[] = ['localhost', '127.0.0.1', '::1'];

/**
 * Browsers (Apple first, then Chrome) refuse server certificates valid for more than 398 days,
 * even under a locally trusted root; 397 keeps a day of margin for clock differences.
 */
const leafValidityDays = 397;
/** Reissued this long before it expires, so a long-running receiver never serves an expired leaf. */
const renewBeforeDays = 30;

export interface Leaf extends KeyAndCert {
  names: string[];
  /** True when this call made a new certificate (names changed, near expiry, new CA). */
  reissued: boolean;
}

export function leafFiles(dataDir: string): { keyFile: string; certFile: string } {
  return { keyFile: join(dataDir, 'ca', 'leaf.key.pem'), certFile: join(dataDir, 'ca', 'leaf.cert.pem') };
}

/** Defaults first, then the user's names in their order; case-folded DNS names, no repeats. */
export function tlsNames(extra: readonly string[]): string[] {
  const names: string[] = [];
  for (const raw of [...defaultTlsNames, ...extra]) {
    const name = raw.trim();
    const key = isIP(name) ? name : name.toLowerCase();
    if (key !== '' && !names.includes(key)) names.push(key);
  }
  return names;
}

/**
 * The receiver's certificate for `names`, signed by the local CA. Kept across starts and reissued
 * only when it would not do: another name list, another CA, or close to expiry.
 */
export function ensureLeaf(dataDir: string, ca: LocalCa, extraNames: readonly string[]): Leaf {
  const names = tlsNames(extraNames);
  const { keyFile, certFile } = leafFiles(dataDir);
  const existing = readPair(keyFile, certFile);
  if (existing && fits(existing, ca, names)) return { ...existing, names, reissued: false };
  const pair = issueLeaf(ca, names);
  writePair(keyFile, certFile, pair);
  return { ...pair, names, reissued: true };
}

function fits(pair: KeyAndCert, ca: LocalCa, names: readonly string[]): boolean {
  try {
    const cert = new X509Certificate(pair.certPem);
    if (!cert.checkIssued(new X509Certificate(ca.certPem)) || !cert.verify(new X509Certificate(ca.certPem).publicKey)) return false;
    if (Date.parse(cert.validTo) - Date.now() < renewBeforeDays * dayMs) return false;
    // Same set of names: each one present, and no name more (a removed name must go too).
    const entries = (cert.subjectAltName ?? '').split(', ').filter((e) => e !== '');
    if (entries.length !== names.length) return false;
    return names.every((n) => (isIP(n) ? cert.checkIP(n) !== undefined : cert.checkHost(n, { wildcards: false }) !== undefined));
  } catch {
    return false;
  }
}

function issueLeaf(ca: LocalCa, names: readonly string[]): KeyAndCert {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const { publicKey, keyPem } = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerial();
  const notBefore = Date.now() - 60 * 60 * 1000;
  cert.validity.notBefore = new Date(notBefore);
  cert.validity.notAfter = new Date(notBefore + leafValidityDays * dayMs);
  cert.setSubject([{ name: 'commonName', value: names[0] ?? 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    // Clients match names against the SAN only (the CN is ignored since RFC 6125 / Chrome 58).
    { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}
