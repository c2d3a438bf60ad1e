/**
 * Diffs every new capture against its endpoint's / profile's golden baseline AFTER commit, in
 * batches, like the search indexer: the acknowledgement path never pays for a diff. Batches are
 * capped by count, body bytes and time, and yield to the event loop between them, because the
 * diff runs on the same thread as the receiver (a JSON postback takes ~1 ms to diff, so 200 in a
 * row would hold up capture for a noticeable while). It catches up on start (e.g. after a crash).
 */
import type { BaselineResult, IgnoreRules, RuleScope } from '../model/comparison.js';
import type { BaselineRow, BaselinesRepository, CandidateRow } from '../store/baselines-repository.js';
import type { StoredExchange } from '../store/exchange-record.js';
import { compareSides } from './compare.js';
import type { ComparisonEvents } from './events.js';
import type { IgnoreRulesRepository } from './ignore-rules-repository.js';
import { mergeOptions } from './options.js';
import { prepareSide, type PreparedSide } from './sides.js';

export interface BaselineCheckerOptions {
  batchSize: number;
  /** Past this many body bytes a batch stops early, so one burst of large bodies cannot stall capture. */
  maxBatchBytes: number;
  /** Past this much time a batch stops early and the rest waits for the next turn of the event loop. */
  maxBatchMs: number;
  maxDecodedBytes: number;
  now?: () => number;
  /** When the next batch may run (the core paces it against capture load); default: next turn. */
  defer?: (run: () => void) => void;
}

export interface BaselineCheckerDeps {
  repository: BaselinesRepository;
  exchanges: { get(id: number): StoredExchange | null };
  rules: IgnoreRulesRepository;
  events: ComparisonEvents;
  /** Problems worth a line in the status (the core's `error` event); the checker carries on. */
  onError: (message: string) => void;
}

const key = (scope: RuleScope, scopeId: number): string => `${scope}:${scopeId}`;

export class BaselineChecker {
  private checkedThrough: number;
  private scheduled = false;
  private closed = false;
  /** Pinned baselines by scope key; reloaded after any pin, unpin or exchange deletion. */
  private pins: Map<string, BaselineRow> | null = null;

  constructor(
    private readonly deps: BaselineCheckerDeps,
    private readonly options: BaselineCheckerOptions,
  ) {
    this.checkedThrough = deps.repository.checkedThrough();
  }

  /** Asks for a run soon; many calls in one tick make one run. */
  schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    (this.options.defer ?? setImmediate)(() => {
      this.scheduled = false;
      try {
        if (this.runBatch()) this.schedule();
      } catch (error) {
        // e.g. the host closed the database without closing us: report, never crash the process.
        if (!this.closed) this.deps.onError(`baseline check stopped: ${(error as Error).message}`);
      }
    });
  }

  /** Checks one batch; true when more rows are waiting. */
  runBatch(): boolean {
    if (this.closed) return false;
    const pins = this.currentPins();
    if (pins.size === 0) {
      // Nothing pinned: captures up to now are checked by definition, without reading them. Kept in
      // memory only (no write per commit); persisted when a pin changes and at close.
      this.checkedThrough = Math.max(this.checkedThrough, this.deps.repository.maxId());
      return false;
    }
    const rows = this.deps.repository.candidates(this.checkedThrough, this.options.batchSize);
    if (rows.length === 0) return false;
    const batch = new Batch(this.deps, this.options, pins);
    const started = performance.now();
    let last = this.checkedThrough;
    let bytes = 0;
    let stoppedEarly = false;
    for (const row of rows) {
      last = row.id;
      bytes += batch.check(row);
      const spent = bytes >= this.options.maxBatchBytes || performance.now() - started >= this.options.maxBatchMs;
      if (spent && row !== rows[rows.length - 1]) {
        stoppedEarly = true;
        break;
      }
    }
    this.advance(batch.results, last);
    return stoppedEarly || rows.length === this.options.batchSize;
  }

  /** Runs until caught up (tests, and anyone who needs a consistent answer now). */
  drain(): void {
    while (this.runBatch()) {
      /* keep going */
    }
  }

  /** Captures checked so far (by id). */
  get progress(): number {
    return this.checkedThrough;
  }

  /** The capture is not checked yet (a result may still come). */
  isPending(exchangeId: number): boolean {
    return exchangeId > this.checkedThrough;
  }

  /** A baseline was pinned or unpinned: captures so far are not compared with the new pin. */
  pinsChanged(maxIdAtPin?: number): void {
    // From another thread, captures committed after the pin may already be in the table: only
    // those before the pin count as checked.
    if (this.pins?.size === 0) this.checkedThrough = Math.max(this.checkedThrough, maxIdAtPin ?? this.deps.repository.maxId());
    this.pins = null;
    this.deps.repository.setCheckedThrough(this.checkedThrough);
    this.schedule();
  }

  /**
   * Exchanges were deleted. SQLite hands out max(id)+1 as the next id, so deleting the newest
   * capture makes its id come back: the cursor steps back so the newcomer is not skipped.
   * Deleting a pinned exchange also unpinned it (ON DELETE CASCADE).
   */
  exchangesDeleted(): void {
    this.pins = null;
    const max = this.deps.repository.maxId();
    if (max < this.checkedThrough) this.advance([], max);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.deps.repository.setCheckedThrough(this.checkedThrough);
    } catch {
      // The host closed the database first: the cursor stays at the last batch, which only costs a re-check.
    }
  }

  private advance(results: BaselineResult[], through: number): void {
    this.deps.repository.saveBatch(results, through);
    this.checkedThrough = through;
    if (results.length) this.deps.events.emit('baseline-results', results);
  }

  private currentPins(): Map<string, BaselineRow> {
    this.pins ??= new Map(this.deps.repository.list().map((b) => [key(b.scope, b.scopeId), b]));
    return this.pins;
  }
}

