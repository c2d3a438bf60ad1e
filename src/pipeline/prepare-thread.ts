/**
 * The index-row preparer: reads committed captures on its own SQLite connection and decodes them
 * into index entries (src/store/index-rows.ts) while the derivation thread writes the previous
 * batch. It never writes a row; it runs the WAL checkpoints, which copy pages beside the writes. Answers go out on a MessagePort the derivation thread reads synchronously,
 * with a shared counter to wake it (see parallel-prepare.ts).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { IndexRowPreparer, type PreparedBatch } from '../store/index-rows.js';
import { openDatabase } from '../store/open-database.js';
import { DefaultCorrelation } from './default-correlation.js';

export interface PrepareThreadData {
  dbFile: string;
  nativeBinding?: string;
  maxDecodedBytes: number;
  port: MessagePort;
  /** One Int32, bumped after every answer. */
  signal: SharedArrayBuffer;
}

export type PrepareRequest =
  | { type: 'prepare'; afterId: number; limit: number }
  /** Copy the WAL into the database file here, beside the derivation thread's writes rather than between them. */
  | { type: 'checkpoint' }
  | { type: 'endpoints-changed' }
  | { type: 'close' };

export type PrepareAnswer = { type: 'prepared'; afterId: number; batch: PreparedBatch } | { type: 'failed'; afterId: number; message: string };

const data = workerData as PrepareThreadData;
const db = openDatabase(data.dbFile, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
// Each row is read once, in order: a large page cache would only hold memory (the default is 16 MB).
db.pragma('cache_size = -2000');
const correlation = new DefaultCorrelation(db, data.maxDecodedBytes);
const preparer = new IndexRowPreparer(db, { maxDecodedBytes: data.maxDecodedBytes, correlate: (row, headers, decoded) => correlation.of(row, headers, decoded) });
const signal = new Int32Array(data.signal);

function answer(message: PrepareAnswer): void {
  data.port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

data.port.on('message', (request: PrepareRequest) => {
  switch (request.type) {
    case 'prepare':
      try {
        answer({ type: 'prepared', afterId: request.afterId, batch: preparer.prepareAfter(request.afterId, request.limit) });
      } catch (error) {
        answer({ type: 'failed', afterId: request.afterId, message: (error as Error).message ?? String(error) });
      }
      return;
    case 'checkpoint':
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Busy or out of space: the next one tries again; the WAL only grows meanwhile.
      }
      return;
    case 'endpoints-changed':
      correlation.endpointsChanged();
      return;
    case 'close':
      data.port.close();
      db.close();
      return;
  }
});
