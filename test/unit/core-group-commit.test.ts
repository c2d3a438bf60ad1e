import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupCommitter } from '../../src/receiver/group-commit.js';
import type { ExchangeRecord, StoredExchange } from '../../src/store/exchange-record.js';
import { ExchangesRepository } from '../../src/store/exchanges-repository.js';
import { openDatabase, type Db } from '../../src/store/open-database.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function record(n: number, overrides: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    direction: 'in',
    method: 'GET',
    target: `/pb?click_id=c${n}`,
    path: '/pb',
    httpVersion: '1.1',
    rawHeaders: [['Host', '127.0.0.1:4100']],
    contentType: null,
    body: Buffer.alloc(0),
    bodySize: 0,
    remoteAddress: '127.0.0.1',
    remotePort: 50000 + n,
    receivedAt: 1_700_000_000_000 + n,
    durationMs: 0.1,
    rejected: null,
    response: { status: 200, rawHeaders: [['Content-Type', 'text/plain']], body: Buffer.from('OK') },
    answeredBy: 'test',
    endpointId: null,
    correlation: null,
    ...overrides,
  };
}

describe('GroupCommitter (real SQLite file)', () => {
  let dir: string;
  let dbFile: string;
  let db: Db;
  let repository: ExchangesRepository;
  /** A second connection: what another reader (or a restart) would see on disk. */
  let reader: Database.Database;
  let committed: StoredExchange[][];
  const limits = { maxQueuedCaptures: 100, maxQueuedBytes: 1024 * 1024 };
  const onCommitted = (rows: StoredExchange[]) => committed.push(rows);
  const countOnDisk = (): number => reader.prepare('SELECT count(*) FROM exchanges').pluck().get() as number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pbi-group-commit-'));
    dbFile = join(dir, 'log.sqlite');
    db = openDatabase(dbFile);
    repository = new ExchangesRepository(db);
    reader = new Database(dbFile, { readonly: true });
    committed = [];
  });

  afterEach(() => {
    vi.restoreAllMocks();
    reader.close();
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits everything queued in one turn in one transaction, flushed on the next turn', async () => {
    const insertMany = vi.spyOn(repository, 'insertMany');
    const committer = new GroupCommitter(repository, limits, onCommitted);
    const promises = [1, 2, 3].map((n) => committer.enqueue(record(n))!);
    expect(committer.depth).toBe(3);
    // Nothing is written synchronously: the flush waits for setImmediate.
    expect(insertMany).not.toHaveBeenCalled();
    expect(countOnDisk()).toBe(0);

    const ids = await Promise.all(promises);
    expect(insertMany).toHaveBeenCalledTimes(1);
    expect(insertMany.mock.calls[0]![0]).toHaveLength(3);
    expect(ids).toHaveLength(3);
    expect(ids[1]).toBe(ids[0]! + 1);
    expect(ids[2]).toBe(ids[0]! + 2);
    expect(committer.depth).toBe(0);
    expect(committed).toHaveLength(1);
    expect(committed[0]!.map((r) => [r.id, r.target])).toEqual(ids.map((id, i) => [id, `/pb?click_id=c${i + 1}`]));
    expect(repository.get(ids[2]!)).toMatchObject({ target: '/pb?click_id=c3', remotePort: 50003 });
  });

  it('settles a promise only once its row is visible to another connection', async () => {
    const committer = new GroupCommitter(repository, limits, onCommitted);
    const seen: number[] = [];
    await Promise.all(
      [1, 2].map((n) =>
        committer.enqueue(record(n))!.then((id) => {
          seen.push(reader.prepare('SELECT count(*) FROM exchanges WHERE id = ?').pluck().get(id) as number);
        }),
      ),
    );
    expect(seen).toEqual([1, 1]);
  });

  it('makes one commit per turn when captures arrive in different turns', async () => {
    const insertMany = vi.spyOn(repository, 'insertMany');
    const committer = new GroupCommitter(repository, limits, onCommitted);
    const a = committer.enqueue(record(1))!;
    const b = committer.enqueue(record(2))!;
    await nextTurn();
    const c = committer.enqueue(record(3))!;
    await Promise.all([a, b, c]);
    expect(insertMany.mock.calls.map((call) => call[0].length)).toEqual([2, 1]);
    expect(committed.map((rows) => rows.length)).toEqual([2, 1]);
    expect(countOnDisk()).toBe(3);
  });

  it('refuses (null) when the queue is full by count, and accepts again after the flush', async () => {
    const committer = new GroupCommitter(repository, { maxQueuedCaptures: 2, maxQueuedBytes: 1024 * 1024 }, onCommitted);
    const a = committer.enqueue(record(1));
    const b = committer.enqueue(record(2));
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(committer.enqueue(record(3))).toBeNull();
    expect(committer.depth).toBe(2);
    await Promise.all([a, b]);
    expect(countOnDisk()).toBe(2);
    const c = committer.enqueue(record(4));
    expect(c).not.toBeNull();
    await c;
    expect(countOnDisk()).toBe(3);
  });

  it('refuses (null) when the queued bodies would exceed the byte limit', async () => {
    const committer = new GroupCommitter(repository, { maxQueuedCaptures: 100, maxQueuedBytes: 100 }, onCommitted);
    const body = (size: number) => ({ body: Buffer.alloc(size, 0x61), bodySize: size });
    const a = committer.enqueue(record(1, body(60)));
    expect(a).not.toBeNull();
    expect(committer.enqueue(record(2, body(41)))).toBeNull();
    const b = committer.enqueue(record(3, body(40))); // exactly 100 bytes queued
    expect(b).not.toBeNull();
    await Promise.all([a, b]);
    // The byte budget is released by the flush.
    const c = committer.enqueue(record(4, body(100)));
    expect(c).not.toBeNull();
    await c;
    expect(countOnDisk()).toBe(3);
  });

  it('rejects every waiting promise when the write fails, stores none of them, and keeps working', async () => {
    const committer = new GroupCommitter(repository, limits, onCommitted);
    // One row the schema refuses (direction CHECK) fails the whole transaction.
    const promises = [
      committer.enqueue(record(1))!,
      committer.enqueue(record(2, { direction: 'sideways' as ExchangeRecord['direction'] }))!,
      committer.enqueue(record(3))!,
    ];
    const results = await Promise.allSettled(promises);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) expect((r as PromiseRejectedResult).reason.message).toMatch(/CHECK constraint failed/);
    expect(committed).toEqual([]);
    expect(countOnDisk()).toBe(0);
    expect(committer.depth).toBe(0);

    const id = await committer.enqueue(record(4))!;
    expect(repository.get(id)?.target).toBe('/pb?click_id=c4');
    expect(committed).toHaveLength(1);
  });

  it('rejects every waiting promise when the database is gone', async () => {
    const committer = new GroupCommitter(repository, limits, onCommitted);
    const promises = [committer.enqueue(record(1))!, committer.enqueue(record(2))!];
    db.close();
    const results = await Promise.allSettled(promises);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(committed).toEqual([]);
  });

  it('flush() writes what is queued at once (close path), and the scheduled flush then finds nothing', async () => {
    const insertMany = vi.spyOn(repository, 'insertMany');
    const committer = new GroupCommitter(repository, limits, onCommitted);
    const promise = committer.enqueue(record(1))!;
    committer.flush();
    expect(countOnDisk()).toBe(1);
    expect(await promise).toBeGreaterThan(0);
    await nextTurn();
    expect(insertMany).toHaveBeenCalledTimes(1);
    expect(committed).toHaveLength(1);
  });
});
