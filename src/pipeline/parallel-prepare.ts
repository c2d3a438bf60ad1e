/**
 * The derivation thread's side of the index-row preparer (prepare-thread.ts): while the indexer
 * writes one batch, the preparer thread decodes the next, so on a machine with a spare core a
 * backlog is indexed at the speed of the writes alone. The indexer's batch is synchronous (and a
 * settle runs batches back to back without yielding), so answers are read synchronously: a
 * MessagePort with no listener, read with receiveMessageOnPort, and a shared counter to sleep on.
 * Whenever the preparer has nothing for the place asked (not started, restarted, stale, slow,
 * gone), `take` answers null and the indexer prepares the rows itself: it never waits for long and
 * never depends on this thread.
 */
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { PreparedBatch, PreparedRow } from '../store/index-rows.js';
import type { PreparedSource } from '../store/search-indexer.js';
import type { PrepareAnswer, PrepareRequest, PrepareThreadData } from './prepare-thread.js';

/** Longest a take waits for a batch it asked for before preparing the rows itself. */
const maxWaitMs = 2000;

export interface ParallelPrepareOptions {
  entry: string;
  dbFile: string;
  nativeBinding?: string;
  maxDecodedBytes: number;
  onError: (message: string) => void;
}

/** Pauses before starting a preparer again after it died (the indexer prepares inline meanwhile). */
const restartPausesMs = [1000, 5000, 30_000];

export class ParallelPrepare implements PreparedSource {
  private worker!: Worker;
  private port!: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private alive = false;
  private closed = false;
  private restarts = 0;
  /** The place of the one request out, if any. */
  private asked: number | null = null;
  /** Prepared rows not taken yet, starting right after `after`. */
  private ready: { after: number; rows: PreparedRow[]; full: boolean } | null = null;
  /** A request that failed: thrown to the take that asks for its place (the stage reports and retries). */
  private failure: { after: number; message: string } | null = null;

  constructor(private readonly options: ParallelPrepareOptions) {
    this.spawn();
  }

  private spawn(): void {
    const channel = new MessageChannel();
    const data: PrepareThreadData = {
      dbFile: this.options.dbFile,
      maxDecodedBytes: this.options.maxDecodedBytes,
      port: channel.port2,
      signal: this.signal.buffer as SharedArrayBuffer,
      ...(this.options.nativeBinding ? { nativeBinding: this.options.nativeBinding } : {}),
    };
    const worker = new Worker(new URL(this.options.entry), {
      workerData: data,
      transferList: [channel.port2],
      // Its garbage is short-lived (one batch): a small young generation keeps the app's memory flat.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    this.worker = worker;
    this.port = channel.port1;
    this.asked = null;
    this.ready = null;
    this.alive = true;
    // The derivation thread's own loop decides when it ends: this thread never keeps it alive.
    worker.unref();
    worker.on('error', (error) => this.options.onError(`index preparer: ${error.message}`));
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.alive = false;
      if (this.closed) return;
      // Died on its own (out of memory on a huge body, a bug): the indexer goes on inline, and
      // the preparer comes back after a pause.
      const pause = restartPausesMs[Math.min(this.restarts, restartPausesMs.length - 1)]!;
      this.restarts++;
      setTimeout(() => {
        if (!this.closed) this.spawn();
      }, pause).unref();
    });
  }

  take(afterId: number, limit: number): PreparedBatch | null {
    if (!this.alive) return null;
    if (this.ready?.after !== afterId) this.ready = null;
    if (!this.ready && this.asked === afterId) this.awaitAnswer();
    else this.readArrived();
    const failure = this.failure;
    this.failure = null;
    if (failure?.after === afterId) throw new Error(`index preparer: ${failure.message}`);
    const ready = this.ready as { after: number; rows: PreparedRow[]; full: boolean } | null;
    if (!ready || ready.after !== afterId) return null;
    const rows = ready.rows.splice(0, limit);
    const left = ready.rows.length > 0;
    const full = left || ready.full;
    if (left) ready.after = rows[rows.length - 1]!.id;
    else this.ready = null;
    return { rows, full };
  }

  prefetch(afterId: number, limit: number): void {
    if (!this.alive || this.ready?.after === afterId) return;
    this.readArrived();
    if (this.asked !== null) return;
    this.asked = afterId;
    this.post({ type: 'prepare', afterId, limit });
  }

  /** Asks the preparer thread to checkpoint the WAL; false when it cannot (the caller does it). */
  checkpoint(): boolean {
    if (!this.alive) return false;
    this.post({ type: 'checkpoint' });
    return true;
  }

  endpointsChanged(): void {
    this.post({ type: 'endpoints-changed' });
  }

  close(): void {
    this.post({ type: 'close' });
    this.closed = true;
    this.alive = false;
    this.port.close();
    void this.worker.terminate();
  }

  private post(request: PrepareRequest): void {
    if (this.alive) this.port.postMessage(request);
  }

  /** Takes in the answers already here, without waiting. */
  private readArrived(): void {
    for (let message = receiveMessageOnPort(this.port); message; message = receiveMessageOnPort(this.port)) this.accept(message.message as PrepareAnswer);
  }

  /** Sleeps until the answer to the request out arrives (or maxWaitMs pass). */
  private awaitAnswer(): void {
    const deadline = performance.now() + maxWaitMs;
    while (this.asked !== null && this.alive) {
      const seen = Atomics.load(this.signal, 0);
      this.readArrived();
      if (this.asked === null) return;
      const left = deadline - performance.now();
      if (left <= 0) return;
      Atomics.wait(this.signal, 0, seen, left);
    }
  }

  private accept(answer: PrepareAnswer): void {
    if (answer.afterId === this.asked) this.asked = null;
    if (answer.type === 'failed') this.failure = { after: answer.afterId, message: answer.message };
    else this.ready = { after: answer.afterId, rows: answer.batch.rows, full: answer.batch.full };
  }
}
