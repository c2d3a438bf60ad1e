import type { AttemptOutcome, OutboxState } from '../model/sender.js';
import type { NewAttempt } from '../store/attempts-repository.js';
import type { AttemptFinish, CircuitsRepository, ExchangeResponseUpdate, OutboxRecord } from '../store/outbox-repository.js';
import { sendExact } from './exact-transport.js';
import type { SendJournal } from './journal.js';
import type { PooledTransport } from './pooled-transport.js';
import { disableRule, failureOf, nextDelay } from './retry-policy.js';
import { judge } from './success.js';
import type { WireOptions, WireOutcome, WireRequest } from './transport.js';

/** The part of an outbox row one attempt needs (fresh sends have it in memory, no read). */
/** `createdAt` is when the original attempt went out: schedules counted from it (Singular) need it. */
export type AttemptTarget = Pick<OutboxRecord, 'id' | 'exchangeId' | 'attempts' | 'transport' | 'settings' | 'circuitKey' | 'createdAt'>;

export interface AttemptResult {
  outboxId: number;
  number: number;
  outcome: AttemptOutcome;
  state: OutboxState;
  delivered: boolean;
  status: number | null;
  error: string | null;
  verdict: string;
  nextAttemptAt: number | null;
  startedAt: number;
  durationMs: number;
}

export interface DelivererOptions {
  maxRedirects: number;
  maxResponseBytes: number;
}

/**
 * One delivery attempt, start to finish: send, judge by the success rule, decide the next step
 * from the retry policy (delays divided by the time scale), record it all in one journal write.
 */
export class Deliverer {
  constructor(
    private readonly pooled: PooledTransport,
    private readonly journal: SendJournal,
    private readonly circuits: CircuitsRepository,
    private readonly options: DelivererOptions,
  ) {}

  /** Sends, judges, plans the next step and records it (the outbox row exists already). */
  async attempt(target: AttemptTarget, request: WireRequest): Promise<AttemptResult> {
    const evaluated = await this.evaluate(target, request);
    await this.journal.finish({ attempt: attemptRow(target.id, evaluated), outbox: outboxUpdate(target.id, evaluated), exchange: exchangeUpdate(target.exchangeId, evaluated) });
    return evaluated.result;
  }

  /** Sends, judges and plans the next step without writing anything (bulk runs record afterwards, in batches). */
  async evaluate(target: Omit<AttemptTarget, 'id' | 'exchangeId'> & { id?: number }, request: WireRequest): Promise<Evaluated> {
    const number = target.attempts + 1;
    const startedAt = Date.now();
    const { settings } = target;
    const done = (outcome: WireOutcome, next: Next): Evaluated => evaluatedOf(target.id ?? 0, number, startedAt, outcome, next);
    if (target.circuitKey && this.circuits.isDisabled(target.circuitKey)) {
      const verdict = `not sent: ${target.circuitKey} is disabled after consecutive failures (reset it to send again)`;
      return done({ response: null, error: { code: 'DISABLED', message: verdict }, durationMs: 0 }, { outcome: 'disabled', state: 'disabled', verdict, nextAttemptAt: null });
    }

    const wire: WireOptions = {
      timeoutMs: settings.timeoutMs,
      followRedirects: settings.followRedirects,
      maxRedirects: this.options.maxRedirects,
      maxResponseBytes: this.options.maxResponseBytes,
      insecureTls: settings.insecureTls,
    };
    const outcome = target.transport === 'exact' ? await sendExact(request, wire) : await this.pooled.send(request, wire);
    const judged = outcome.response && !outcome.error ? judge(settings.success, outcome.response.status, outcome.response.body) : { delivered: false, verdict: outcome.error?.message ?? 'no response' };
    if (judged.delivered) {
      if (target.circuitKey) this.circuits.recordSuccess(target.circuitKey);
      return done(outcome, { outcome: 'delivered', state: 'delivered', verdict: judged.verdict, nextAttemptAt: null });
    }
    // In the policy's time: a time scale of 1000 runs a schedule counted from the first attempt 1000× faster too.
    const sinceFirstMs = (startedAt - (number === 1 ? startedAt : target.createdAt)) * settings.timeScale;
    const delay = nextDelay(settings.retry, number, failureOf(outcome.response?.status ?? null, outcome.error?.code), Math.random, sinceFirstMs);
    if (delay !== null) {
      const nextAttemptAt = Date.now() + Math.max(0, Math.round(delay / Math.max(settings.timeScale, 1e-9)));
      return done(outcome, { outcome: 'retry', state: 'pending', verdict: judged.verdict, nextAttemptAt });
    }
    let verdict = judged.verdict;
    const rule = disableRule(settings.retry);
    if (target.circuitKey && rule !== null) {
      const circuit = this.circuits.recordFailure(target.circuitKey, rule.after, verdict, Date.now(), rule.withinMs);
      if (circuit.disabledAt !== null) verdict += `; ${target.circuitKey} disabled after ${circuit.consecutiveFailures} consecutive failures`;
    }
    return done(outcome, { outcome: 'failed', state: 'failed', verdict, nextAttemptAt: null });
  }
}

