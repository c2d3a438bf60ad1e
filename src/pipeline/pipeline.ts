/**
 * The receiver's side of the derivation pipeline: starts the thread, tells it what was committed,
 * turns what it reports into core events, and keeps it alive. A thread that dies (a bug, a full
 * disk) is reported in the status and restarted after a pause; the receiver never notices.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { CoreError } from '../errors.js';
import type { CoreEvents } from '../events.js';
import type { PipelineProgress, PipelineStatus, StageFailure } from '../model/derivation.js';
import type { HostMessage, ThreadMessage } from './messages.js';
import { threadEntry } from './thread-entry.js';
import type { ThreadData } from './pipeline-thread.js';

export interface DerivationPipeline {
  committed(count: number, maxId: number): void;
  deleted(ids: number[]): void;
  cleared(maxId: number): void;
  verdictsStale(): void;
  pinsChanged(maxIdAtPin: number): void;
  endpointsChanged(): void;
  relink(keys: string[]): void;
  /**
   * Live rows are built only while someone watches: one call per watcher, undone by the returned
   * function. Rows above `fromId` (the newest id when the watcher arrived) are owed to it.
   */
  watch(fromId: number): () => void;
  /** Resolves once everything committed so far is derived; rejects with the failing stages. */
  settle(timeoutMs?: number): Promise<void>;
  progress(): PipelineProgress;
  status(): PipelineStatus;
  close(): Promise<void>;
}

const restartPauseMs = [250, 1000, 5000, 30_000];
const closeTimeoutMs = 5000;
/** Longest a commit notice waits before it is sent (batching them under load). */
const noticeEveryMs = 10;

