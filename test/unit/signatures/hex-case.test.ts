import { describe, expect, it } from 'vitest';
import { charDiff } from '../../../renderer/features/signature/diff.js';
import { ayetScheme, concatHashScheme } from '../../../src/signatures/index.js';
import { captured, utf8 } from './helpers.js';

/**
 * An uppercase-hex signature is valid (hex digits compare without case, RFC 4648 §8) and the
 * explain view must say so instead of "✕ 28 characters differ" next to "✓ valid".
 */
describe('uppercase hex: valid, with a note, and no differing characters', () => {
  // ayeT's documented example: docs.ayetstudios.com › Callback Verification › HMAC Security Hash
  // (API key 9f2228fea0d8e7ce10b2ac36053db14c, the page's PHP sample compares with `===`).
  const key = utf8('9f2228fea0d8e7ce10b2ac36053db14c');
  const url = '/postback/?transaction_id=8ee08f32ae611231b0a49d1bd66e9bf193132561&amount=0.10&payout=1.50&user_id=testuser123456&click_id=1234abcd5678021&offer_name=TEST+OFFER';
  const hash = '62a32725866780ada1dec3d62232645f2801e05a91df7b0202e9b780f804f04b';
  const verify = (h: string) => ayetScheme.explain({ request: captured({ method: 'GET', url, headers: [['X-Ayetstudios-Security-Hash', h]] }), key });

  it('verifies the documented hash sent in uppercase, notes the spelling and marks the comparison case-insensitive', () => {
    const v = verify(hash.toUpperCase());
    expect(v).toMatchObject({ valid: true, cause: null, caseInsensitive: true, note: 'valid; the partner sent uppercase hex (hex compares without letter case, so the bytes match)' });
  });

  it('keeps the lowercase documented hash note-free', () => {
    const v = verify(hash);
    expect(v.valid).toBe(true);
    expect(v.note).toBeUndefined();
  });

  it('never puts a note on a mismatch (the cause speaks there)', () => {
    const v = verify('0'.repeat(64));
    expect(v.valid).toBe(false);
    expect(v.note).toBeUndefined();
  });

  it('the explain diff counts no case-only difference as differing, and still counts real ones', () => {
    const v = verify(hash.toUpperCase());
    const d = charDiff(v.expected!, v.given!, { ignoreCase: v.caseInsensitive === true });
    expect(d.differing).toBe(0);
    // The letters a–f of the documented hash: the characters the old view reported as "differ".
    expect(d.caseOnly).toBe([...hash].filter((c) => /[a-f]/.test(c)).length);
    expect(d.a.every((s) => s.same) && d.b.every((s) => s.same)).toBe(true);
    const typo = charDiff(hash, hash.toUpperCase().replace(/^6/, '7'), { ignoreCase: true });
    expect(typo.differing).toBe(1);
    // Without the flag (base64 digests), case is significant as before.
    expect(charDiff('abc', 'ABC').differing).toBe(3);
  });

  it('a concat-hash preset that documents uppercase hex gets no note for uppercase, one for lowercase', () => {
    const options = { algorithm: 'md5' as const, fields: ['a'], uppercase: true, signature: { in: 'query' as const, name: 's' } };
    const s = concatHashScheme.sign({ request: { url: '/p?a=1' }, options, key: utf8('k') });
    expect(s.value).toBe(s.value.toUpperCase());
    const upper = concatHashScheme.verify({ request: captured({ method: 'GET', url: s.url }), options, key: utf8('k') });
    expect(upper).toMatchObject({ valid: true, caseInsensitive: true });
    expect(upper.note).toBeUndefined();
    const lower = concatHashScheme.verify({ request: captured({ method: 'GET', url: s.url.toLowerCase() }), options, key: utf8('k') });
    expect(lower.note).toMatch(/^valid; the partner sent lowercase hex/);
  });
});
