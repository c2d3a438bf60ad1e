/**
 * Retention keeps the store bounded: by age and by size, oldest first, in short batches, through
 * the same delete path as the user's (the UI is told), never deleting a pinned baseline or a
 * postback still waiting to be sent; the policy is validated, saved in the data folder and
 * survives a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/index.js';
import type { RetentionStatus } from '../../src/retention/runner.js';
import { openLog, startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore | null = null;
afterEach(async () => {
  await tc?.close();
  tc = null;
});

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const dayMs = 24 * 60 * 60 * 1000;

async function capture(t: TestCore, n: number, body?: Buffer): Promise<number> {
  await fetch(`${t.core.receiverUrl}/pb?click_id=r-${n}`, body ? { method: 'POST', body } : {});
  return t.core.exchanges.maxId();
}

describe('retention', () => {
  it('deletes what is older than the age limit, keeps a pinned baseline and an unsent postback, and tells the UI', async () => {
    tc = await startCore();
    const t = tc;
    const old = [await capture(t, 1), await capture(t, 2), await capture(t, 3)];
    const fresh = await capture(t, 4);
    const endpoint = (await (await t.api('/api/endpoints', json('POST', { name: 'partner', path: '/pb', rules: [{ id: 'ok', responses: [{ status: 200, headers: [], body: 'OK' }] }] }))).json()) as { id: number };
    expect((await t.api(`/api/baselines/endpoint/${endpoint.id}`, json('PUT', { exchangeId: old[0] }))).status).toBe(200);
    // A send to a closed port with a retry an hour out: pending, its exchange must stay.
    const send = await t.api('/api/send', json('POST', { template: { method: 'GET', url: 'http://127.0.0.1:1/pb?click_id=pending', headers: [], body: '', bodyMode: 'none', dialect: 'curly' }, retry: { kind: 'schedule', delaysMs: [3_600_000] }, wait: 'first' }));
    const pendingExchange = ((await send.json()) as { outbox: { exchangeId: number; state: string } }).outbox;
    expect(pendingExchange.state).toBe('pending');
    openLog(t.core).prepare(`UPDATE exchanges SET received_at = ? WHERE id IN (?, ?, ?, ?)`).run(Date.now() - 40 * dayMs, ...old, pendingExchange.exchangeId);

    const told: number[] = [];
    const off = t.core.events.on('deleted', (ids) => told.push(...ids));
    const set = await t.api('/api/settings/retention', json('PUT', { maxAgeDays: 30, maxBytes: null }));
    expect(set.status).toBe(200);
    const run = (await (await t.api('/api/settings/retention/run', { method: 'POST' })).json()) as { deleted: number };
    off();
    const left = new Set(t.core.exchanges.list({ limit: 100 }).map((row) => row.id));
    expect([...left].sort((a, b) => a - b)).toEqual([old[0]!, fresh, pendingExchange.exchangeId].sort((a, b) => a - b));
    expect(told.sort()).toEqual([old[1]!, old[2]!].sort());
    const status = (await (await t.api('/api/settings/retention')).json()) as RetentionStatus;
    expect(status.policy).toEqual({ maxAgeDays: 30, maxBytes: null });
    expect(status.deletedSinceStart).toBeGreaterThanOrEqual(run.deleted);
    // Their index rows went with them.
    expect(openLog(t.core).prepare(`SELECT count(*) FROM exchange_params WHERE exchange_id IN (?, ?)`).pluck().get(old[1], old[2])).toBe(0);
  });

  it('deletes the oldest while the store holds more than the size limit; the newest stay', async () => {
    tc = await startCore();
    const t = tc;
    const body = Buffer.alloc(64 * 1024, 'z');
    for (let n = 0; n < 48; n++) await capture(t, n, body);
    const newest = t.core.exchanges.maxId();
    await t.core.derived.settle();
    const before = (await (await t.api('/api/settings/retention')).json()) as RetentionStatus;
    expect(before.usedBytes).toBeGreaterThan(3 * 1024 * 1024);
    await t.api('/api/settings/retention', json('PUT', { maxAgeDays: null, maxBytes: 2 * 1024 * 1024 }));
    await t.api('/api/settings/retention/run', { method: 'POST' });
    const after = (await (await t.api('/api/settings/retention')).json()) as RetentionStatus;
    console.log(`retention by size: ${before.usedBytes} → ${after.usedBytes} bytes in use, ${t.core.exchanges.count()} of 48 captures kept`);
    expect(after.usedBytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(t.core.exchanges.count()).toBeGreaterThan(0);
    expect(t.core.exchanges.get(newest)).not.toBeNull();
  });

  it('refuses a bad policy with field errors, and keeps a good one across a restart', async () => {
    tc = await startCore();
    const bad = await tc.api('/api/settings/retention', json('PUT', { maxAgeDays: -1, maxBytes: 10, extra: true }));
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { error: { fields: Array<{ field: string }> } }).error.fields.map((f) => f.field).sort();
    expect(fields).toEqual(['extra', 'maxAgeDays', 'maxBytes']);
    expect((await tc.api('/api/settings/retention', json('PUT', { maxAgeDays: 7 }))).status).toBe(200);
    const dataDir = tc.dataDir;
    await tc.core.close();
    const again = await createCore({ dataDir, receiver: { host: '127.0.0.1', port: 0 }, control: { port: 0, uiDir: null } });
    expect(again.retention.status().policy).toEqual({ maxAgeDays: 7, maxBytes: null });
    await again.close();
    tc = { ...tc, close: async () => undefined };
  });
});
