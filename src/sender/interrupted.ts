import type { OutboxSettings } from '../model/sender.js';
import type { AttemptsRepository } from '../store/attempts-repository.js';
import type { Db } from '../store/open-database.js';
import type { OutboxRepository } from '../store/outbox-repository.js';
import { answeredBy } from './deliver.js';
import { nextDelay } from './retry-policy.js';

/** The error code of an attempt cut off mid-request (shown where a status would be). */
export const interruptedCode = 'INTERRUPTED';

export interface Settled {
  /** Attempts recorded as outcome unknown. */
  unknown: number;
  /** Of those, sends the retry policy queues again. */
  retried: number;
}

/**
 * On start, before anything is sent: every attempt a previous run opened and never closed was
 * cut off (crash, kill -9, a close that could not wait). Its request may or may not have reached
 * the partner, so it is recorded as attempt N with outcome 'unknown', and the send's own retry
 * policy decides what follows — as after a failure without an HTTP answer (a timeout looks the
 * same from here). A retry goes out with the stored request, so it carries the same
 * Idempotency-Key; with no retry left the send ends 'failed' and is not sent again unless a
 * person asks (Retry now). Only then are rows still in flight without an open attempt (from a
 * version before migration 009) reset, as before. One transaction: a crash in here changes nothing.
 *
 * Unknown outcomes do not count towards a destination's circuit: they say nothing about it.
 */
export function settleInterrupted(db: Db, outbox: OutboxRepository, attempts: AttemptsRepository, now = Date.now()): Settled {
  return db.transaction(() => {
    let retried = 0;
    const open = attempts.open();
    for (const a of open) {
      const settings = JSON.parse(a.settings) as OutboxSettings;
      const delay = a.state === 'in_flight' ? nextDelay(settings.retry, a.number, { status: null }) : null;
      // Delays count from the previous attempt, as in the deliverer; a plan overdue by the downtime is due now.
      const nextAttemptAt = delay === null ? null : Math.max(now, a.startedAt + Math.round(delay / Math.max(settings.timeScale, 1e-9)));
      const verdict = `outcome unknown: the app stopped while attempt ${a.number} was in flight, so the partner may or may not have received it; ${
        a.state !== 'in_flight' ? `the send was ${a.state} meanwhile` : nextAttemptAt === null ? 'the retry policy allows no further attempt, so it is not sent again' : 'retried per the retry policy with the same idempotency key'
      }`;
      attempts.markUnknown({ id: a.id, errorCode: interruptedCode, error: 'the app stopped before an answer arrived', verdict, nextAttemptAt });
      // A send cancelled mid-attempt stays cancelled (finish() keeps it so, unscheduled); one a
      // person already queued again (cancel, then Retry now) keeps that plan.
      if (a.state !== 'in_flight' && a.state !== 'cancelled') continue;
      outbox.finish({ id: a.outboxId, state: nextAttemptAt === null ? 'failed' : 'pending', attempts: a.number, nextAttemptAt, lastStatus: null, lastError: verdict, deliveredAt: null, updatedAt: now });
      outbox.updateExchangeResponse({ exchangeId: a.exchangeId, response: null, durationMs: 0, answeredBy: answeredBy('unknown', a.number, verdict, nextAttemptAt) });
      if (nextAttemptAt !== null) retried++;
    }
    outbox.resetInFlight(now);
    return { unknown: open.length, retried };
  })();
}
