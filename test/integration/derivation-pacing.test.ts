/**
 * How the derivation thread shares its time between the index and the other stages. The clock is
 * the test's; the database is a real SQLite file.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Derivation } from '../../src/pipeline/derivation.js';
import { SecretCipher } from '../../src/profiles/secret-cipher.js';
import type { ExchangeRecord } from '../../src/store/exchange-record.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';

let dir = '';
let db: Db | null = null;
let derivation: Derivation | null = null;
afterEach(() => {
  derivation?.close();
  derivation = null;
  db?.close();
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

const record = (n: number): ExchangeRecord => ({
  direction: 'in', method: 'GET', target: `/pb?click_id=c${n}&event=install`, path: '/pb', httpVersion: '1.1', rawHeaders: [['Host', 'x']], contentType: null, body: Buffer.alloc(0), bodySize: 0,
  remoteAddress: '127.0.0.1', remotePort: 1, receivedAt: Date.now(), durationMs: 0, rejected: null, response: null, answeredBy: null, endpointId: null, correlation: null,
});

/** A derivation over `rows` fresh captures whose clock the test moves. */
function setUp(rows: number): { derivation: Derivation; clock: { now: number } } {
  dir = mkdtempSync(join(tmpdir(), 'pi-pacing-'));
  db = openDatabase(join(dir, 'postbacks.sqlite'));
  const clock = { now: 1_000_000 };
  derivation = new Derivation(db, { maxDecodedBytes: 1e6, emit: () => undefined, cipher: new SecretCipher(randomBytes(32), 'test'), now: () => clock.now });
  // The first gentle step under load gives the other stages their turn: take it before the burst.
  derivation.step();
  const exchanges = new ExchangesRepository(db);
  for (let n = 0; n < rows; n += 100) exchanges.insertMany(Array.from({ length: Math.min(100, rows - n) }, (_, i) => record(n + i)));
  return { derivation, clock };
}

describe('derivation pacing', () => {
  it('after a burst, the index catches up first: time under load does not eat its head start', () => {
    const { derivation: d, clock } = setUp(600);
    // Eight seconds of load: small index batches only.
    for (let i = 0; i < 8; i++) {
      clock.now += 1000;
      d.gentleStep();
    }
    const afterLoad = d.progress();
    expect(afterLoad.indexedThrough).toBeGreaterThan(0);
    expect(afterLoad.indexedThrough).toBeLessThan(600);
    expect(afterLoad.verdictsThrough).toBe(0);
    // The load stops: full index batches, and nothing else until the index is caught up.
    clock.now += 100;
    let steps = 0;
    while (d.step()) {
      steps++;
      // Until the index has caught up, no other stage has run.
      if (d.progress().indexedThrough < 600) expect(d.progress().verdictsThrough).toBe(0);
      clock.now += 100;
    }
    expect(steps).toBeGreaterThan(1);
    expect(d.progress().indexedThrough).toBe(600);
    expect(d.progress().verdictsThrough).toBe(600);
  });

  it('under a load that lasts, the other stages still get a batch every ten seconds', () => {
    const { derivation: d, clock } = setUp(600);
    for (let i = 0; i < 9; i++) {
      clock.now += 1000;
      d.gentleStep();
    }
    expect(d.progress().verdictsThrough).toBe(0);
    clock.now += 1000;
    d.gentleStep();
    expect(d.progress().verdictsThrough).toBeGreaterThan(0);
  });

  it('while the receiver is not busy, the others wait behind a lagging index for five seconds at most', () => {
    const { derivation: d, clock } = setUp(2000);
    clock.now += 100;
    expect(d.step()).toBe(true);
    expect(d.progress().verdictsThrough).toBe(0);
    clock.now += 5000;
    d.step();
    expect(d.progress().verdictsThrough).toBeGreaterThan(0);
    expect(d.progress().indexedThrough).toBeLessThan(2000);
  });
});
