/**
 * The one secret mask, on its own: every spelling of a secret's bytes (including control bytes
 * and invalid UTF-8) and every escape the text may carry it in is masked, and nothing else is.
 * The spellings are listed here independently of src/profiles/secret-spellings.ts.
 */
import { describe, expect, it } from 'vitest';
import { maskDeep, secretMask } from '../../src/profiles/secret-mask.js';
import { secretMaskFor } from '../../src/profiles/secrets.js';
import { makeVisible } from '../../src/signatures/visible.js';

const HEX = '00010a0d7f80ff';
const B64 = 'wygg++++////AApBIA==';

/** Every way the test can think of to write the secret down. */
function spellings(stored: string, bytes: Buffer): string[] {
  const b64 = bytes.toString('base64');
  const b64url = bytes.toString('base64url');
  const pct = (b: Buffer, upper: boolean) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).map((s) => (upper ? s.toUpperCase() : s)).join('');
  const form = (b: Buffer) => [...b].map((x) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(x)) ? String.fromCharCode(x) : x === 0x20 ? '+' : `%${x.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  const text = [stored, bytes.toString('latin1'), bytes.toString('utf8'), bytes.toString('hex'), bytes.toString('hex').toUpperCase(), b64, b64.replace(/=+$/, ''), b64url, b64url + '='.repeat((4 - (b64url.length % 4)) % 4)];
  return [
    ...text,
    pct(bytes, true),
    pct(bytes, false),
    form(bytes),
    encodeURIComponent(bytes.toString('utf8')),
    ...text.map((s) => encodeURIComponent(s)),
    ...text.map((s) => form(Buffer.from(s, 'utf8'))),
    // An unescaped '+' of the base64 text, read back by a form decoder.
    b64.replace(/\+/g, ' '),
  ];
}

const cases = [
  { name: 'hex secret 00010a0d7f80ff', key: { secret: HEX, secretEncoding: 'hex' as const }, bytes: Buffer.from(HEX, 'hex') },
  { name: 'base64 secret whose bytes are invalid UTF-8', key: { secret: B64, secretEncoding: 'base64' as const }, bytes: Buffer.from(B64, 'base64') },
];

describe('secretMaskFor', () => {
  for (const c of cases) {
    it(`masks every spelling of a ${c.name}, in plain text and as HTML, JSON and made visible`, () => {
      const mask = secretMaskFor(c.key);
      for (const s of spellings(c.key.secret, c.bytes)) {
        const html = s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
        for (const shown of [`abc:${s}:def`, `x${html}y`, JSON.stringify({ v: `abc:${s}` }), makeVisible(`abc:${s}`)]) {
          const out = mask(shown);
          expect(out, JSON.stringify(shown)).toContain('••••');
          for (const t of spellings(c.key.secret, c.bytes)) expect(out.includes(t), `${JSON.stringify(t)} in ${JSON.stringify(out)}`).toBe(false);
        }
      }
    });
  }

  it('labels the masked secret as the profile list does and leaves other text alone', () => {
    const mask = secretMaskFor({ secret: 'partner-secret-1a2b', secretEncoding: 'utf8' });
    expect(mask('abc:partner-secret-1a2b')).toBe('abc:••••1a2b');
    expect(mask('abc:partner%2Dsecret+1a2b')).toBe('abc:partner%2Dsecret+1a2b');
    expect(mask('click_id=abc&event=install')).toBe('click_id=abc&event=install');
    // A `$` in the label is text, not a replacement pattern.
    expect(secretMask([{ text: 'secret-ending-$&', bytes: null }])('[secret-ending-$&]')).toBe('[••••g-$&]');
  });

  it('masks a private key as stored and leaves public keys readable', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG\n-----END PRIVATE KEY-----';
    expect(secretMaskFor({ privateKey: pem })(`key: ${pem}`)).toBe('key: •••• (private key)');
    expect(secretMaskFor({ publicKey: 'PUBLIC' })('PUBLIC')).toBe('PUBLIC');
    expect(secretMaskFor(null)('anything')).toBe('anything');
  });

  it('masks strings anywhere inside a value and keeps the rest', () => {
    const mask = secretMaskFor({ secret: HEX, secretEncoding: 'hex' });
    const raw = Buffer.from(HEX, 'hex').toString('latin1');
    const out = maskDeep({ a: [`x${raw}`, 1, null, { b: `%00%01%0A%0D%7F%80%FF` }], n: 2, ok: true }, mask);
    expect(out).toEqual({ a: ['x••••80ff', 1, null, { b: '••••80ff' }], n: 2, ok: true });
  });
});
