import { describe, expect, it } from 'vitest';
import { diffExchanges, diffToMarkdown } from '../../../src/diff/index.js';
import { code } from '../../../src/diff/markdown.js';
import { json, side } from './helpers.js';

describe('diffToMarkdown', () => {
  it('escapes table-breaking characters inside code spans', () => {
    expect(code('a|b')).toBe('`a\\|b`');
    expect(code('x`y')).toBe('``x`y``');
    expect(code('`x')).toBe('`` `x ``');
    expect(code('l1\nl2')).toBe('`l1\\nl2`');
    expect(code('')).toBe('_(empty)_');
    expect(code('z'.repeat(500))).toHaveLength(123);
  });

  it('shows raw and decoded values when they differ, and params without "="', () => {
    const md = diffToMarkdown(diffExchanges(side('/pb?a=%7Bx%7D&f'), side('/pb?a=1')));
    expect(md).toContain('| ~ | `a` | `%7Bx%7D` = `{x}` | `1` |');
    expect(md).toContain("| - | `f` | `f` _(no '=')_ |");
  });

  it('collapses volatile headers into one line', () => {
    const md = diffToMarkdown(diffExchanges(side('/pb', [['Date', 'a'], ['X-Sig', '1']]), side('/pb', [['Date', 'b'], ['X-Sig', '2']])));
    expect(md).toContain('| ~ | `X-Sig` | `1` | `2` |');
    expect(md).not.toContain('| ~ | `Date`');
    expect(md).toContain('_Volatile headers differ (not counted): `date`._');
  });

  it('renders JSON paths with notes and a text diff block', () => {
    const md = diffToMarkdown(diffExchanges(json('{"p":1.0}'), json('{"p":1}')));
    expect(md).toContain('| ~ | `$.p` | `1.0` | `1` | numerically equal, source text differs |');
    const text = diffToMarkdown(diffExchanges(side('/pb', [], 'a\nb\n', 'text/plain'), side('/pb', [], 'a\nc\n', 'text/plain')));
    expect(text).toContain('```diff\n a\n-b\n+c\n```');
  });

  it('shows the binary hex preview', () => {
    const bin = (b: number[]) => side('/pb', [], Uint8Array.from(b), 'application/octet-stream');
    const md = diffToMarkdown(diffExchanges(bin([0, 0xab]), bin([0, 0xcd, 1])));
    expect(md).toContain('First difference at offset 1 (0x1):');
    expect(md).toContain('left:  ab\nright: cd 01');
  });

  it('says Identical for identical exchanges', () => {
    expect(diffToMarkdown(diffExchanges(side('/pb?a=1'), side('/pb?a=1')))).toContain('**Identical:**');
  });
});
