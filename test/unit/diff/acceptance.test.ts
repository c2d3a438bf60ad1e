import { describe, expect, it } from 'vitest';
import { diffExchanges, diffToMarkdown, type ExchangeSide } from '../../../src/diff/index.js';

/** Two real-looking postbacks: payout differs, sub1 added on the right, headers reordered only. */
const left: ExchangeSide = {
  method: 'GET',
  url: '/pb?click_id=abc123&event=purchase&payout=1.25&sig=9f2c',
  rawHeaders: [
    ['Host', '127.0.0.1:4100'],
    ['User-Agent', 'partner-sender/2.1'],
    ['Accept', '*/*'],
    ['X-Partner', 'acme'],
  ],
  body: new Uint8Array(),
};
const right: ExchangeSide = {
  method: 'GET',
  url: '/pb?click_id=abc123&event=purchase&payout=2.50&sig=9f2c&sub1=fb',
  rawHeaders: [
    ['Host', '127.0.0.1:4100'],
    ['X-Partner', 'acme'],
    ['User-Agent', 'partner-sender/2.1'],
    ['Accept', '*/*'],
  ],
  body: new Uint8Array(),
};

describe('acceptance: one value change, one added param, header order only', () => {
  const r = diffExchanges(left, right);

  it('reports exactly the value change and the addition as differences', () => {
    const counted = [...r.query, ...r.headers].filter((e) => e.counted);
    expect(counted).toEqual([
      expect.objectContaining({
        kind: 'changed',
        name: 'payout',
        left: expect.objectContaining({ value: '1.25' }),
        right: expect.objectContaining({ value: '2.50' }),
      }),
      expect.objectContaining({ kind: 'added', name: 'sub1', right: expect.objectContaining({ value: 'fb' }) }),
    ]);
    expect(r.differences).toBe(2);
    expect(r.method.counted || r.path.counted || r.body.differences > 0).toBe(false);
  });

  it('marks header order as noise', () => {
    const order = r.headers.filter((e) => e.kind === 'order');
    expect(order).toEqual([expect.objectContaining({ kind: 'order', counted: false })]);
    expect(r.headers.filter((e) => e.kind !== 'order').every((e) => e.kind === 'unchanged')).toBe(true);
  });

  it('is not identical, and says so in one line', () => {
    expect(r.identical).toBe(false);
    expect(r.summary).toBe('1 param changed, 1 added, headers identical (order differs), body empty');
  });

  it('renders a Markdown report for a bug tracker', () => {
    const md = diffToMarkdown(r);
    expect(md).toContain('**Different:** 1 param changed, 1 added');
    expect(md).toContain('| ~ | `payout` | `1.25` | `2.50` |   |');
    expect(md).toContain('| + | `sub1` |   | `fb` |   |');
    expect(md).toContain('_3 unchanged params not shown._');
    expect(md).toMatch(/\| ↕ \| _order_ \| .* \| noise, not counted \|/);
  });
});