export function startPipeline(data: Omit<ThreadData, 'prepareEntry'>, events: CoreEvents): DerivationPipeline {
  let worker: Worker | null = null;
  let state: PipelineStatus['state'] = 'starting';
  let progress: PipelineProgress = { indexedThrough: 0, verdictsThrough: 0, baselinesThrough: 0, metricsThrough: 0 };
  const failures = new Map<string, StageFailure>();
  let restarts = 0;
  let lastError: string | null = null;
  let watchers = 0;
  /** Where the current watchers' live rows start (sent again to a restarted thread). */
  let watchedFrom = 0;
  let nextSettle = 1;
  const settles = new Map<number, { resolve: () => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  let restartTimer: NodeJS.Timeout | null = null;
  let onClosed: (() => void) | null = null;

  const send = (message: HostMessage): void => {
    worker?.postMessage(message);
  };
  // Commit notices are coalesced: under load a message per group commit cost the receiver's loop
  // as much as the insert itself. The thread needs the rate and the newest id, not every commit.
  let pendingCount = 0;
  let pendingMaxId = 0;
  let noticeTimer: NodeJS.Timeout | null = null;
  // Read once per notice (not per commit): how busy the receiver's loop was since the last one.
  let loopMark = performance.eventLoopUtilization();
  const flushNotice = (): void => {
    noticeTimer = null;
    if (pendingCount === 0) return;
    const now = performance.eventLoopUtilization();
    const loop = performance.eventLoopUtilization(now, loopMark);
    loopMark = now;
    send({ type: 'committed', maxId: pendingMaxId, loopActiveMs: loop.active, loopSpanMs: loop.active + loop.idle });
    pendingCount = 0;
  };

  const onMessage = (message: ThreadMessage): void => {
    switch (message.type) {
      case 'ready':
        state = 'running';
        progress = message.progress;
        if (watchers > 0) send({ type: 'audience', listening: true, fromId: watchedFrom });
        for (const id of settles.keys()) send({ type: 'settle', id });
        return;
      case 'progress':
        if (message.progress.indexedThrough !== progress.indexedThrough) events.emit('indexed', message.progress.indexedThrough);
        progress = message.progress;
        return;
      case 'exchanges':
        events.emit('derived', message.items);
        return;
      case 'exchanges-updated':
        events.emit('derived-updated', message.items);
        return;
      case 'overflow':
        events.emit('derived-overflow', message.count);
        return;
      case 'verdicts':
        events.emit('verdicts', message.items);
        return;
      case 'baseline-results':
        events.emit('baseline-results', message.items);
        return;
      case 'metrics-delta':
        events.emit('metrics-delta', message.rows);
        return;
      case 'stage-failed':
        failures.set(message.failure.stage, message.failure);
        lastError = `${message.failure.stage}: ${message.failure.message}`;
        events.emit('error', `derivation ${lastError}`);
        return;
      case 'stage-recovered':
        failures.delete(message.stage);
        return;
      case 'settled': {
        const waiting = settles.get(message.id);
        if (!waiting) return;
        settles.delete(message.id);
        clearTimeout(waiting.timer);
        if (message.failures.length) waiting.reject(new CoreError('PIPELINE_STOPPED', message.failures.map((f) => `${f.stage}: ${f.message}`).join('; ')));
        else waiting.resolve();
        return;
      }
      case 'closed':
        onClosed?.();
        return;
    }
  };

  const spawn = (): void => {
    // The preparer's entry is resolved here, once per process: from the sources it is bundled, and
    // the derivation thread (a fresh isolate at every start) would bundle it again each time.
    Promise.all([threadEntry('pipeline-thread'), threadEntry('prepare-thread')]).then(start, (error: Error) => {
      lastError = `derivation thread: ${error.message}`;
      events.emit('error', lastError);
    });
  };
  const start = ([entry, prepareEntry]: [URL, URL]): void => {
    if (state === 'closed') return;
    const thread = new Worker(entry, {
      workerData: { ...data, prepareEntry: prepareEntry.href } satisfies ThreadData,
      // Its garbage lives for one batch: a smaller young generation than V8's default keeps the
      // app's memory flat through a backlog at no measurable cost in speed.
      resourceLimits: { maxYoungGenerationSizeMb: 12 },
    });
    worker = thread;
    thread.on('message', onMessage);
    thread.on('error', (error) => {
      lastError = `derivation thread: ${error.message}`;
      events.emit('error', lastError);
    });
    thread.on('exit', (code) => {
      if (worker === thread) worker = null;
      if (state === 'closed') return onClosed?.();
      // Died on its own: say so, then start again (it resumes from its cursors in meta).
      lastError ??= `derivation thread exited (code ${code})`;
      state = 'restarting';
      const pause = restartPauseMs[Math.min(restarts, restartPauseMs.length - 1)]!;
      restarts++;
      restartTimer = setTimeout(() => {
        restartTimer = null;
        if (state !== 'closed') spawn();
      }, pause);
      restartTimer.unref();
    });
  };
  spawn();

  return {
    committed(count, maxId) {
      pendingCount += count;
      pendingMaxId = Math.max(pendingMaxId, maxId);
      noticeTimer ??= setTimeout(flushNotice, noticeEveryMs);
    },
    deleted: (ids) => send({ type: 'deleted', ids }),
    cleared: (maxId) => send({ type: 'cleared', maxId }),
    verdictsStale: () => send({ type: 'verdicts-stale' }),
    pinsChanged: (maxId) => send({ type: 'pins-changed', maxId }),
    endpointsChanged: () => send({ type: 'endpoints-changed' }),
    relink: (keys) => send({ type: 'relink', keys }),
    watch(fromId) {
      watchedFrom = watchers === 0 ? fromId : Math.min(watchedFrom, fromId);
      watchers++;
      send({ type: 'audience', listening: true, fromId });
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (--watchers === 0) send({ type: 'audience', listening: false });
      };
    },
    settle(timeoutMs = 30_000) {
      if (state === 'closed') return Promise.reject(new CoreError('PIPELINE_STOPPED', 'closed'));
      flushNotice();
      const id = nextSettle++;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          settles.delete(id);
          reject(new CoreError('PIPELINE_STOPPED', `not caught up after ${timeoutMs} ms`));
        }, timeoutMs);
        settles.set(id, { resolve, reject, timer });
        // Asked again on 'ready' if the thread is (re)starting.
        if (state === 'running') send({ type: 'settle', id });
      });
    },
    progress: () => progress,
    status: () => ({ state, failures: [...failures.values()], restarts, lastError, progress }),
    async close() {
      if (state === 'closed') return;
      state = 'closed';
      if (restartTimer) clearTimeout(restartTimer);
      if (noticeTimer) clearTimeout(noticeTimer);
      for (const [id, waiting] of settles) {
        clearTimeout(waiting.timer);
        waiting.reject(new CoreError('PIPELINE_STOPPED', 'closed'));
        settles.delete(id);
      }
      const thread = worker;
      if (!thread) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => void thread.terminate().then(() => resolve()), closeTimeoutMs);
        onClosed = () => {
          clearTimeout(timer);
          resolve();
        };
        thread.postMessage({ type: 'close' } satisfies HostMessage);
      });
      await thread.terminate();
    },
  };
}
