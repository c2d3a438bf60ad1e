/**
 * The comparison module: diff any two exchanges, an expected request against a capture, saved
 * ignore rules, golden baselines checked after commit. One factory for the core to call; the
 * module listens to the core's events itself, so wiring is a few lines (see diff-routes.ts).
 */
import type { CoreEvents } from '../events.js';
import type { ComparisonResult } from '../model/comparison.js';
import { BaselinesRepository } from '../store/baselines-repository.js';
import type { ExchangesRepository } from '../store/exchanges-repository.js';
import type { Db } from '../store/open-database.js';
import { BaselineChecker } from './baseline-checker.js';
import { BaselineService } from './baseline-service.js';
import { ComparisonService } from './comparison-service.js';
import { ComparisonEvents } from './events.js';
import { ExchangeLookups } from './exchange-lookups.js';
import type { ExpectedRequest } from './expected-request.js';
import { IgnoreRulesRepository } from './ignore-rules-repository.js';
import type { ComparisonRequest } from './options.js';
import { RuleSuggester } from './rule-suggestions.js';

export interface ComparisonDeps {
  db: Db;
  exchanges: ExchangesRepository;
  /** The core bus: commits, deletions and clears drive the checker; its problems go out as `error`. */
  events: Pick<CoreEvents, 'on' | 'emit'>;
  maxDecodedBytes: number;
  /** Checker batch caps; the defaults keep one batch to about 10 ms, whatever the bodies. */
  batchSize?: number;
  maxBatchBytes?: number;
  maxBatchMs?: number;
  /** When background batches may run; default: next turn. */
  defer?: (run: () => void) => void;
  /**
   * The core's derivation thread: when given, it checks baselines and this module only pins,
   * reads results and answers whether a capture is still pending. Without it, a checker runs here.
   */
  pipeline?: { pinsChanged(maxIdAtPin: number): void; progress(): { baselinesThrough: number } };
}

/** What pinning and reading results need of whoever checks captures against baselines. */
export interface BaselineCursor {
  pinsChanged(): void;
  isPending(exchangeId: number): boolean;
}

export interface Comparison {
  readonly service: ComparisonService;
  readonly rules: IgnoreRulesRepository;
  readonly baselines: BaselineService;
  readonly checker: BaselineCursor;
  /** Volatile params of an endpoint's captures, as ignore rules to add with one click. */
  readonly suggester: RuleSuggester;
  /** `baseline-results` after each checker batch; forward it to the core bus. */
  readonly events: ComparisonEvents;
  /** For the sender: its template expansion (left) against the capture it produced (right). */
  compareExpectedRequest(expected: ExpectedRequest, capturedExchangeId: number, request?: ComparisonRequest): ComparisonResult;
  /** Stops the checker and unsubscribes; call before the database closes. */
  close(): void;
}

export function createComparison(deps: ComparisonDeps): Comparison {
  const events = new ComparisonEvents();
  const rules = new IgnoreRulesRepository(deps.db);
  const lookups = new ExchangeLookups(deps.db);
  const repository = new BaselinesRepository(deps.db);
  const service = new ComparisonService({ exchanges: deps.exchanges, lookups, rules, maxDecodedBytes: deps.maxDecodedBytes });
  const pipeline = deps.pipeline;
  let checker: BaselineCursor;
  let unsubscribe: Array<() => void>;
  let stopChecker = (): void => undefined;
  if (pipeline) {
    checker = { pinsChanged: () => pipeline.pinsChanged(deps.exchanges.maxId()), isPending: (id) => id > pipeline.progress().baselinesThrough };
    unsubscribe = [deps.events.on('baseline-results', (results) => events.emit('baseline-results', results))];
  } else {
    const local = new BaselineChecker(
      { repository, exchanges: deps.exchanges, rules, events, onError: (message) => deps.events.emit('error', message) },
      {
        batchSize: deps.batchSize ?? 200,
        maxBatchBytes: deps.maxBatchBytes ?? 4 * 1024 * 1024,
        maxBatchMs: deps.maxBatchMs ?? 10,
        maxDecodedBytes: deps.maxDecodedBytes,
        ...(deps.defer ? { defer: deps.defer } : {}),
      },
    );
    checker = local;
    stopChecker = () => local.close();
    unsubscribe = [
      deps.events.on('committed', () => local.schedule()),
      deps.events.on('deleted', () => local.exchangesDeleted()),
      deps.events.on('cleared', () => local.exchangesDeleted()),
    ];
    local.schedule(); // catch up on what arrived while we were not running
  }
  const baselines = new BaselineService({ repository, exchanges: deps.exchanges, checker });

  return {
    service,
    rules,
    baselines,
    checker,
    suggester: new RuleSuggester(deps.db, deps.exchanges),
    events,
    compareExpectedRequest: (expected, capturedExchangeId, request) => service.compareExpectedRequest(expected, capturedExchangeId, request),
    close: () => {
      for (const stop of unsubscribe) stop();
      stopChecker();
    },
  };
}

export { ComparisonService, exchangeRef } from './comparison-service.js';
export { BaselineChecker } from './baseline-checker.js';
export { BaselineService } from './baseline-service.js';
export { ComparisonEvents } from './events.js';
export { IgnoreRulesRepository } from './ignore-rules-repository.js';
export { compareSides } from './compare.js';
export { prepareSide, type PreparedSide, type RequestParts } from './sides.js';
export { expectedParts, originForm, type ExpectedRequest } from './expected-request.js';
export { comparisonToMarkdown, markdownWithSides } from './markdown.js';
export { parseRawMessage, RawMessageError, type ParsedRawMessage } from './raw-message.js';
export type { ComparisonRequest, RuleSelector } from './options.js';
