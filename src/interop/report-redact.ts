/**
 * A report leaves the machine (it is attached to a ticket): no secret may ride along. Two nets:
 * params whose names say "secret" lose their values, and every stored profile secret (in each of
 * the spellings a signature could carry) is masked wherever it appears in the finished text.
 */
import { decodeComponent } from '../http/percent.js';
import { splitTarget } from '../http/target.js';
import { maskSecret } from '../profiles/secrets.js';
import type { Db } from '../store/open-database.js';

const SECRET_PARAM = /^(sig|signature|hash|hmac|token|access_?token|api_?key|apikey|key|secret|password|passwd|pass|auth|authorization|security_?token|private_?key)$/i;
const MASK = '••••';

/** `/pb?click_id=1&sig=abc` → `/pb?click_id=1&sig=••••` (the raw target otherwise as sent). */
export function redactTarget(target: string): string {
  const { path, rawQuery } = splitTarget(target);
  if (rawQuery === null) return target;
  // Rebuilt piece by piece (empty pieces too), so only masked values differ from what was sent.
  const query = rawQuery
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = decodeComponent(pair.slice(0, eq), { plusAsSpace: true }).text;
      return SECRET_PARAM.test(name) ? `${pair.slice(0, eq)}=${MASK}` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/** The stored secrets as they could appear in text: as stored, and decoded from hex/base64 when that is printable. */
export function secretSpellings(db: Db): string[] {
  const rows = db.prepare(`SELECT encoding, value FROM secrets`).all() as Array<{ encoding: string; value: string }>;
  const out = new Set<string>();
  for (const { encoding, value } of rows) {
    const v = value.trim();
    if (v.length >= 4) out.add(v);
    if (encoding === 'hex' || encoding === 'base64') {
      const decoded = Buffer.from(v, encoding).toString('utf8');
      if (decoded.length >= 4 && /^[\x20-\x7e]+$/.test(decoded)) out.add(decoded);
    }
    // URL-encoded, as a secret would look in a query string.
    if (encodeURIComponent(v) !== v) out.add(encodeURIComponent(v));
  }
  return [...out].sort((a, b) => b.length - a.length);
}

export function maskSecrets(text: string, spellings: readonly string[]): string {
  let out = text;
  for (const s of spellings) if (out.includes(s)) out = out.split(s).join(maskSecret(s));
  return out;
}
