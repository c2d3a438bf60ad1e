import type { ExchangeRecord, StoredExchange } from '../store/exchange-record.js';
import type { ExchangesRepository } from '../store/exchanges-repository.js';
import type { AttemptsRepository, NewAttempt } from '../store/attempts-repository.js';
import type { Db } from '../store/open-database.js';
import type { RecordWriter } from './record-writer.js';
import type { AttemptFinish, ExchangeResponseUpdate, FinishedOutboxRow, NewOutboxRow, OutboxRepository } from '../store/outbox-repository.js';

/** Records (bulk runs) wait this long for company, or this many rows: nobody waits on them. */
const recordFlushMs = 10;
/** Rows per write request: small messages post cheaply to the writer thread (it groups them per transaction). */
const recordBatch = 64;

export interface CreateEntry {
  exchange: ExchangeRecord;
  outbox: Omit<NewOutboxRow, 'exchangeId'>;
}

/** A postback recorded after its first attempt: exchange (with response), outbox row and attempt together; ids filled in when written. */
export interface RecordEntry {
  exchange: ExchangeRecord;
  templateId: number | null;
  outbox: FinishedOutboxRow;
  attempt: NewAttempt;
}

export interface FinishEntry {
  /** Closes the attempt opened before the request left (or records one that never was). */
  attempt: NewAttempt;
  outbox: AttemptFinish;
  exchange: ExchangeResponseUpdate;
}

interface Waiting<T, R> {
  entry: T;
  resolve: (result: R) => void;
  reject: (error: Error) => void;
}

/**
 * Group commit for the sender, like the receiver's: every write asked for during one turn of the
 * event loop goes into one transaction. A postback is on disk (exchange + outbox row) before its
 * first byte is sent, and its attempt is on disk before a retry is scheduled, yet a bulk run of
 * thousands pays for a few transactions, not for thousands.
 */
export class SendJournal {
  private creates: Array<Waiting<CreateEntry, { exchangeId: number; outboxId: number }>> = [];
  private finishes: Array<Waiting<FinishEntry, void>> = [];
  private records: Array<Waiting<RecordEntry, { exchangeId: number; outboxId: number }> | { entry: RecordEntry; resolve: null; reject: null }> = [];
  private scheduled = false;
  private recordTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly exchanges: ExchangesRepository,
    private readonly outbox: OutboxRepository,
    private readonly attempts: AttemptsRepository,
    private readonly onCreated: (rows: StoredExchange[]) => void,
    private writer: RecordWriter,
    private readonly onError: (message: string) => void,
  ) {}

  get threaded(): boolean {
    return this.writer.threaded;
  }

  /** Swaps in the writer thread once it is ready (records queued so far go to whichever is current at flush). */
  useWriter(writer: RecordWriter): void {
    this.writer = writer;
  }

  create(entry: CreateEntry): Promise<{ exchangeId: number; outboxId: number }> {
    if (this.closed) return Promise.reject(new Error('the sender is closed'));
    return new Promise((resolve, reject) => {
      this.creates.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  /**
   * After close the write is dropped: the row stays in flight with its attempt open, and the next
   * start records that attempt's outcome as unknown and retries only if the policy allows.
   */
  finish(entry: FinishEntry): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.finishes.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Writes a postback whose first attempt is done, batched over a few milliseconds. Bulk runs use
   * it: a run is not resumable anyway (its remaining conversions live in memory), so its postbacks
   * are written once, after the fact, three inserts each instead of two inserts and three updates.
   * A retry it schedules is on disk before the worker is told (the caller awaits the ids).
   */
  record(entry: RecordEntry): Promise<{ exchangeId: number; outboxId: number }> {
    if (this.closed) return Promise.reject(new Error('the sender is closed'));
    return new Promise((resolve, reject) => {
      this.records.push({ entry, resolve, reject });
      this.scheduleRecords();
    });
  }

  /** As record(), for a postback nobody waits on (its state is final): no promise per postback. */
  recordQuietly(entry: RecordEntry): void {
    if (this.closed) return this.onError('a bulk postback was not recorded: the sender is closed');
    this.records.push({ entry, resolve: null, reject: null });
    this.scheduleRecords();
  }

  private scheduleRecords(): void {
    if (this.records.length >= recordBatch * 8) this.schedule();
    else this.recordTimer ??= setTimeout(() => this.flush(), recordFlushMs);
  }

  flush(): void {
    this.scheduled = false;
    if (this.recordTimer) clearTimeout(this.recordTimer);
    this.recordTimer = null;
    const creates = this.creates;
    const finishes = this.finishes;
    const records = this.records;
    if (creates.length === 0 && finishes.length === 0 && records.length === 0) return;
    this.creates = [];
    this.finishes = [];
    this.records = [];
    let ids: { exchangeIds: number[]; outboxIds: number[] };
    try {
      ids = this.db.transaction(() => {
        const exchangeIds = creates.length ? this.exchanges.insertMany(creates.map((c) => c.entry.exchange)) : [];
        const outboxIds = creates.map((c, i) => {
          const exchangeId = exchangeIds[i]!;
          if (c.entry.outbox.templateId !== null) this.outbox.linkExchangeTemplate(exchangeId, c.entry.outbox.templateId);
          const outboxId = this.outbox.insert({ ...c.entry.outbox, exchangeId });
          // Claimed at creation (the first attempt goes out at once): its attempt is opened in this
          // commit, before the request leaves, so a crash mid-request is visible on the next start.
          if (c.entry.outbox.state === 'in_flight') this.outbox.openAttempt(outboxId, 1, c.entry.outbox.createdAt);
          return outboxId;
        });
        for (const { entry } of finishes) {
          this.attempts.close(entry.attempt);
          this.outbox.finish(entry.outbox);
          this.outbox.updateExchangeResponse(entry.exchange);
        }
        return { exchangeIds, outboxIds };
      })();
    } catch (error) {
      for (const waiting of [...creates, ...finishes]) waiting.reject(error as Error);
      this.writeRecords(records);
      return;
    }
    creates.forEach((c, i) => c.resolve({ exchangeId: ids.exchangeIds[i]!, outboxId: ids.outboxIds[i]! }));
    for (const f of finishes) f.resolve();
    if (creates.length) this.onCreated(creates.map((c, i) => ({ ...c.entry.exchange, id: ids.exchangeIds[i]! })));
    this.writeRecords(records);
  }

  /** Flushes and waits until every record handed over so far is written. */
  async drain(): Promise<void> {
    this.flush();
    while (this.writing.size) await Promise.allSettled([...this.writing]);
  }

  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    await this.writer.close();
  }

  private writeRecords(records: SendJournal['records']): void {
    for (let start = 0; start < records.length; start += recordBatch) {
      const batch = records.slice(start, start + recordBatch);
      const job = this.writer.write(batch.map((r) => r.entry)).then(
        (ids) => {
          batch.forEach((r, i) => r.resolve?.(ids[i]!));
          // The records become the stored rows in place (no copy per postback).
          this.onCreated(batch.map((r, i) => Object.assign(r.entry.exchange, { id: ids[i]!.exchangeId })));
        },
        (error: Error) => {
          let quiet = 0;
          for (const r of batch) r.reject ? r.reject(error) : quiet++;
          if (quiet) this.onError(`${quiet} bulk postbacks were not recorded: ${error.message}`);
        },
      );
      this.writing.add(job);
      void job.finally(() => this.writing.delete(job));
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }
}
