/**
 * The secrets a read-only report (`postback-inspector report`) must mask, read beside a running
 * app or none. It never writes: a folder not yet migrated keeps its clear rows (masked as they
 * are), and the key file is read, never created.
 */
import type { SecretEncoding } from '../signatures/types.js';
import type { Db } from '../store/open-database.js';
import { keyFilePath, readKeyFile } from './key-file.js';
import { isEncrypted, SecretCipher } from './secret-cipher.js';

export function secretsForReport(db: Db, dataDir: string): Array<{ kind: string; encoding: SecretEncoding; value: string }> {
  const rows = db.prepare(`SELECT profile_id, kind, encoding, value FROM secrets`).all() as Array<{ profile_id: number; kind: string; encoding: SecretEncoding; value: string }>;
  let cipher: SecretCipher | null = null;
  const open = (): SecretCipher => {
    const file = keyFilePath(dataDir);
    cipher ??= new SecretCipher(readKeyFile(file, null), file);
    return cipher;
  };
  return rows.map((r) => ({ kind: r.kind, encoding: r.encoding, value: isEncrypted(r.value) ? open().decrypt(r.profile_id, r.value) : r.value }));
}
