import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/index.js';
import { createSender, type Sender } from '../../src/sender/index.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openLog, startCore, type TestCore } from '../helpers/core.js';
import { reply, scriptedServer, senderFor, template, type ScriptedServer } from './sender-helpers.js';

let tc: TestCore | undefined;
let sender: Sender | undefined;
let partner: ScriptedServer | undefined;
afterEach(async () => {
  await sender?.close();
  await partner?.close();
  await tc?.close();
  tc = sender = partner = undefined;
});

/** Fails the first `n` requests with 503, then answers 200 OK. */
const failFirst = (n: number) => scriptedServer((i, _seen, res) => (i < n ? reply(res, 503, 'busy') : reply(res, 200, 'OK')));

describe('retries', () => {
  it('retries with exponential backoff until delivered, every attempt recorded with the same key', async () => {
    tc = await startCore();
    sender = await senderFor(tc);
    partner = await failFirst(2);
    const result = await sender.send({
      template: template({ url: `${partner.url}/pb?click_id={click_id}`, retry: { kind: 'exponential', baseMs: 20, factor: 2, maxAttempts: 5, maxDelayMs: 1000, jitter: 0 } }),
      vars: { click_id: 'k1' },
      wait: 'final',
    });
    expect(result.delivered).toBe(true);
    expect(result.attempts.map((a) => [a.number, a.status, a.outcome])).toEqual([[1, 503, 'retry'], [2, 503, 'retry'], [3, 200, 'delivered']]);
    expect(result.attempts[0]!.nextAttemptAt! - result.attempts[0]!.startedAt).toBeGreaterThanOrEqual(20);
    const keys = partner.seen.map((s) => s.rawHeaders[s.rawHeaders.indexOf('Idempotency-Key') + 1]);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBe(result.outbox.idempotencyKey);
    expect(new Set(partner.seen.map((s) => s.url))).toEqual(new Set(['/pb?click_id=k1']));
    // One exchange for the postback, its response the last one.
    expect(tc.core.exchanges.get(result.outbox.exchangeId)!.response?.status).toBe(200);
  });

  it('gives up after maxAttempts and fails; AppsFlyer does not retry a 4xx', async () => {
    tc = await startCore();
    sender = await senderFor(tc, { timeScale: 1_000_000 });
    partner = await scriptedServer((_i, seen, res) => reply(res, seen.url.startsWith('/4') ? 404 : 500));
    const exp = await sender.send({ template: template({ url: `${partner.url}/5`, retry: { kind: 'exponential', baseMs: 10, factor: 2, maxAttempts: 3, maxDelayMs: 100 } }), wait: 'final' });
    expect(exp.outbox.state).toBe('failed');
    expect(exp.attempts.map((a) => a.outcome)).toEqual(['retry', 'retry', 'failed']);
    const af4 = await sender.send({ template: template({ url: `${partner.url}/4`, retry: { kind: 'preset', preset: 'appsflyer' } }), wait: 'final' });
    expect(af4.attempts.map((a) => a.outcome)).toEqual(['failed']);
    const af5 = await sender.send({ template: template({ url: `${partner.url}/5`, retry: { kind: 'preset', preset: 'appsflyer' } }), wait: 'final' });
    expect(af5.attempts).toHaveLength(5);
    // 15 minutes apart at ×1 000 000: 0.9 ms.
    expect(af5.attempts[0]!.nextAttemptAt! - af5.attempts[0]!.startedAt).toBeLessThan(1000);
  });

  it('Everflow-like: a destination is disabled after N consecutive failures, until reset', async () => {
    tc = await startCore();
    sender = await senderFor(tc);
    partner = await scriptedServer((_i, _s, res) => reply(res, 500));
    const t = template({ url: `${partner.url}/pb`, retry: { kind: 'preset', preset: 'everflow', disableAfter: 2 } });
    const stored = sender.templates.create(t);
    const states = [];
    for (let i = 0; i < 3; i++) states.push((await sender.send({ templateId: stored.id })).outbox.state);
    expect(states).toEqual(['failed', 'failed', 'disabled']);
    expect(partner.seen).toHaveLength(2);
    expect(sender.circuits()).toEqual([expect.objectContaining({ key: `template:${stored.id}`, consecutiveFailures: 2 })]);
    expect(sender.resetCircuit(`template:${stored.id}`)).toBe(true);
    expect((await sender.send({ templateId: stored.id })).outbox.state).toBe('failed');
    expect(partner.seen).toHaveLength(3);
  });

  it('cancel stops a scheduled retry; retry-now sends a failed one again', async () => {
    tc = await startCore();
    sender = await senderFor(tc);
    partner = await failFirst(1);
    const first = await sender.send({ template: template({ url: `${partner.url}/pb`, retry: { kind: 'schedule', delaysMs: [60_000] } }) });
    expect(first.outbox.state).toBe('pending');
    expect(sender.outbox({ limit: 10, state: 'pending' }).map((o) => o.id)).toEqual([first.outbox.id]);
    expect(sender.cancel(first.outbox.id)).toBe(true);
    expect((await sender.waitFor(first.outbox.id)).state).toBe('cancelled');
    expect(sender.retryNow(first.outbox.id)).toBe(true);
    const again = await sender.waitFor(first.outbox.id, 5000);
    expect(again.state).toBe('delivered');
    expect(again.attempts).toBe(2);
    expect(sender.outboxItem(first.outbox.id)!.attempts.map((a) => a.status)).toEqual([503, 200]);
  });
});

