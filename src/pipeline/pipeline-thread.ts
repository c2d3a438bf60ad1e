/**
 * The derivation thread: its own SQLite connection, its own event loop. The receiver's thread only
 * commits captures and tells this one how far it got; everything derived is computed here.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SecretCipher } from '../profiles/secret-cipher.js';
import { openDatabase } from '../store/open-database.js';
import { Derivation } from './derivation.js';
import { LoadMeter } from './load-meter.js';
import type { HostMessage, ThreadMessage } from './messages.js';

export interface ThreadData {
  dbFile: string;
  nativeBinding?: string;
  maxDecodedBytes: number;
  /**
   * The profile secrets key (bytes, not a path: the desktop app's key file is sealed by the OS
   * keychain, which only the main process can open). Cloned into the thread, never logged.
   */
  secretsKey: Uint8Array;
  /** Where the key came from (the key file), for error messages. */
  secretsKeySource: string;
  /** The index-row preparer thread's entry (resolved by the host, see thread-entry.ts). */
  prepareEntry: string;
}

/**
 * While the receiver is busy: one small index batch every this many ms. Deriving continuously
 * during a load is out of the question on two cores: full derivation costs about three times what
 * the capture itself does, and with it the GET ratio fell to 0.71 (index only) and 0.20 (every
 * stage); SQLite's busy handler also sleeps the receiver in whole milliseconds while a write batch
 * holds the lock. The backlog is worked off when the load stops (within 5 s of an 80k burst, with
 * the preparer thread). (Running this thread at the lowest CPU priority was tried and dropped: with
 * anything else keeping the cores busy, a browser, a build, CI's Chromium, the thread can starve.)
 */
const pauseWhileBusyMs = 250;
/** While busy, how often the thread looks whether the load has stopped. */
const busyLookMs = 25;
/** Idle: look for outbox changes (metrics) this often even when nothing is said. */
const idlePollMs = 250;
const checkpointEveryMs = 500;

const port = parentPort;
if (!port) throw new Error('pipeline-thread.ts runs as a worker thread');
const data = workerData as ThreadData;
const post = (message: ThreadMessage): void => port.postMessage(message);

const db = openDatabase(data.dbFile, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
// Checkpoints are run on a timer (checkpoint() below), beside the writes: SQLite's automatic one
// would run inside every commit once the WAL passes 1000 pages, which is all through a backlog.
db.pragma('wal_autocheckpoint = 0');
const cipher = new SecretCipher(data.secretsKey, data.secretsKeySource);
const derivation = new Derivation(db, {
  maxDecodedBytes: data.maxDecodedBytes,
  emit: post,
  cipher,
  parallelPrepare: { entry: data.prepareEntry, dbFile: data.dbFile, ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) },
});
const meter = new LoadMeter();
const settles: number[] = [];
let closing = false;
let wake: (() => void) | null = null;
/** A pause new captures may cut short (idle, receiver not busy); pauses for the receiver's sake are not. */
let wakeOnCapture = false;
let lastCheckpoint = 0;
let lastGentleStepAt = 0;
let lastProgress = '';

port.on('message', (message: HostMessage) => {
  switch (message.type) {
    case 'committed':
      meter.add(message.loopActiveMs, message.loopSpanMs);
      if (wakeOnCapture) wake?.();
      return;
    case 'deleted':
      derivation.deleted(message.ids);
      break;
    case 'cleared':
      derivation.cleared(message.maxId);
      break;
    case 'verdicts-stale':
      break;
    case 'pins-changed':
      derivation.pinsChanged(message.maxId);
      break;
    case 'endpoints-changed':
      derivation.endpointsChanged();
      break;
    case 'relink':
      derivation.relink(message.keys);
      break;
    case 'audience':
      if (message.listening) derivation.listenFrom(message.fromId);
      else derivation.stopListening();
      break;
    case 'settle':
      settles.push(message.id);
      break;
    case 'close':
      closing = true;
      break;
  }
  wake?.();
});

/** A pause of 0 is one turn of the loop (messages get in), not setTimeout's 1 ms: a backlog runs at full speed. */
const pause = (ms: number, wakeable: boolean): Promise<void> =>
  new Promise((resolve) => {
    wakeOnCapture = wakeable;
    const timer = ms > 0 ? setTimeout(done, ms) : null;
    const turn = ms > 0 ? null : setImmediate(done);
    function done(): void {
      if (timer) clearTimeout(timer);
      if (turn) clearImmediate(turn);
      wake = null;
      resolve();
    }
    wake = done;
  });

function reportProgress(): void {
  const progress = derivation.progress();
  const key = JSON.stringify(progress);
  if (key === lastProgress) return;
  lastProgress = key;
  post({ type: 'progress', progress });
}

/**
 * The receiver's connection never checkpoints (that would cost its loop). The preparer thread
 * does, so copying pages does not stop the index writes; this connection only when it is gone.
 */
function checkpoint(): void {
  const now = performance.now();
  if (now - lastCheckpoint < checkpointEveryMs) return;
  lastCheckpoint = now;
  if (derivation.checkpointInParallel()) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or out of space: the next one tries again; the WAL only grows meanwhile.
  }
}

async function loop(): Promise<void> {
  post({ type: 'ready', progress: derivation.progress() });
  while (!closing) {
    if (settles.length > 0) {
      // Someone waits for a consistent answer (tests, the CLI, close): no pacing.
      while (!closing && derivation.step()) reportProgress();
      reportProgress();
      const failures = derivation.currentFailures();
      for (const id of settles.splice(0)) post({ type: 'settled', id, failures });
      continue;
    }
    const busy = meter.busy();
    if (busy) {
      // One small batch per pauseWhileBusyMs, but the load is looked at every busyLookMs, so the
      // backlog starts to be worked off promptly once the load stops.
      const now = performance.now();
      if (now - lastGentleStepAt >= pauseWhileBusyMs) {
        lastGentleStepAt = now;
        derivation.gentleStep();
        reportProgress();
      }
      checkpoint();
      if (closing) break;
      if (settles.length > 0) continue;
      await pause(busyLookMs, false);
      continue;
    }
    const more = derivation.step();
    reportProgress();
    checkpoint();
    if (closing) break;
    if (settles.length > 0) continue;
    await pause(more ? 0 : idlePollMs, !more);
  }
  derivation.close();
  db.close();
  post({ type: 'closed' });
}

void loop();