/** One batch's caches: each baseline and each scope's rules are loaded once per batch. */
class Batch {
  readonly results: BaselineResult[] = [];
  private readonly baselines = new Map<number, PreparedSide | null>();
  private readonly rules = new Map<string, IgnoreRules | null>();
  private readonly now: number;

  constructor(
    private readonly deps: BaselineCheckerDeps,
    private readonly options: BaselineCheckerOptions,
    private readonly pins: Map<string, BaselineRow>,
  ) {
    this.now = (options.now ?? Date.now)();
  }

  /** Compares one capture with each baseline it falls under; returns the body bytes it read. */
  check(row: CandidateRow): number {
    if (row.rejected) return 0; // a cut-short body would "differ" for reasons the baseline says nothing about
    const scopes: Array<[RuleScope, number | null]> = [['endpoint', row.endpointId], ['profile', row.profileId]];
    let capture: PreparedSide | null | undefined;
    let bytes = 0;
    for (const [scope, scopeId] of scopes) {
      const pin = scopeId === null ? undefined : this.pins.get(key(scope, scopeId));
      // Captures from before the pin are not compared with it. By time, not only by cursor: the pin
      // may be read here (another thread) before the message that moves the cursor arrives.
      if (!pin || scopeId === null || pin.exchangeId === row.id || row.receivedAt < pin.createdAt) continue;
      const baseline = this.baseline(pin.exchangeId);
      if (capture === undefined) {
        const stored = this.deps.exchanges.get(row.id);
        bytes += stored?.body.length ?? 0;
        capture = stored && this.prepare('right', stored);
      }
      if (!baseline || !capture) continue;
      const rules = this.savedRules(scope, scopeId);
      let diff;
      try {
        diff = compareSides(baseline, capture, mergeOptions({}, rules ? [rules] : []));
      } catch (error) {
        // One capture the engine chokes on must not hold every later one back: skip it, say so.
        this.deps.onError(`could not compare exchange ${row.id} with baseline ${pin.exchangeId}: ${(error as Error).message}`);
        continue;
      }
      this.results.push({
        exchangeId: row.id,
        scope,
        scopeId,
        baselineExchangeId: pin.exchangeId,
        matches: diff.identical,
        differences: diff.differences,
        summary: diff.summary,
        comparedAt: this.now,
      });
    }
    return bytes;
  }

  private baseline(id: number): PreparedSide | null {
    if (!this.baselines.has(id)) {
      const stored = this.deps.exchanges.get(id);
      this.baselines.set(id, stored && this.prepare('left', stored));
    }
    return this.baselines.get(id) ?? null;
  }

  private savedRules(scope: RuleScope, scopeId: number): IgnoreRules | null {
    const k = key(scope, scopeId);
    if (!this.rules.has(k)) this.rules.set(k, this.deps.rules.saved(scope, scopeId));
    return this.rules.get(k) ?? null;
  }

  private prepare(label: 'left' | 'right', e: StoredExchange): PreparedSide {
    return prepareSide(label, { method: e.method, target: e.target, rawHeaders: e.rawHeaders, body: e.body }, this.options.maxDecodedBytes);
  }
}