describe('the outbox survives a restart', () => {
  it('resumes a schedule after the core is closed and reopened mid-schedule', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pi-sender-'));
    const open = async () => {
      const core = await createCore({ dataDir, receiver: { port: 0 }, control: { port: 0, uiDir: null } });
      await core.sender.close();
      // Singular's plan (1, 5, 15… minutes) at ×600: the first retry is due 100 ms after the failure.
      const log = openLog(core);
      const s = createSender({ db: log, exchanges: new ExchangesRepository(log), events: core.events, config: { timeScale: 600 } });
      await s.start();
      return { core, s, log };
    };
    const stop = async (run: Awaited<ReturnType<typeof open>>) => {
      await run.s.close();
      await run.core.close();
      run.log.close();
    };
    partner = await failFirst(2);
    let run = await open();
    try {
      const first = await run.s.send({ template: template({ url: `${partner.url}/pb?click_id={click_id}`, retry: { kind: 'preset', preset: 'singular' } }), vars: { click_id: 'resume-1' } });
      expect(first.outbox.state).toBe('pending');
      const id = first.outbox.id;
      await stop(run);
      expect(partner.seen).toHaveLength(1);

      run = await open();
      const done = await run.s.waitFor(id, 10_000);
      expect(done.state).toBe('delivered');
      expect(done.attempts).toBe(3);
      expect(partner.seen).toHaveLength(3);
      expect(new Set(partner.seen.map((s) => s.url))).toEqual(new Set(['/pb?click_id=resume-1']));
      const timeline = run.s.outboxItem(id)!.attempts;
      expect(timeline.map((a) => [a.number, a.outcome])).toEqual([[1, 'retry'], [2, 'retry'], [3, 'delivered']]);
      // Singular counts 1 and 5 minutes from the original attempt: at ×600, 100 ms and 500 ms after it.
      expect(timeline[2]!.startedAt - timeline[0]!.startedAt).toBeGreaterThanOrEqual(450);
    } finally {
      await stop(run);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('an attempt interrupted by a close is recorded as outcome unknown; sent again only when the retry policy allows', async () => {
    tc = await startCore();
    // The first request of each send hangs past the close grace (2 s); the rest are answered at once.
    const hung = new Set<string>();
    partner = await scriptedServer((_i, seen, res) => {
      const path = seen.url.split('?')[0]!;
      if (hung.has(path)) return reply(res, 200);
      hung.add(path);
      setTimeout(() => reply(res, 200), 3000);
    });
    sender = await senderFor(tc);
    const retried = await sender.send({ template: template({ url: `${partner.url}/retried`, retry: { kind: 'schedule', delaysMs: [50] } }), wait: 'none' });
    const once = await sender.send({ template: template({ url: `${partner.url}/once` }), wait: 'none' });
    await new Promise((r) => setTimeout(r, 100));
    await sender.close(); // both first attempts are still waiting for their response
    sender = await senderFor(tc);

    const done = await sender.waitFor(retried.outbox.id, 5000);
    expect(done.state).toBe('delivered');
    const timeline = sender.outboxItem(retried.outbox.id)!.attempts;
    expect(timeline.map((a) => [a.number, a.outcome, a.errorCode])).toEqual([[1, 'unknown', 'INTERRUPTED'], [2, 'delivered', null]]);
    const keys = partner.seen.filter((s) => s.url === '/retried').map((s) => s.rawHeaders[s.rawHeaders.indexOf('Idempotency-Key') + 1]);
    expect(keys).toEqual([done.idempotencyKey, done.idempotencyKey]);

    // No retry policy: not sent again, the send ends failed with its one attempt's outcome unknown.
    const item = sender.outboxItem(once.outbox.id)!;
    expect(item.item.state).toBe('failed');
    expect(item.attempts.map((a) => [a.number, a.outcome])).toEqual([[1, 'unknown']]);
    expect(item.item.lastError).toMatch(/^outcome unknown: .*not sent again/);
    expect(partner.seen.filter((s) => s.url === '/once')).toHaveLength(1);
  });
});
