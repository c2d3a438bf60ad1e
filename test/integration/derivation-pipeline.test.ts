import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeSummary } from '../../src/model/exchange.js';
import { openLog, startCore, type TestCore } from '../helpers/core.js';

let tc: TestCore;
beforeAll(async () => {
  tc = await startCore();
});
afterAll(async () => tc.close());

const eventually = async <T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> => {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('the derivation pipeline (its own thread, after commit)', () => {
  // How fast is the bench's business (npm run bench:capture prints the idle find latency).
  it('makes a capture findable by param without being asked, with its default correlation filled in', async () => {
    expect((await fetch(`${tc.core.receiverUrl}/pb?click_id=fast-1&event=install`)).status).toBe(200);
    const found = await eventually(() => tc.core.exchanges.list({ limit: 1, params: [['click_id', 'fast-1']] })[0]);
    expect(tc.core.exchanges.get(found.id)!.correlation).toBe('click_id=fast-1&event=install');
  });

  it('pushes each new capture once, already enriched: key params, verdict, duplicate flag', async () => {
    const pushed: ExchangeSummary[] = [];
    const stopWatching = tc.core.derived.watch(tc.core.exchanges.maxId());
    const off = tc.core.events.on('derived', (rows) => pushed.push(...rows));
    try {
      await fetch(`${tc.core.receiverUrl}/pb?click_id=live-1&event=purchase&payout=2.50`);
      await fetch(`${tc.core.receiverUrl}/pb?click_id=live-1&event=purchase&payout=2.50`);
      await tc.core.derived.settle();
      const rows = await eventually(() => (pushed.length >= 2 ? pushed : undefined));
      expect(rows.map((r) => r.duplicate)).toEqual([false, true]);
      expect(rows[0]!.keyParams).toEqual(expect.arrayContaining([{ name: 'click_id', value: 'live-1' }]));
      expect(rows[0]!.verdict).toMatchObject({ exchangeId: rows[0]!.id, status: expect.any(String) });
      // The list answers with the same derived facts.
      const page = (await (await tc.api(`/api/exchanges?limit=2`)).json()) as { items: ExchangeSummary[] };
      expect(page.items.map((r) => [r.id, r.duplicate, r.verdict?.status])).toEqual([...rows].reverse().map((r) => [r.id, r.duplicate, r.verdict?.status]));
    } finally {
      off();
      stopWatching();
    }
  });

  it('reports a failing stage in the status, keeps the other stages going, and recovers by itself', async () => {
    openLog(tc.core).exec(`CREATE TRIGGER refuse_verdicts BEFORE INSERT ON verdicts BEGIN SELECT RAISE(ABORT, 'the disk says no'); END;`);
    try {
      await fetch(`${tc.core.receiverUrl}/pb?click_id=stuck-1`);
      await expect(tc.core.derived.settle()).rejects.toThrow(/verdicts: the disk says no/);
      const status = (await (await tc.api('/api/status')).json()) as { derivation: { state: string; failures: Array<{ stage: string }> } };
      expect(status.derivation.state).toBe('running');
      expect(status.derivation.failures.map((f) => f.stage)).toEqual(['verdicts']);
      // The index does not wait for the broken stage.
      expect(tc.core.exchanges.list({ limit: 1, params: [['click_id', 'stuck-1']] })).toHaveLength(1);
      // The receiver is untouched.
      expect((await fetch(`${tc.core.receiverUrl}/pb?click_id=stuck-2`)).status).toBe(200);
    } finally {
      openLog(tc.core).exec(`DROP TRIGGER refuse_verdicts`);
    }
    await eventually(() => (tc.core.derived.status().failures.length === 0 ? true : undefined), 10_000);
    await tc.core.derived.settle();
    const id = tc.core.exchanges.maxId();
    expect(openLog(tc.core).prepare('SELECT count(*) FROM verdicts WHERE exchange_id = ?').pluck().get(id)).toBe(1);
  });
});
