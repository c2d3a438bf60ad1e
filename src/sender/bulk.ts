import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BulkProgress, BulkSummary, OutboxState } from '../model/sender.js';
import { FailurePicker } from '../shared/injected-failure.js';
import { makeValues } from './generators.js';
import type { Prepared } from './requests.js';
import type { SenderEvents } from './sender-events.js';
import type { BulkInput, BulkRun } from './sender-types.js';
import { summarizeLatency } from './stats.js';

export interface BulkContext {
  /** The run's template, compiled once, expanded for one conversion's values; `fail` adds the failure marker. */
  prepare(vars: Record<string, string>, fail: boolean): Prepared;
  /** Delivers one conversion's postback (retries included) and records it; resolves with the final state. */
  deliver(prepared: Prepared, bulkId: string): Promise<OutboxState>;
  events: SenderEvents;
  isClosed(): boolean;
  /** Writes what the run still has queued, so its summary describes what is on disk. */
  flush(): Promise<void>;
  /** Attempts and retried postbacks of the run, as written (read after flush). */
  tally(bulkId: string): { attempts: number; retried: number };
}

const progressEveryMs = 100;

/**
 * "Simulate N conversions": each conversion gets its generated values, is queued and delivered
 * like any send (same outbox, same retries), with at most `concurrency` in flight and at most
 * `ratePerSecond` started per second. Latency is conversion → delivered postback, retries included.
 */
export function startBulk(context: BulkContext, input: BulkInput): BulkRun {
  const id = randomUUID();
  const total = input.count;
  const values = makeValues(input.generators ?? {});
  const concurrency = Math.min(1000, Math.max(1, Math.floor(input.concurrency ?? 10)));
  const rate = input.ratePerSecond && input.ratePerSecond > 0 ? input.ratePerSecond : 0;
  const percent = input.failurePercent ?? 0;
  const seed = input.failureSeed ?? 1;
  const picker = percent > 0 ? new FailurePicker(total, percent, seed) : null;
  const progress: BulkProgress = { bulkId: id, total, sent: 0, completed: 0, delivered: 0, failed: 0, refused: 0, injected: 0, done: false };
  const latencies: number[] = [];
  const started = performance.now();
  let next = 0;
  let cancelled = false;
  let lastEmit = 0;

  const emitProgress = (force: boolean): void => {
    if (!context.events.has('bulk-progress')) return;
    const now = performance.now();
    if (!force && now - lastEmit < progressEveryMs) return;
    lastEmit = now;
    context.events.emit('bulk-progress', { ...progress });
  };

  const one = async (index: number, fail: boolean): Promise<void> => {
    const conversionAt = performance.now();
    const prepared = context.prepare({ ...input.vars, ...values(index) }, fail);
    if (prepared.unsendable || (prepared.problems.length > 0 && !input.sendAnyway)) {
      progress.refused += 1;
      return emitProgress(false);
    }
    progress.sent += 1;
    if (fail) progress.injected += 1;
    const state = await context.deliver(prepared, id);
    progress.completed += 1;
    if (state === 'delivered') {
      progress.delivered += 1;
      latencies.push(performance.now() - conversionAt);
    } else progress.failed += 1;
    emitProgress(false);
  };

  const worker = async (): Promise<void> => {
    while (!cancelled && !context.isClosed() && next < total) {
      const index = next++;
      // Decided here, in index order, before any wait: the picker's choice depends on the order asked.
      const fail = picker?.next() ?? false;
      if (rate > 0) {
        const wait = started + (index * 1000) / rate - performance.now();
        if (wait > 0) await sleep(wait);
      }
      await one(index, fail).catch((error: Error) => {
        progress.completed += 1;
        progress.failed += 1;
        context.events.emit('error', `bulk ${id}: ${error.message}`);
      });
    }
  };

  const done = Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker)).then(async (): Promise<BulkSummary> => {
    await context.flush().catch((error: Error) => context.events.emit('error', `bulk ${id}: ${error.message}`));
    progress.done = true;
    emitProgress(true);
    const durationMs = performance.now() - started;
    let tally = { attempts: 0, retried: 0 };
    try {
      tally = context.tally(id);
    } catch (error) {
      context.events.emit('error', `bulk ${id}: ${(error as Error).message}`);
    }
    const summary: BulkSummary = {
      ...progress,
      deliveryRate: total === 0 ? 0 : progress.delivered / total,
      latencyMs: summarizeLatency(latencies),
      durationMs: Math.round(durationMs),
      perSecond: durationMs > 0 ? Math.round(((progress.completed + progress.refused) / durationMs) * 1000 * 10) / 10 : 0,
      attempts: tally.attempts,
      retried: tally.retried,
      failureInjection: picker ? { percent, seed } : null,
    };
    context.events.emit('bulk-done', summary);
    return summary;
  });

  return {
    id,
    progress: () => ({ ...progress }),
    done,
    cancel: () => {
      cancelled = true;
    },
  };
}
