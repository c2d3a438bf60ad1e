import { summariesFromRows } from '../exchange-views.js';
import type { ExchangeSummary } from '../model/exchange.js';
import type { BaselinesRepository } from '../store/baselines-repository.js';
import type { ExchangesRepository } from '../store/exchanges-repository.js';
import type { VerdictsRepository } from '../store/verdicts-repository.js';

export interface SummarySources {
  exchanges: Pick<ExchangesRepository, 'list' | 'listIds' | 'paramsOf'>;
  verdicts: Pick<VerdictsRepository, 'summaries'>;
  baselines: Pick<BaselinesRepository, 'resultsForMany'>;
}

/**
 * Rows as the list shows them, with everything derived after commit attached: key params from
 * the index, the verdict badge, baseline results and the duplicate flag. Built once per batch and
 * pushed, so no subscriber decodes a body or asks again.
 */
export function enrich(sources: Pick<SummarySources, 'verdicts' | 'baselines'>, summaries: ExchangeSummary[]): ExchangeSummary[] {
  if (summaries.length === 0) return summaries;
  const ids = summaries.map((s) => s.id);
  const verdicts = new Map(sources.verdicts.summaries(ids).map((v) => [v.exchangeId, v]));
  const baselines = new Map<number, ExchangeSummary['baselines']>();
  for (const result of sources.baselines.resultsForMany(ids)) {
    let list = baselines.get(result.exchangeId);
    if (!list) baselines.set(result.exchangeId, (list = []));
    list.push(result);
  }
  for (const summary of summaries) {
    summary.verdict = verdicts.get(summary.id) ?? null;
    summary.baselines = baselines.get(summary.id) ?? [];
  }
  return summaries;
}

/** Ids in (afterId, throughId], oldest first. */
export function summariesBetween(sources: SummarySources, afterId: number, throughId: number): ExchangeSummary[] {
  if (throughId <= afterId) return [];
  const rows = sources.exchanges.list({ limit: throughId - afterId, afterId, beforeId: throughId + 1 }).reverse();
  return enrich(sources, summariesFromRows(rows, sources.exchanges));
}

/** The given ids (those still stored), oldest first. */
export function summariesOf(sources: SummarySources, ids: readonly number[]): ExchangeSummary[] {
  return enrich(sources, summariesFromRows(sources.exchanges.listIds(ids).reverse(), sources.exchanges));
}
