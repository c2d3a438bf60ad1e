import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SendRefusedError, type Sender } from '../../src/sender/index.js';
import { openLog, startCore, type TestCore } from '../helpers/core.js';
import { reply, scriptedServer, senderFor, template, type ScriptedServer } from './sender-helpers.js';

let tc: TestCore;
let sender: Sender;
let partner: ScriptedServer;
beforeAll(async () => {
  tc = await startCore();
  sender = await senderFor(tc);
  // Answers with what the request asked for: /status/<n>?body=<text>
  partner = await scriptedServer((_n, seen, res) => {
    const url = new URL(seen.url, 'http://x');
    const status = Number(/^\/status\/(\d{3})/.exec(url.pathname)?.[1] ?? 200);
    reply(res, status, url.searchParams.get('body') ?? 'OK');
  });
});
afterAll(async () => {
  await sender.close();
  await partner.close();
  await tc.close();
});

/** Counted in the file: this sender writes on the test's connection, and the core's count() is a cache of its own writes. */
const storedCount = (): number => openLog(tc.core).prepare('SELECT count(*) FROM exchanges').pluck().get() as number;

describe('send to our own receiver', () => {
  it('stores the request exactly as the receiver got it: target, headers in order with casing, body', async () => {
    const result = await sender.send({
      template: template({
        method: 'POST',
        url: `${tc.core.receiverUrl}/pb/{event}?click_id={click_id}&payout={payout}&cb={cb}`,
        headers: [['X-Partner', 'Keitaro'], ['x-lower', '{click_id}']],
        bodyMode: 'json',
        body: '{"click_id":"{click_id}","payout":{payout}}',
      }),
      vars: { click_id: 'abc 1', event: 'purchase', payout: '1.25', cb: 'https://a.example/x?y=1' },
    });
    expect(result.delivered).toBe(true);
    expect(result.outbox.state).toBe('delivered');
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]).toMatchObject({ number: 1, status: 200, outcome: 'delivered' });

    const out = tc.core.exchanges.get(result.outbox.exchangeId)!;
    const captured = tc.core.exchanges.list({ limit: 1, direction: 'in' })[0]!;
    const inbound = tc.core.exchanges.get(captured.id)!;
    expect(out.direction).toBe('out');
    expect(out.target).toBe('/pb/purchase?click_id=abc%201&payout=1.25&cb=https%3A%2F%2Fa.example%2Fx%3Fy%3D1');
    expect(inbound.target).toBe(out.target);
    expect(inbound.rawHeaders).toEqual(out.rawHeaders);
    expect(inbound.body.equals(out.body)).toBe(true);
    expect(out.rawHeaders.map(([n]) => n)).toEqual(['host', 'connection', 'X-Partner', 'x-lower', 'Content-Type', 'Idempotency-Key', 'content-length']);
    expect(out.response?.status).toBe(200);
    expect(out.correlation).toBe('abc 1');
  });

  it('refuses an unreplaced macro, naming it, and sends it anyway when asked', async () => {
    const input = { template: template({ url: `${tc.core.receiverUrl}/pb?cid={clickid}` }), vars: { click_id: 'x' } };
    // `{clickid}` normalizes to click_id, so use a name with no value at all.
    const unknown = { template: template({ url: `${tc.core.receiverUrl}/pb?cid={click}&s=[SUB1]` }), vars: {} };
    expect((await sender.send(input)).delivered).toBe(true);
    const before = storedCount();
    const refusal = await sender.send(unknown).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(SendRefusedError);
    expect((refusal as SendRefusedError).message).toContain('{click}');
    expect((refusal as SendRefusedError).problems.map((p) => p.token)).toEqual(['{click}', '[SUB1]']);
    expect(storedCount()).toBe(before);
    const anyway = await sender.send({ ...unknown, sendAnyway: true });
    expect(anyway.delivered).toBe(true);
    expect(tc.core.exchanges.get(anyway.outbox.exchangeId)!.target).toBe('/pb?cid={click}&s=[SUB1]');
  });

  it('previews the fully expanded request without sending', () => {
    const before = storedCount();
    const preview = sender.preview({ template: template({ method: 'POST', url: 'http://p.example/pb?e={event}', bodyMode: 'form', body: 'a={event}' }), vars: { event: 'a b' } });
    expect(preview.url).toBe('http://p.example/pb?e=a%20b');
    expect(preview.bodyText).toBe('a=a+b');
    expect(preview.rawHeaders.map(([n]) => n)).toEqual(['host', 'connection', 'Content-Type', 'Idempotency-Key', 'content-length']);
    expect(preview.rawHeaders[0]).toEqual(['host', 'p.example']);
    expect(preview.transport).toBe('pooled');
    expect(storedCount()).toBe(before);
  });

  it('success rules: any 2xx, a specific status, a body match', async () => {
    const send = (path: string, success: object) => sender.send({ template: template({ url: `${partner.url}${path}`, success, idempotencyHeader: null }), vars: {} });
    expect((await send('/status/204', {})).delivered).toBe(true);
    expect((await send('/status/302', {})).delivered).toBe(false);
    expect((await send('/status/200', { status: 201 })).delivered).toBe(false);
    expect((await send('/status/201', { status: [200, 201] })).delivered).toBe(true);
    expect((await send('/status/200?body=OK%0A', { body: { mode: 'equals', value: 'OK' } })).delivered).toBe(true);
    const notOk = await send('/status/200?body=ERROR', { body: { mode: 'equals', value: 'OK' } });
    expect(notOk.delivered).toBe(false);
    expect(notOk.attempts[0]!.verdict).toContain('"ERROR"');
    expect((await send('/status/200?body=status%3D1%3Bsuccess%3Dtrue%3B', { body: { mode: 'contains', value: 'success=true;' } })).delivered).toBe(true);
    const eventOk = await sender.send({
      template: template({ url: `${partner.url}/status/200?body={event_id}:OK&id={event_id}`, success: { body: { mode: 'equals', value: '{event_id}:OK' } } }),
      vars: { event_id: 'ev-9' },
    });
    expect(eventOk.delivered).toBe(true);
    expect((await send('/status/500?body=OK', { body: { mode: 'equals', value: 'OK' } })).delivered).toBe(false);
    expect((await send('/status/200?body=id%3D77', { body: { mode: 'regex', value: '^id=\\d+$' } })).delivered).toBe(true);
  });

  it('does not follow redirects unless asked, and reports connection errors plainly', async () => {
    const redirecting = await scriptedServer((n, seen, res) => (seen.url === '/final' ? reply(res, 200, 'OK') : reply(res, 302, '', { Location: '/final' })));
    try {
      const direct = await sender.send({ template: template({ url: `${redirecting.url}/start` }) });
      expect(direct.delivered).toBe(false);
      expect(direct.attempts[0]!.status).toBe(302);
      const followed = await sender.send({ template: template({ url: `${redirecting.url}/start`, followRedirects: true }) });
      expect(followed.delivered).toBe(true);
      expect(redirecting.seen.map((s) => s.url)).toEqual(['/start', '/start', '/final']);
    } finally {
      await redirecting.close();
    }
    const refused = await sender.send({ template: template({ url: 'http://127.0.0.1:1/pb' }) });
    expect(refused.delivered).toBe(false);
    expect(refused.attempts[0]).toMatchObject({ status: null, errorCode: 'ECONNREFUSED' });
    expect(refused.attempts[0]!.error).toBe('Connection refused by 127.0.0.1:1: nothing is listening there');
  });

  it('times out per request', async () => {
    const slow = await scriptedServer((_n, _seen, res) => setTimeout(() => reply(res, 200), 1000));
    try {
      const result = await sender.send({ template: template({ url: `${slow.url}/slow`, timeoutMs: 100 }) });
      expect(result.delivered).toBe(false);
      expect(result.attempts[0]!.error).toContain('within 100 ms');
      expect(result.attempts[0]!.durationMs).toBeLessThan(900);
    } finally {
      await slow.close();
    }
  });
});
