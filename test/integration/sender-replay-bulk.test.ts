import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkProgress } from '../../src/model/sender.js';
import type { Sender } from '../../src/sender/index.js';
import { rawRequest, startCore, type TestCore } from '../helpers/core.js';
import { reply, scriptedServer, senderFor, template } from './sender-helpers.js';

let tc: TestCore;
let sender: Sender;
beforeAll(async () => {
  tc = await startCore();
  sender = await senderFor(tc);
});
afterAll(async () => {
  await sender.close();
  await tc.close();
});

const newest = () => tc.core.exchanges.get(tc.core.exchanges.list({ limit: 1, direction: 'in' })[0]!.id)!;

describe('replay', () => {
  it('replays a captured exchange byte-exact: method, raw target, headers in order with casing and duplicates, body', async () => {
    const body = Buffer.from([0x7b, 0x22, 0xe9, 0x00, 0xff, 0x22, 0x7d]);
    const head =
      `POST /pb?b=2&a=1&a=1&x=a+b%20c&enc=%7Bclick_id%7D&flag HTTP/1.1\r\nHost: 127.0.0.1:${tc.receiverPort}\r\n` +
      `X-Sig: one\r\nx-sig: two\r\nuser-agent: Partner/1.0\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`;
    await rawRequest(tc.receiverPort, Buffer.concat([Buffer.from(head, 'latin1'), body]));
    const source = newest();

    const result = await sender.replay(source.id, { url: tc.core.receiverUrl });
    expect(result.delivered).toBe(true);
    expect(result.outbox.sourceExchangeId).toBe(source.id);
    expect(result.outbox.transport).toBe('exact');
    const again = newest();
    expect(again.id).not.toBe(source.id);
    expect(again.method).toBe('POST');
    expect(again.target).toBe(source.target);
    expect(again.rawHeaders).toEqual(source.rawHeaders);
    expect(again.body.equals(source.body)).toBe(true);
    // What we say we sent is what arrived.
    const out = tc.core.exchanges.get(result.outbox.exchangeId)!;
    expect(out.rawHeaders).toEqual(source.rawHeaders);
    expect(out.target).toBe(source.target);
  });

  it('replays a chunked capture as one chunk, and with edits: params, headers, body, Host', async () => {
    await rawRequest(tc.receiverPort, `POST /c?click_id=1&e=x HTTP/1.1\r\nHost: 127.0.0.1:${tc.receiverPort}\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n3\r\nabc\r\n0\r\n\r\n`);
    const source = newest();
    expect((await sender.replay(source.id, {})).delivered).toBe(true);
    const plain = newest();
    expect(plain.rawHeaders).toEqual(source.rawHeaders);
    expect(plain.body.toString()).toBe('abc');

    const partner = await scriptedServer((_i, _s, res) => reply(res, 200, 'OK'));
    try {
      const edited = await sender.replay(source.id, {
        url: partner.url,
        setParams: { click_id: 'new id', added: 'y' },
        setHeaders: [['x-a', '2'], ['X-New', 'n']],
        removeHeaders: ['transfer-encoding'],
        body: 'edited body',
        rewriteHost: true,
      });
      expect(edited.delivered).toBe(true);
      const seen = partner.seen[0]!;
      expect(seen.url).toBe('/c?click_id=new%20id&e=x&added=y');
      expect(seen.rawHeaders).toEqual(['Host', partner.url.slice('http://'.length), 'X-A', '2', 'X-New', 'n', 'Content-Length', '11']);
      expect(seen.body.toString()).toBe('edited body');
    } finally {
      await partner.close();
    }
  });

  it('keeps the captured Host when replaying elsewhere, and says so', async () => {
    const partner = await scriptedServer((_i, _s, res) => reply(res, 200));
    try {
      await rawRequest(tc.receiverPort, `GET /h?x=1 HTTP/1.1\r\nHost: partner.example\r\n\r\n`);
      const result = await sender.replay(newest().id, { url: `${partner.url}/` });
      expect(partner.seen[0]!.rawHeaders).toEqual(['Host', 'partner.example']);
      expect(partner.seen[0]!.url).toBe('/h?x=1');
      expect(result.preview.notes.join()).toContain('Host header is kept as captured (partner.example)');
    } finally {
      await partner.close();
    }
  });
});

