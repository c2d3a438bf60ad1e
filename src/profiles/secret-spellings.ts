/**
 * Every way a secret's bytes can be written down as text. A canonical string, a note or a
 * report shows the secret in whichever form its source produced: concatenation schemes append
 * the raw bytes (read back as UTF-8, so invalid bytes become U+FFFD and control bytes stay
 * control characters), captured targets keep one char per byte (latin1), templates embed the
 * stored hex/base64 text, and a partner may send any of the usual encodings. Masking has to
 * know them all, not only the printable ones.
 *
 * Escapes that wrap these spellings (percent, `+` form, HTML, JSON, CSV) are matched char by
 * char in secret-mask.ts rather than listed here: their combinations would not fit in a list.
 */
import { makeVisible } from '../signatures/visible.js';

export interface SecretSource {
  /** The secret as stored or typed: UTF-8 text, hex, base64 or a PEM/JWK private key. */
  text: string;
  /** The key bytes `text` decodes to; null when the text is all there is (private keys). */
  bytes: Buffer | null;
}

/**
 * Shorter spellings are left alone: three characters would mask innocent text all over a
 * report, and a secret that short is not protected by masking anyway.
 */
export const MIN_SPELLING_LENGTH = 4;

export function secretSpellings(source: SecretSource): string[] {
  const out = new Set<string>([source.text, source.text.trim()]);
  const bytes = source.bytes;
  if (bytes && bytes.length > 0) {
    out.add(bytes.toString('latin1'));
    out.add(bytes.toString('utf8'));
    const hex = bytes.toString('hex');
    out.add(hex);
    out.add(hex.toUpperCase());
    const b64 = bytes.toString('base64');
    const b64url = bytes.toString('base64url');
    for (const s of [b64, b64url]) {
      out.add(s);
      out.add(s.replace(/=+$/, ''));
      out.add(s.replace(/=+$/, '') + '='.repeat((4 - (s.replace(/=+$/, '').length % 4)) % 4));
    }
  }
  // The `canonicalVisible` form (⟨U+0000⟩, ⏎, ␍…) of each spelling, for text made visible before masking.
  for (const s of [...out]) out.add(makeVisible(s));
  return [...out].filter((s) => s.length >= MIN_SPELLING_LENGTH).sort((a, b) => b.length - a.length);
}
