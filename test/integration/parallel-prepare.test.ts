/**
 * The index-row preparer thread decodes rows ahead of the indexer. Whatever it does, the index
 * must come out exactly as if every row had been prepared inline, and the indexer must never
 * depend on it (stale answers are dropped, a gone preparer means inline preparation).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DefaultCorrelation } from '../../src/pipeline/default-correlation.js';
import { ParallelPrepare } from '../../src/pipeline/parallel-prepare.js';
import { threadEntry } from '../../src/pipeline/thread-entry.js';
import type { ExchangeRecord } from '../../src/store/exchange-record.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';
import { SearchIndexer, type PreparedSource } from '../../src/store/search-indexer.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const record = (n: number): ExchangeRecord => {
  const kind = n % 3;
  const json = kind === 1;
  const body = Buffer.from(kind === 0 ? '' : json ? `{"click_id":1234567890123456789${n % 10},"event":"purchase","note":"row ${n}"}` : `click_id=f${n}&event=lead&payout=1.5`);
  const contentType = kind === 0 ? null : json ? 'application/json' : 'application/x-www-form-urlencoded';
  return {
    direction: 'in', method: kind === 0 ? 'GET' : 'POST', target: kind === 0 ? `/pb?click_id=g${n}&event=install&sub1=caf%C3%A9` : `/pb/${n}`, path: '/pb', httpVersion: '1.1',
    rawHeaders: contentType ? [['Host', 'x'], ['Content-Type', contentType]] : [['Host', 'x']], contentType, body, bodySize: body.length,
    remoteAddress: '127.0.0.1', remotePort: 1, receivedAt: 1_700_000_000_000 + n, durationMs: 0, rejected: null,
    response: { status: 200, rawHeaders: [['Content-Type', 'text/plain']], body: Buffer.from(`ok ${n}`) }, answeredBy: null, endpointId: null, correlation: null,
  };
};

function database(rows: number): { db: Db; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'pi-prepare-'));
  const file = join(dir, 'postbacks.sqlite');
  const db = openDatabase(file);
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const exchanges = new ExchangesRepository(db);
  for (let n = 0; n < rows; n += 200) exchanges.insertMany(Array.from({ length: Math.min(200, rows - n) }, (_, i) => record(n + i)));
  return { db, file };
}

async function preparer(file: string): Promise<ParallelPrepare> {
  const prepare = new ParallelPrepare({ entry: (await threadEntry('prepare-thread')).href, dbFile: file, maxDecodedBytes: 1e6, onError: (message) => expect.fail(message) });
  cleanups.push(() => prepare.close());
  return prepare;
}

/** Counts the batches the preparer served, so a test can tell it really ran. */
function counted(source: PreparedSource): PreparedSource & { served: number } {
  const wrapper = {
    served: 0,
    take: (afterId: number, limit: number) => {
      const batch = source.take(afterId, limit);
      if (batch) wrapper.served++;
      return batch;
    },
    prefetch: (afterId: number, limit: number) => source.prefetch(afterId, limit),
  };
  return wrapper;
}

function indexer(db: Db, source?: PreparedSource): SearchIndexer {
  const correlation = new DefaultCorrelation(db, 1e6);
  return new SearchIndexer(db, { batchSize: 50, maxDecodedBytes: 1e6, correlate: (row, headers, decoded) => correlation.of(row, headers, decoded), ...(source ? { source } : {}) });
}

function indexed(db: Db): unknown {
  return {
    params: db.prepare('SELECT exchange_id, name, value FROM exchange_params ORDER BY exchange_id, name, value').all(),
    text: db.prepare('SELECT rowid, url, body, headers, response FROM exchange_text ORDER BY rowid').all(),
    correlation: db.prepare('SELECT id, correlation FROM exchanges ORDER BY id').all(),
  };
}

describe('parallel index-row preparation', () => {
  it('indexes exactly what inline preparation does, with most batches prepared by the thread', async () => {
    const inline = database(600);
    indexer(inline.db).drain();
    const parallel = database(600);
    const source = counted(await preparer(parallel.file));
    const index = indexer(parallel.db, source);
    index.drain();
    expect(index.progress).toBe(600);
    expect(indexed(parallel.db)).toEqual(indexed(inline.db));
    // 12 batches of 50: the first is prepared inline (nothing was asked yet), the rest ahead.
    expect(source.served).toBeGreaterThanOrEqual(10);
    const json = parallel.db.prepare(`SELECT correlation FROM exchanges WHERE id = 2`).pluck().get();
    expect(json).toBe('click_id=12345678901234567891&event=purchase');
  });

  it('drops rows prepared for a place the indexer left (a clear), and indexes nothing twice', async () => {
    const { db, file } = database(300);
    const source = counted(await preparer(file));
    const index = indexer(db, source);
    expect(index.runBatch()).toBe(true); // asks for the next 50 ahead
    db.exec('DELETE FROM exchange_params; DELETE FROM exchange_text; DELETE FROM exchanges WHERE id <= 200');
    index.reset(); // everything up to 300 is "done" now
    new ExchangesRepository(db).insertMany([record(1000), record(1001)]);
    index.drain();
    expect(index.progress).toBe(302);
    expect(db.prepare('SELECT rowid FROM exchange_text ORDER BY rowid').pluck().all()).toEqual([301, 302]);
    expect(db.prepare('SELECT count(DISTINCT exchange_id) FROM exchange_params').pluck().get()).toBe(2);
  });

  it('goes on inline when the preparer is gone', async () => {
    const { db, file } = database(200);
    const prepare = await preparer(file);
    const source = counted(prepare);
    prepare.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const index = indexer(db, source);
    index.drain();
    expect(index.progress).toBe(200);
    expect(source.served).toBe(0);
    expect(db.prepare('SELECT count(*) FROM exchange_text').pluck().get()).toBe(200);
  });

  it('starts a preparer that died again, and indexes inline until it is back', async () => {
    const { db, file } = database(400);
    const prepare = await preparer(file);
    const source = counted(prepare);
    const index = indexer(db, source);
    expect(index.runBatch()).toBe(true);
    // As if it had died on its own (out of memory): the test reaches for the thread itself.
    await (prepare as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(index.runBatch()).toBe(true); // inline
    const servedWhileGone = source.served;
    // Back after a second's pause: batches come from the thread again.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    index.drain();
    expect(index.progress).toBe(400);
    expect(source.served).toBeGreaterThan(servedWhileGone);
    expect(db.prepare('SELECT count(*) FROM exchange_text').pluck().get()).toBe(400);
  });
});
