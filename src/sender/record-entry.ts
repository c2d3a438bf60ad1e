import type { RecordEntry } from './journal.js';
import { answeredBy, type Evaluated } from './deliver.js';
import { outboundExchange, type Prepared } from './requests.js';

/**
 * One bulk postback as the journal records it after its first attempt: the out exchange with its
 * response, the outbox row in its resulting state, and the attempt. Built in one go (no
 * intermediate objects): bulk runs make thousands per second. Ids are filled in by the writer.
 */
export function recordEntry(prepared: Prepared, e: Evaluated, links: { templateId: number | null; bulkId: string }, createdAt: number, circuitKey: string | null): RecordEntry {
  const { result, next, outcome } = e;
  const response = outcome.response;
  const delivered = next.outcome === 'delivered';
  const now = Date.now();
  return {
    exchange: outboundExchange(prepared, createdAt, {
      response: response ? { status: response.status, rawHeaders: response.rawHeaders, body: response.body } : null,
      durationMs: outcome.durationMs,
      answeredBy: answeredBy(next.outcome, result.number, next.verdict, next.nextAttemptAt),
    }),
    templateId: links.templateId,
    outbox: {
      exchangeId: 0,
      templateId: links.templateId,
      sourceExchangeId: null,
      bulkId: links.bulkId,
      method: prepared.wire.method,
      url: prepared.url,
      transport: prepared.transport,
      state: next.state,
      nextAttemptAt: next.nextAttemptAt,
      createdAt,
      idempotencyKey: prepared.idempotencyKey,
      correlation: prepared.correlation,
      circuitKey,
      settings: prepared.settings,
      attempts: result.number,
      lastStatus: result.status,
      lastError: delivered ? null : next.verdict,
      deliveredAt: delivered ? now : null,
      updatedAt: now,
    },
    attempt: {
      outboxId: 0,
      number: result.number,
      startedAt: result.startedAt,
      durationMs: outcome.durationMs,
      status: result.status,
      error: result.error,
      errorCode: outcome.error?.code ?? null,
      outcome: next.outcome,
      verdict: next.verdict,
      nextAttemptAt: next.nextAttemptAt,
      responseHeaders: response?.rawHeaders ?? null,
      responseBody: response?.body ?? null,
      responseTruncated: response?.truncated ?? false,
    },
  };
}
