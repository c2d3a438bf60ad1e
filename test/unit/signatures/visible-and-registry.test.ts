import { describe, expect, it } from 'vitest';
import { getScheme, listSchemes, makeVisible } from '../../../src/signatures/index.js';

describe('canonicalVisible', () => {
  it('makes invisible characters visible', () => {
    expect(makeVisible('a\u2063b')).toBe('a⟨U+2063⟩b');
    expect(makeVisible('x\ny')).toBe('x⏎\ny');
    expect(makeVisible('a\tb\u00a0c\r\n')).toBe('a⇥b⟨NBSP⟩c␍⏎\n');
    expect(makeVisible('end  \nnext ')).toBe('end··⏎\nnext·');
    expect(makeVisible('\u200bzero\ufeff')).toBe('⟨U+200B⟩zero⟨U+FEFF⟩');
  });
});

describe('registry', () => {
  it('lists every scheme with its sources and finds them by id', () => {
    const ids = listSchemes().map((s) => s.id);
    expect(ids).toEqual([
      'hmac', 'concat-hash', 'github', 'shopify', 'stripe', 'standard-webhooks', 'twilio',
      'tapjoy', 'ironsource', 'fyber', 'ayet', 'bitlabs', 'cpx', 'skadnetwork', 'adattributionkit',
    ]);
    for (const id of ids) expect(getScheme(id)?.id).toBe(id);
    expect(getScheme('nope')).toBeUndefined();
    const presetsWithoutSource = listSchemes().filter((s) => s.sources.length === 0).map((s) => s.id);
    expect(presetsWithoutSource).toEqual(['hmac', 'concat-hash', 'cpx']);
  });

  it('throws a config error for a shared-secret scheme given no secret', () => {
    const github = getScheme('github');
    expect(() => github?.verify({ request: { method: 'POST', url: '/', rawHeaders: [], body: Buffer.alloc(0) } })).toThrow(/needs a shared secret/);
  });
});