interface Next {
  outcome: AttemptOutcome;
  state: OutboxState;
  verdict: string;
  nextAttemptAt: number | null;
}

/** An attempt's outcome before it is written. */
export interface Evaluated {
  outcome: WireOutcome;
  next: Next;
  result: AttemptResult;
}

function evaluatedOf(outboxId: number, number: number, startedAt: number, outcome: WireOutcome, next: Next): Evaluated {
  return {
    outcome,
    next,
    result: {
      outboxId, number, outcome: next.outcome, state: next.state, delivered: next.outcome === 'delivered', status: outcome.response?.status ?? null,
      error: outcome.error?.message ?? null, verdict: next.verdict, nextAttemptAt: next.nextAttemptAt, startedAt, durationMs: outcome.durationMs,
    },
  };
}

export function attemptRow(outboxId: number, e: Evaluated): NewAttempt {
  return {
    outboxId,
    number: e.result.number,
    startedAt: e.result.startedAt,
    durationMs: e.outcome.durationMs,
    status: e.result.status,
    error: e.result.error,
    errorCode: e.outcome.error?.code ?? null,
    outcome: e.next.outcome,
    verdict: e.next.verdict,
    nextAttemptAt: e.next.nextAttemptAt,
    responseHeaders: e.outcome.response?.rawHeaders ?? null,
    responseBody: e.outcome.response?.body ?? null,
    responseTruncated: e.outcome.response?.truncated ?? false,
  };
}

export function outboxUpdate(id: number, e: Evaluated, now = Date.now()): AttemptFinish {
  const delivered = e.next.outcome === 'delivered';
  return { id, state: e.next.state, attempts: e.result.number, nextAttemptAt: e.next.nextAttemptAt, lastStatus: e.result.status, lastError: delivered ? null : e.next.verdict, deliveredAt: delivered ? now : null, updatedAt: now };
}

export function exchangeUpdate(exchangeId: number, e: Evaluated): ExchangeResponseUpdate {
  const response = e.outcome.response;
  return {
    exchangeId,
    response: response ? { status: response.status, rawHeaders: response.rawHeaders, body: response.body } : null,
    durationMs: e.outcome.durationMs,
    answeredBy: answeredBy(e.next.outcome, e.result.number, e.next.verdict, e.next.nextAttemptAt),
  };
}

/** The out exchange's one-line story, shown where an in exchange says which rule answered it. */
export function answeredBy(outcome: AttemptOutcome, number: number, verdict: string, nextAttemptAt: number | null): string {
  switch (outcome) {
    case 'delivered':
      return `sender: delivered on attempt ${number} (${verdict})`;
    case 'retry':
      return `sender: attempt ${number} failed (${verdict}); retry at ${new Date(nextAttemptAt!).toISOString()}`;
    case 'failed':
      return `sender: failed after ${number} attempt${number === 1 ? '' : 's'} (${verdict})`;
    case 'disabled':
      return `sender: ${verdict}`;
    case 'unknown':
      return `sender: attempt ${number} ${verdict.replace(/^outcome unknown: /, 'outcome unknown (')}${nextAttemptAt === null ? ')' : `); retry at ${new Date(nextAttemptAt).toISOString()}`}`;
  }
}
