/**
 * Outbox exactly-once as far as the app can (issue #11): a send in flight when `serve` is killed
 * with SIGKILL leaves a committed, open attempt; the next start records it as "outcome unknown"
 * and lets the send's retry policy decide. The partner here holds each first request unanswered,
 * so the kill always lands mid-attempt, and it counts what it saw: the history must match it.
 * Needs the built app (`npm run build:core`): it runs bin/postback-inspector.js as a user would.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptView, OutboxItem, TemplateSpec } from '../../src/model/sender.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Seen {
  path: string;
  idempotencyKey: string | undefined;
}

/** A partner that never answers the first request to a path (the kill comes first) and answers 200 after. */
async function holdingPartner() {
  const seen: Seen[] = [];
  const held: ServerResponse[] = [];
  const waiters: Array<{ path: string; resolve: () => void }> = [];
  const server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const first = !seen.some((s) => s.path === path);
      seen.push({ path, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      for (const w of waiters.filter((w) => w.path === path)) w.resolve();
      if (first) held.push(res);
      else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    of: (path: string) => seen.filter((s) => s.path === path),
    /** Resolves once a request to `path` has arrived (so the sender's attempt is on the wire). */
    arrived: (path: string) => (seen.some((s) => s.path === path) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ path, resolve }))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const template = (url: string, retry: TemplateSpec['retry']): TemplateSpec => ({ name: 'exactly-once', method: 'GET', url, headers: [], bodyMode: 'none', body: '', dialect: 'curly', retry });

async function api<T>(app: ServeProcess, path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`${app.controlUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${app.token}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

type Detail = { item: OutboxItem; attempts: AttemptView[] };

async function waitForState(app: ServeProcess, id: number, states: string[], timeoutMs = 10_000): Promise<Detail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const detail = await api<Detail>(app, `/api/outbox/${id}`);
    if (states.includes(detail.item.state)) return detail;
    if (Date.now() > until) throw new Error(`outbox ${id} is still ${detail.item.state} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function kill9(app: ServeProcess): Promise<void> {
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGKILL');
  await exited;
}

describe('an outbox send interrupted by kill -9', () => {
  it('is recorded as outcome unknown, then retried with the same Idempotency-Key only when its policy allows', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pi-once-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const partner = await holdingPartner();
    cleanups.push(() => partner.close());

    const first = await startServe([], { dataDir });
    cleanups.push(() => (first.child.exitCode === null && first.child.signalCode === null ? kill9(first) : undefined));
    // One send whose policy retries (50 ms after a failure), one that is never retried.
    const retried = await api<{ outbox: OutboxItem }>(first, '/api/send', { method: 'POST', body: { template: template(`${partner.url}/retried`, { kind: 'schedule', delaysMs: [50] }), wait: 'none' } });
    const once = await api<{ outbox: OutboxItem }>(first, '/api/send', { method: 'POST', body: { template: template(`${partner.url}/once`, { kind: 'none' }), wait: 'none' } });
    await Promise.all([partner.arrived('/retried'), partner.arrived('/once')]);
    // On the wire and unanswered: the history knows only that the send is in flight (open attempts are not results).
    const before = await api<Detail>(first, `/api/outbox/${retried.outbox.id}`);
    expect(before.item.state).toBe('in_flight');
    expect(before.attempts).toEqual([]);
    await kill9(first);

    const second = await startServe([], { dataDir });
    cleanups.push(() => second.stop());

    // The retrying send: attempt 1 outcome unknown, attempt 2 delivered, both with the key the outbox holds.
    const done = await waitForState(second, retried.outbox.id, ['delivered', 'failed']);
    expect(done.item.state).toBe('delivered');
    expect(done.attempts.map((a) => [a.number, a.outcome, a.status, a.errorCode])).toEqual([
      [1, 'unknown', null, 'INTERRUPTED'],
      [2, 'delivered', 200, null],
    ]);
    expect(done.attempts[0]!.verdict).toMatch(/^outcome unknown: .*retried per the retry policy/);
    expect(done.item.idempotencyKey).toBe(retried.outbox.idempotencyKey);
    expect(partner.of('/retried').map((s) => s.idempotencyKey)).toEqual([done.item.idempotencyKey, done.item.idempotencyKey]);
    // The timeline per exchange tells the same story.
    const byExchange = await api<AttemptView[]>(second, `/api/exchanges/${done.item.exchangeId}/attempts`);
    expect(byExchange.map((a) => a.outcome)).toEqual(['unknown', 'delivered']);

    // The no-retry send: marked outcome unknown and ended, never sent again.
    const ended = await api<Detail>(second, `/api/outbox/${once.outbox.id}`);
    expect(ended.item.state).toBe('failed');
    expect(ended.item.attempts).toBe(1);
    expect(ended.item.lastError).toMatch(/^outcome unknown: .*not sent again/);
    expect(ended.attempts.map((a) => [a.number, a.outcome, a.errorCode])).toEqual([[1, 'unknown', 'INTERRUPTED']]);
    // Long enough for a wrong resend (due at once) to reach the partner.
    await new Promise((r) => setTimeout(r, 500));

    // The partner saw exactly what the history says: one request per recorded attempt.
    expect(partner.of('/once')).toHaveLength(ended.attempts.length);
    expect(partner.of('/retried')).toHaveLength(done.attempts.length);
    expect(partner.seen).toHaveLength(3);
  });
});
