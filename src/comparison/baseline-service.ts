/**
 * Pinning golden baselines and reading their results: what the API routes call. The checking
 * itself happens in BaselineChecker, after commit.
 */
import { CoreError } from '../errors.js';
import { summaryFromStored } from '../exchange-views.js';
import type { Baseline, BaselineResult, ExchangeBaselineResults, RuleScope } from '../model/comparison.js';
import type { BaselineRow, BaselinesRepository } from '../store/baselines-repository.js';
import type { StoredExchange } from '../store/exchange-record.js';

export interface BaselineServiceDeps {
  repository: BaselinesRepository;
  exchanges: { get(id: number): StoredExchange | null; isDuplicate(correlation: string | null, id: number): boolean };
  checker: { pinsChanged(): void; isPending(exchangeId: number): boolean };
  now?: () => number;
}

export class BaselineService {
  constructor(private readonly deps: BaselineServiceDeps) {}

  list(): Baseline[] {
    return this.deps.repository.list().map((row) => this.withExchange(row));
  }

  get(scope: RuleScope, scopeId: number): Baseline {
    const row = this.deps.repository.get(scope, scopeId);
    if (!row) throw new CoreError('NOT_FOUND', `no baseline for ${scope} ${scopeId}`);
    return this.withExchange(row);
  }

  /** Pins (or re-pins) an exchange; captures from now on are diffed against it. */
  pin(scope: RuleScope, scopeId: number, exchangeId: number): Baseline {
    if (!this.deps.exchanges.get(exchangeId)) throw new CoreError('NOT_FOUND', `exchange ${exchangeId}`);
    // Endpoints are ours to check; profiles belong to a module built elsewhere, so any id is taken.
    if (scope === 'endpoint' && !this.deps.repository.endpointExists(scopeId)) throw new CoreError('NOT_FOUND', `endpoint ${scopeId}`);
    const row = this.deps.repository.pin(scope, scopeId, exchangeId, (this.deps.now ?? Date.now)());
    this.deps.checker.pinsChanged();
    return this.withExchange(row);
  }

  unpin(scope: RuleScope, scopeId: number): void {
    if (!this.deps.repository.unpin(scope, scopeId)) throw new CoreError('NOT_FOUND', `no baseline for ${scope} ${scopeId}`);
    this.deps.checker.pinsChanged();
  }

  resultsOf(exchangeId: number): ExchangeBaselineResults {
    if (!this.deps.exchanges.get(exchangeId)) throw new CoreError('NOT_FOUND', `exchange ${exchangeId}`);
    return { exchangeId, pending: this.deps.checker.isPending(exchangeId), results: this.deps.repository.results(exchangeId) };
  }

  /** For a page of the list: results of the given ids that have one. */
  resultsOfMany(ids: readonly number[]): BaselineResult[] {
    return this.deps.repository.resultsForMany(ids);
  }

  private withExchange(row: BaselineRow): Baseline {
    const e = this.deps.exchanges.get(row.exchangeId);
    return { ...row, exchange: e ? summaryFromStored(e, this.deps.exchanges.isDuplicate(e.correlation, e.id)) : null };
  }
}
