import { createPrivateKey, X509Certificate } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { dayMs, fingerprint256, newRsaKey, randomSerial, readPair, writePair, type KeyAndCert } from './forge-cert.js';

export interface LocalCa extends KeyAndCert {
  keyFile: string;
  certFile: string;
  /** SHA-256 of the certificate (AA:BB:…): what a user compares before trusting it. */
  fingerprint: string;
}

/** A root users install once: ten years, so a trusted CA does not expire under them. */
const caValidityDays = 3650;

export function caFiles(dataDir: string): { keyFile: string; certFile: string } {
  return { keyFile: join(dataDir, 'ca', 'ca.key.pem'), certFile: join(dataDir, 'ca', 'ca.cert.pem') };
}

/**
 * The data folder's own CA, made on first use and kept: a user who trusted it once must not be
 * asked again, so an existing CA is never replaced unless it is unreadable or has expired.
 */
export function ensureCa(dataDir: string): LocalCa {
  const { keyFile, certFile } = caFiles(dataDir);
  let pair = readPair(keyFile, certFile);
  if (!pair || !usable(pair)) {
    pair = createCa();
    writePair(keyFile, certFile, pair);
  }
  return { ...pair, keyFile, certFile, fingerprint: fingerprint256(pair.certPem) };
}

function usable(pair: KeyAndCert): boolean {
  try {
    const cert = new X509Certificate(pair.certPem);
    return cert.ca && Date.parse(cert.validTo) > Date.now() && cert.checkPrivateKey(createPrivateKey(pair.keyPem));
  } catch {
    return false;
  }
}

function createCa(): KeyAndCert {
  const { forgeKey, publicKey, keyPem } = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = randomSerial();
  const now = Date.now();
  // Back-dated an hour: a client whose clock is a little behind must not see "not yet valid".
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + caValidityDays * dayMs);
  // The host name tells two machines' CAs apart in a trust store listing.
  const subject = [
    { name: 'commonName', value: `Postback Inspector local CA (${hostname()})` },
    { name: 'organizationName', value: 'Postback Inspector (local development only)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}