describe('bulk', () => {
  it('simulates N conversions with generators, concurrency and progress, and summarises them', async () => {
    const failEvery = await scriptedServer((_i, seen, res) => reply(res, seen.url.includes('click_id=c-0005') ? 500 : 200, 'OK'));
    const progress: BulkProgress[] = [];
    const off = sender.on('bulk-progress', (p) => progress.push(p));
    try {
      const run = sender.bulk({
        template: template({ url: `${failEvery.url}/pb?click_id={click_id}&event={event}&payout={payout}&tx={tx}` }),
        count: 40,
        concurrency: 8,
        generators: {
          click_id: { kind: 'sequence', prefix: 'c-', pad: 4 },
          event: { kind: 'list', values: ['install', 'purchase'], order: 'cycle' },
          payout: { kind: 'random-number', min: 1, max: 2, decimals: 2 },
          tx: { kind: 'uuid' },
        },
      });
      const summary = await run.done;
      expect(summary).toMatchObject({ total: 40, sent: 40, completed: 40, delivered: 39, failed: 1, refused: 0, done: true });
      expect(summary.deliveryRate).toBeCloseTo(39 / 40);
      expect(summary.latencyMs!.p50).toBeGreaterThan(0);
      expect(summary.latencyMs!.p50).toBeLessThanOrEqual(summary.latencyMs!.p90);
      expect(summary.latencyMs!.p90).toBeLessThanOrEqual(summary.latencyMs!.p99);
      expect(progress.at(-1)).toMatchObject({ done: true, completed: 40 });
      const urls = failEvery.seen.map((s) => s.url).sort();
      expect(urls[0]).toMatch(/^\/pb\?click_id=c-0001&event=install&payout=1\.\d\d&tx=[0-9a-f-]{36}$/);
      expect(new Set(urls).size).toBe(40);
      expect(sender.outbox({ limit: 100, bulkId: run.id })).toHaveLength(40);
    } finally {
      off();
      await failEvery.close();
    }
  });

  for (const writerThread of [true, false]) {
    it(`records every bulk postback with its response and attempt (${writerThread ? 'writer thread' : 'main connection'}), retries included`, async () => {
      const flaky = await scriptedServer((_i, seen, res) => reply(res, seen.url.endsWith('n=3') && !flaky.seen.slice(0, -1).some((s) => s.url === seen.url) ? 503 : 200, 'OK'));
      const own = writerThread ? sender : await senderFor(tc, { writerThread: false });
      try {
        expect(own.status().writer).toBe(writerThread ? 'thread' : 'main');
        const run = own.bulk({
          template: template({ url: `${flaky.url}/pb?n={n}` }),
          count: 5,
          concurrency: 5,
          generators: { n: { kind: 'sequence' } },
          retry: { kind: 'schedule', delaysMs: [20] },
        });
        const summary = await run.done;
        expect(summary).toMatchObject({ delivered: 5, failed: 0 });
        const items = own.outbox({ limit: 10, bulkId: run.id });
        expect(items.map((i) => i.state)).toEqual(Array(5).fill('delivered'));
        const retried = items.find((i) => i.url.endsWith('n=3'))!;
        expect(own.outboxItem(retried.id)!.attempts.map((a) => [a.number, a.status, a.outcome])).toEqual([[1, 503, 'retry'], [2, 200, 'delivered']]);
        const exchange = tc.core.exchanges.get(items[0]!.exchangeId)!;
        expect(exchange).toMatchObject({ direction: 'out', method: 'GET' });
        expect(exchange.response?.status).toBe(200);
        expect(exchange.response?.body.toString()).toBe('OK');
        expect(exchange.rawHeaders.map(([n]) => n)).toEqual(['host', 'connection', 'Idempotency-Key']);
        expect(Buffer.from(own.outboxItem(items[0]!.id)!.attempts[0]!.responseBody, 'base64').toString()).toBe('OK');
      } finally {
        if (own !== sender) await own.close();
        await flaky.close();
      }
    });
  }

  it('respects a rate limit', async () => {
    const run = sender.bulk({ template: template({ url: `${tc.core.receiverUrl}/rate?n={n}` }), count: 6, concurrency: 6, ratePerSecond: 20, generators: { n: { kind: 'sequence' } } });
    const summary = await run.done;
    expect(summary.delivered).toBe(6);
    // Six starts at 20/s span at least 250 ms.
    expect(summary.durationMs).toBeGreaterThanOrEqual(240);
  });

  it('refuses a run whose template has problems, before sending anything', () => {
    expect(() => sender.bulk({ template: template({ url: `${tc.core.receiverUrl}/pb?cid={nope}` }), count: 3 })).toThrow('{nope}');
  });
});
