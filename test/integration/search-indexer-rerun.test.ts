/**
 * The index must never stall on a row it finds already indexed (a cursor that fell behind its own
 * writes): the row is indexed again from scratch, once, and the batch goes on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExchangeRecord } from '../../src/store/exchange-record.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import { SearchIndexer } from '../../src/store/search-indexer.js';

let dir = '';
let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
  rmSync(dir, { recursive: true, force: true });
});

const record = (target: string): ExchangeRecord => ({
  direction: 'in', method: 'GET', target, path: '/pb', httpVersion: '1.1', rawHeaders: [['Host', 'x']], contentType: null, body: Buffer.alloc(0), bodySize: 0,
  remoteAddress: '127.0.0.1', remotePort: 1, receivedAt: Date.now(), durationMs: 0, rejected: null, response: null, answeredBy: null, endpointId: null, correlation: null,
});

describe('the search indexer', () => {
  it('indexes a row found already indexed again, once, instead of failing its batch', () => {
    dir = mkdtempSync(join(tmpdir(), 'pi-index-'));
    db = openDatabase(join(dir, 'postbacks.sqlite'));
    const exchanges = new ExchangesRepository(db);
    exchanges.insertMany([record('/pb?click_id=a'), record('/pb?click_id=b')]);
    const options = { batchSize: 100, maxDecodedBytes: 1e6 };
    new SearchIndexer(db, options).drain();
    // The cursor falls behind what is written (as after a crash between two writers).
    db.prepare(`UPDATE meta SET value = '0' WHERE key = 'indexed_through'`).run();
    const again = new SearchIndexer(db, options);
    expect(() => again.drain()).not.toThrow();
    expect(again.progress).toBe(2);
    expect(db.prepare(`SELECT count(*) FROM exchange_text`).pluck().get()).toBe(2);
    expect(db.prepare(`SELECT count(*) FROM exchange_params WHERE name = 'click_id'`).pluck().get()).toBe(2);
    expect(exchanges.list({ limit: 5, params: [['click_id', 'b']] }).map((row) => row.target)).toEqual(['/pb?click_id=b']);
  });
});
