import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { diffExchanges, sha256Hex, type BodyDiff, type ParamEntry } from '../../../src/diff/index.js';
import { side } from './helpers.js';

const FORM = 'application/x-www-form-urlencoded';
const body = (a: string | Uint8Array, b: string | Uint8Array, ctA: string | null, ctB = ctA, opts = {}): BodyDiff =>
  diffExchanges(side('/pb', [], a, ctA), side('/pb', [], b, ctB), opts).body;

describe('form bodies', () => {
  it('are compared like query params: by name, with encodings and duplicates', () => {
    const b = body('a=1&b=x+y&c=1&c=2', 'b=x%20y&a=2&c=1', FORM);
    expect(b.kind).toBe('form');
    const e = b.kind === 'form' ? b.entries : [];
    expect(e.map((x) => (x.kind === 'order' ? 'order' : `${x.kind}:${x.name}`))).toEqual([
      'changed:a', 'encoding-only:b', 'unchanged:c', 'removed:c', 'order',
    ]);
    expect(b.differences).toBe(2);
  });

  it('summary names fields', () => {
    const r = diffExchanges(side('/pb', [['Content-Type', FORM]], 'a=1'), side('/pb', [['Content-Type', FORM]], 'a=2&b=1'));
    expect(r.summary).toContain('body: 1 field changed, 1 added');
  });

  it('is sniffed without a content type', () => {
    expect(body('a=1&b=2', 'a=1&b=3', null).kind).toBe('form');
  });

  it('sniffing stays linear on a long segment that is not form data', () => {
    const long = `a=1&${'b'.repeat(200_000)} `;
    const t = performance.now();
    expect(body(long, `${long}x`, null).kind).toBe('text');
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('an empty side against a form side lists the fields as added', () => {
    const b = body('', 'a=1', FORM);
    expect(b.kind === 'form' && (b.entries[0] as ParamEntry).kind).toBe('added');
  });
});

describe('text bodies', () => {
  it('are diffed line by line with line numbers', () => {
    const b = body('one\ntwo\nthree\n', 'one\n2\nthree\nfour\n', 'text/plain');
    expect(b.kind).toBe('text');
    if (b.kind !== 'text') return;
    expect(b.hunks.map((h) => [h.kind, h.lines, h.leftStart, h.rightStart])).toEqual([
      ['unchanged', ['one'], 1, 1],
      ['removed', ['two'], 2, 2],
      ['added', ['2'], 3, 2],
      ['unchanged', ['three'], 3, 3],
      ['added', ['four'], 4, 4],
    ]);
    expect([b.linesAdded, b.linesRemoved, b.differences]).toEqual([2, 1, 3]);
  });

  it('notes a line-ending-only difference', () => {
    const b = body('a\r\nb\r\n', 'a\nb\n', 'text/plain');
    expect(b.identical).toBe(false);
    expect(b.notes).toContain('texts differ only in line endings (CRLF vs LF)');
  });

  it('a body declared JSON that does not parse is compared as text, with the error noted', () => {
    const b = body('{"a":1', '{"a":2', 'application/json');
    expect(b.kind).toBe('text');
    expect(b.notes[0]).toMatch(/^left: declared JSON but invalid: unexpected end of input/);
  });

  it('JSON against plain text falls back to a text comparison', () => {
    const b = body('{"a":1}', 'hello', null);
    expect([b.kind, b.leftKind, b.rightKind]).toEqual(['text', 'json', 'text']);
  });
});

describe('binary bodies', () => {
  const a = Uint8Array.from([0, 1, 2, 3, 4, 5, 0xff, 0x10]);
  const b = Uint8Array.from([0, 1, 2, 3, 9, 5, 0xff, 0x10, 0x20]);

  it('compare size, SHA-256 and the first differing offset with a hex preview', () => {
    const d = body(a, b, 'application/octet-stream');
    expect(d.kind).toBe('binary');
    if (d.kind !== 'binary') return;
    expect(d.left).toEqual({ size: 8, sha256: createHash('sha256').update(a).digest('hex') });
    expect(d.right.size).toBe(9);
    expect(d.firstDifference).toEqual({ offset: 4, left: '04 05 ff 10', right: '09 05 ff 10 20' });
    expect(d.differences).toBe(1);
  });

  it('a prefix differs at the shorter length', () => {
    const d = body(a, a.subarray(0, 6), null);
    expect(d.kind === 'binary' && d.firstDifference).toEqual({ offset: 6, left: 'ff 10', right: '' });
  });

  it('equal bytes are identical', () => {
    const d = body(a, a.slice(), null);
    expect([d.kind, d.identical, d.kind === 'binary' && d.firstDifference]).toEqual(['binary', true, null]);
  });

  it('invalid UTF-8 is binary even when sniffing', () => {
    expect(body(Uint8Array.from([0xc3, 0x28]), 'x', null).kind).toBe('binary');
  });

  it('accepts an injected hash function', () => {
    const d = body(a, b, null, null, { sha256: () => 'stub' });
    expect(d.kind === 'binary' && d.left.sha256).toBe('stub');
  });
});

describe('sha256Hex', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ])('matches the FIPS 180-2 vector for %j', (input, hex) => {
    expect(sha256Hex(new TextEncoder().encode(input))).toBe(hex);
  });

  it('matches Node crypto across block boundaries', () => {
    for (const n of [55, 56, 63, 64, 65, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 0xff);
      expect(sha256Hex(data)).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });
});

describe('empty bodies', () => {
  it('two empty bodies are identical', () => {
    const r = diffExchanges(side('/pb'), side('/pb'));
    expect(r.body).toMatchObject({ kind: 'empty', identical: true });
    expect(r.summary).toBe('params identical, headers identical, body empty');
  });
});
