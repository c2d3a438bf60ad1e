import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { freshAttemptLayout, freshAttemptValues, insertFreshAttemptSql } from '../store/attempts-repository.js';
import type { AttemptsRepository } from '../store/attempts-repository.js';
import type { Db } from '../store/open-database.js';
import { finishedOutboxArgs, insertFinishedSql, insertOutExchangeSql, outExchangeLayout, outExchangeValues, type OutboxRepository } from '../store/outbox-repository.js';
import type { RecordEntry } from './journal.js';

export interface RecordIds {
  exchangeId: number;
  outboxId: number;
}

/** Writes recorded postbacks (exchange + outbox row + attempt) in one transaction per batch. */
export interface RecordWriter {
  readonly threaded: boolean;
  write(entries: RecordEntry[]): Promise<RecordIds[]>;
  close(): Promise<void>;
}

/** Same-thread writer: the fallback (in-memory databases, or when the thread cannot start). */
export function inThreadWriter(db: Db, outbox: OutboxRepository, attempts: AttemptsRepository): RecordWriter {
  const write = db.transaction((entries: RecordEntry[]) =>
    entries.map((entry) => {
      const exchangeId = (entry.outbox.exchangeId = outbox.insertOutExchange(entry.exchange, entry.templateId));
      const outboxId = (entry.attempt.outboxId = outbox.insertFinished(entry.outbox));
      attempts.insertFresh(entry.attempt);
      return { exchangeId, outboxId };
    }),
  );
  return { threaded: false, write: async (entries) => write(entries), close: async () => undefined };
}

/**
 * The writer thread: its own connection to the same SQLite file (WAL lets it write while the main
 * connection reads and captures), so a bulk run's inserts cost the event loop one JSON.stringify
 * per batch, not ~30 µs of SQLite per postback. The code is plain CommonJS evaluated in the
 * worker, so it runs the same from tsx, vitest and the compiled app. SQL, value order and which
 * positions hold JSON or BLOBs all come from the repositories, so both writers write identical rows.
 */
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
const exchange = db.prepare(workerData.sql.exchange);
const outbox = db.prepare(workerData.sql.outbox);
const attempt = db.prepare(workerData.sql.attempt);
const { layout } = workerData;
const restore = (values, { json, blob }) => {
  for (const i of json) if (values[i] !== null) values[i] = JSON.stringify(values[i]);
  for (const i of blob) if (values[i] !== null) values[i] = Buffer.from(values[i], 'base64');
  return values;
};
const writeRow = (settings, [e, o, a]) => {
  const exchangeId = Number(exchange.run(...restore(e, layout.exchange)).lastInsertRowid);
  o[0] = exchangeId;
  o[18] = settings[o[18]];
  const outboxId = Number(outbox.run(...o).lastInsertRowid);
  a[0] = outboxId;
  attempt.run(...restore(a, layout.attempt));
  return [exchangeId, outboxId];
};
// Messages are kept small (large strings cost the sender more to post); everything that arrived
// in one turn is written in one transaction, and each message gets its own reply.
const write = db.transaction((messages) => messages.map((m) => {
  const batch = JSON.parse(m.batch);
  return batch.rows.map((row) => writeRow(batch.settings, row));
}));
let queue = [];
const flush = () => {
  const messages = queue;
  queue = [];
  try {
    write.immediate(messages).forEach((ids, i) => parentPort.postMessage({ id: messages[i].id, ids }));
  } catch (error) {
    for (const m of messages) parentPort.postMessage({ id: m.id, error: String((error && error.message) || error) });
  }
};
parentPort.on('message', (message) => {
  if (message.type === 'close') {
    if (queue.length) flush();
    db.close();
    parentPort.postMessage({ type: 'closed' });
    return;
  }
  if (queue.push(message) === 1) setImmediate(flush);
});
parentPort.postMessage({ type: 'ready' });
`;

/** Position of the settings text in finishedOutboxArgs: sent once per batch, referenced by index. */
const settingsAt = 18;

/**
 * A batch as one JSON string of positional values: structured cloning thousands of small values,
 * or JSON with keys, costs the event loop several times more. BLOBs travel as base64.
 */
function serialize(entries: RecordEntry[], outbox: OutboxRepository): string {
  const settings: string[] = [];
  const index = new Map<string, number>();
  const rows = entries.map((e) => {
    const o = finishedOutboxArgs(e.outbox, outbox.settingsText(e.outbox.settings));
    const text = o[settingsAt] as string;
    let at = index.get(text);
    if (at === undefined) index.set(text, (at = settings.push(text) - 1));
    o[settingsAt] = at;
    return [base64At(outExchangeValues(e.exchange, e.templateId), outExchangeLayout.blob), o, base64At(freshAttemptValues(e.attempt), freshAttemptLayout.blob)];
  });
  return JSON.stringify({ settings, rows });
}

function base64At(values: unknown[], positions: readonly number[]): unknown[] {
  for (const i of positions) if (values[i] !== null) values[i] = (values[i] as Buffer).toString('base64');
  return values;
}

interface Pending {
  resolve: (ids: RecordIds[]) => void;
  reject: (error: Error) => void;
}

/**
 * Starts the writer thread for a file-backed database, or returns null (in-memory database, or
 * the thread failed to open it: e.g. a native binding for another ABI). Resolves once it is ready.
 */
export async function startWriterThread(db: Db, outbox: OutboxRepository, nativeBinding?: string): Promise<RecordWriter | null> {
  if (db.memory || !db.name) return null;
  let worker: Worker;
  try {
    worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      nativeBinding,
      sql: { exchange: insertOutExchangeSql, outbox: insertFinishedSql, attempt: insertFreshAttemptSql },
      layout: { exchange: outExchangeLayout, attempt: freshAttemptLayout },
    },
    });
  } catch {
    return null;
  }
  const ready = await new Promise<boolean>((resolve) => {
    worker.once('message', (m: { type?: string }) => resolve(m.type === 'ready'));
    worker.once('error', () => resolve(false));
  });
  if (!ready) {
    await worker.terminate();
    return null;
  }
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  const failAll = (error: Error): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on('message', (m: { id?: number; ids?: Array<[number, number]>; error?: string }) => {
    const waiting = m.id === undefined ? undefined : pending.get(m.id);
    if (!waiting) return;
    pending.delete(m.id!);
    if (pending.size === 0) worker.unref();
    if (m.error !== undefined) waiting.reject(new Error(m.error));
    else waiting.resolve(m.ids!.map(([exchangeId, outboxId]) => ({ exchangeId, outboxId })));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', () => failAll(new Error('the writer thread stopped')));
  // Idle, the thread must not keep a process alive; with writes pending it must (they would be lost).
  worker.unref();

  return {
    threaded: true,
    write(entries) {
      if (closed) return Promise.reject(new Error('the writer thread is closed'));
      const batch = serialize(entries, outbox);
      return new Promise((resolve, reject) => {
        const id = nextId++;
        if (pending.size === 0) worker.ref();
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, batch });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      // Messages are handled in order: every batch posted before this one is written first.
      const done = new Promise<void>((resolve) => {
        worker.on('message', (m: { type?: string }) => m.type === 'closed' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.ref();
      worker.postMessage({ type: 'close' });
      await done;
      await worker.terminate();
    },
  };
}
