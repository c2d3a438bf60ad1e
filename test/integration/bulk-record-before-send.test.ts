/**
 * A bulk run that asks for it (`recordBeforeSend`) writes each postback's outbox row and open
 * attempt before the request leaves, as single sends do, so a crash mid-run cannot leave sends on
 * the wire that the history lacks. By default bulk runs record after the first attempt, in batches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sender } from '../../src/sender/index.js';
import { openLog, startCore, type TestCore } from '../helpers/core.js';
import { scriptedServer, senderFor, template, type ScriptedServer } from './sender-helpers.js';

let tc: TestCore;
let sender: Sender;
let partner: ScriptedServer;
/** For each request the partner got: was its own attempt row open (written, not closed) at that moment? */
const openOnArrival: boolean[] = [];

beforeAll(async () => {
  tc = await startCore();
  sender = await senderFor(tc);
  const openAttempt = openLog(tc.core).prepare(`SELECT count(*) FROM attempts a JOIN outbox o ON o.id = a.outbox_id WHERE a.outcome = 'in_flight' AND o.url = ?`).pluck();
  partner = await scriptedServer((_n, seen, res) => {
    openOnArrival.push((openAttempt.get(partner.url + seen.url) as number) === 1);
    res.end('ok');
  });
});
afterAll(async () => {
  await partner.close();
  await sender.close();
  await tc.close();
});

async function run(prefix: string, recordBeforeSend: boolean | undefined) {
  openOnArrival.length = 0;
  const bulk = sender.bulk({
    template: template({ url: `${partner.url}/pb?click_id={click_id}` }),
    count: 20,
    concurrency: 4,
    generators: { click_id: { kind: 'sequence', prefix } },
    ...(recordBeforeSend === undefined ? {} : { recordBeforeSend }),
  });
  const summary = await bulk.done;
  return { summary, items: sender.outbox({ limit: 100, bulkId: bulk.id }) };
}

describe('bulk runs recorded before each send', () => {
  it('has every postback on disk with an open attempt when its request arrives, and closes them all', async () => {
    const { summary, items } = await run('before-', true);
    expect(openOnArrival).toEqual(Array(20).fill(true));
    expect(summary.delivered).toBe(20);
    expect(items).toHaveLength(20);
    expect(items.every((i) => i.state === 'delivered')).toBe(true);
    expect(openLog(tc.core).prepare(`SELECT count(*) FROM attempts WHERE outcome = 'in_flight'`).pluck().get()).toBe(0);
  });

  it('records after the first attempt by default (nothing of the postback is on disk while it travels)', async () => {
    const { summary, items } = await run('after-', undefined);
    expect(openOnArrival).toEqual(Array(20).fill(false));
    expect(summary.delivered).toBe(20);
    expect(items).toHaveLength(20);
  });

  it('refuses a recordBeforeSend that is not a boolean', async () => {
    const res = await tc.api('/api/bulk', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: template({ url: `${partner.url}/pb` }), count: 1, recordBeforeSend: 'yes' }),
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('recordBeforeSend');
  });
});
