/**
 * Everything derived from a capture after it is committed, in one ordered pass per batch: the
 * search index (and the default correlation key), verdicts, golden-baseline results, metric facts,
 * then one announcement of the finished rows. It owns its own SQLite connection and runs in the
 * derivation thread (pipeline-thread.ts), never on the receiver's loop. Each stage keeps its cursor
 * in `meta`, so a crash anywhere resumes where the last committed batch ended; a stage that throws
 * is reported, paused with a growing back-off and retried, and the others carry on.
 */
import { BaselineChecker } from '../comparison/baseline-checker.js';
import { ComparisonEvents } from '../comparison/events.js';
import { IgnoreRulesRepository } from '../comparison/ignore-rules-repository.js';
import { ExpectedStore } from '../metrics/expected-store.js';
import { toDeltaRow } from '../metrics/delta-row.js';
import { MetricsWorker } from '../metrics/metrics-worker.js';
import { ensureMetricsSchema } from '../metrics/schema.js';
import { ProfileService } from '../profiles/profile-service.js';
import type { SecretCipher } from '../profiles/secret-cipher.js';
import { BaselinesRepository } from '../store/baselines-repository.js';
import { EndpointsRepository } from '../store/endpoints-repository.js';
import { ExchangesRepository } from '../store/exchanges-repository.js';
import type { Db } from '../store/open-database.js';
import { SearchIndexer } from '../store/search-indexer.js';
import { VerdictsRepository } from '../store/verdicts-repository.js';
import { VerdictWorker } from '../verdicts/verdict-worker.js';
import { summariesBetween, summariesOf, type SummarySources } from './announce.js';
import { DefaultCorrelation } from './default-correlation.js';
import { ParallelPrepare } from './parallel-prepare.js';
import type { PipelineProgress, StageFailure, StageName, ThreadMessage } from './messages.js';

export interface DerivationOptions {
  maxDecodedBytes: number;
  emit: (message: ThreadMessage) => void;
  /** Opens the profile secrets the verdicts are judged with. */
  cipher: SecretCipher;
  now?: () => number;
  /**
   * Decode index rows ahead in a thread of their own (the derivation thread passes this; tests and
   * benches that drive a Derivation directly prepare rows inline, as the indexer does without it).
   */
  parallelPrepare?: { entry: string; dbFile: string; nativeBinding?: string };
}

/**
 * Rows per stage batch. Each batch ends in one write transaction that holds the file's only write
 * lock, which the receiver's group commit waits for (and the metrics stage computes inside its
 * transaction): small batches keep that wait to a few milliseconds.
 */
const writeBatchRows = 250;
/** Rows per index batch while the receiver is busy (see gentleStep). */
const gentleBatchRows = 32;
/** Past this many new rows in one announcement the UI is told to refetch instead. */
const maxAnnounced = 500;
/**
 * When the index is behind it goes first, but the other stages never wait longer than this while
 * the receiver is not busy. Time under load does not count: after a burst the index gets its whole
 * head start to catch up, instead of sharing the thread with verdicts from the first second.
 */
const maxIndexFirstMs = 5000;
/** While the receiver stays busy the other stages still get one batch this often, so they never starve. */
const maxOthersWaitUnderLoadMs = 10_000;
const firstRetryMs = 500;
const maxRetryMs = 30_000;

/** Stages are driven from the loop: they never schedule themselves. */
const driven = (): void => undefined;

export class Derivation {
  readonly indexer: SearchIndexer;
  private readonly verdictWorker: VerdictWorker;
  private readonly checker: BaselineChecker;
  private readonly metrics: MetricsWorker;
  private readonly sources: SummarySources;
  private readonly endpoints: EndpointsRepository;
  private readonly correlation: DefaultCorrelation;
  private readonly preparer: ParallelPrepare | null;
  private announcedThrough: number;
  private listening = false;
  /** Time the other stages have waited behind the index while the receiver was not busy. */
  private othersWaitedMs = 0;
  private othersRanAt = 0;
  private lastStepAt: number | null = null;
  private readonly failures = new Map<StageName, StageFailure & { retryAt: number }>();
  private readonly now: () => number;

  constructor(
    db: Db,
    private readonly options: DerivationOptions,
  ) {
    this.now = options.now ?? Date.now;
    if (!ensureMetricsSchema(db)) throw new Error('this data folder has an early metrics schema: start the app once to upgrade it');
    const exchanges = new ExchangesRepository(db);
    const verdicts = new VerdictsRepository(db);
    const baselines = new BaselinesRepository(db);
    this.endpoints = new EndpointsRepository(db);
    this.sources = { exchanges, verdicts, baselines };
    this.correlation = new DefaultCorrelation(db, options.maxDecodedBytes);
    const parallel = options.parallelPrepare;
    this.preparer = parallel ? new ParallelPrepare({ ...parallel, maxDecodedBytes: options.maxDecodedBytes, onError: (message) => this.fail('index', message) }) : null;
    this.indexer = new SearchIndexer(db, {
      batchSize: writeBatchRows,
      budgetMs: 50,
      maxDecodedBytes: options.maxDecodedBytes,
      correlate: (row, headers, decoded) => this.correlation.of(row, headers, decoded),
      ...(this.preparer ? { source: this.preparer } : {}),
    });
    this.verdictWorker = new VerdictWorker({
      db,
      exchanges,
      endpoints: this.endpoints,
      profiles: new ProfileService(db, options.cipher),
      verdicts,
      maxDecodedBytes: options.maxDecodedBytes,
      batchSize: writeBatchRows,
      budgetMs: 50,
      defer: driven,
    });
    const comparisonEvents = new ComparisonEvents();
    this.checker = new BaselineChecker(
      { repository: baselines, exchanges, rules: new IgnoreRulesRepository(db), events: comparisonEvents, onError: (message) => this.fail('baselines', message) },
      { batchSize: writeBatchRows, maxBatchBytes: 16 * 1024 * 1024, maxBatchMs: 50, maxDecodedBytes: options.maxDecodedBytes, defer: driven },
    );
    const expected = new ExpectedStore(db);
    this.metrics = new MetricsWorker(db, (keys) => expected.expectationsOf(keys), { batchSize: writeBatchRows, pollMs: 250, defer: driven });
    this.verdictWorker.rewind();
    // Nobody watched the rows committed before this start: announcing begins with the next one.
    this.announcedThrough = exchanges.maxId();

    this.verdictWorker.onVerdicts((items) => {
      this.metrics.verdictsChanged(items.map((v) => v.exchangeId));
      options.emit({ type: 'verdicts', items });
      // Re-runs of rows already on screen: push their new state. New rows wait for the announcement.
      const rerun = items.filter((v) => v.exchangeId <= this.announcedThrough).map((v) => v.exchangeId);
      if (rerun.length && this.listening) options.emit({ type: 'exchanges-updated', items: summariesOf(this.sources, rerun.slice(0, maxAnnounced)) });
    });
    comparisonEvents.on('baseline-results', (items) => options.emit({ type: 'baseline-results', items }));
    this.metrics.onDelta((rows) => options.emit({ type: 'metrics-delta', rows: rows.map(toDeltaRow) }));
    this.metrics.start();
  }

  /**
   * A small index batch only, for the moments the receiver is busy: its write transaction holds
   * the lock the group commit needs for a few milliseconds at most. Under a load that lasts, the
   * other stages get a batch every `maxOthersWaitUnderLoadMs`. True when more is waiting.
   */
  gentleStep(): boolean {
    const now = this.now();
    this.lastStepAt = now;
    if (now - this.othersRanAt >= maxOthersWaitUnderLoadMs) return this.runOthers(now);
    return this.run('index', () => this.indexer.runBatch(gentleBatchRows));
  }

  /**
   * One pass over the stages; true when more work is waiting. While the index is behind it goes
   * first (lookups and the UI's filters need it), unless the others have waited too long.
   */
  step(): boolean {
    const now = this.now();
    if (this.lastStepAt !== null) this.othersWaitedMs += now - this.lastStepAt;
    this.lastStepAt = now;
    const indexMore = this.run('index', () => this.indexer.runBatch());
    if (indexMore && this.othersWaitedMs < maxIndexFirstMs) return true;
    return this.runOthers(now) || indexMore;
  }

  private runOthers(now: number): boolean {
    this.othersWaitedMs = 0;
    this.othersRanAt = now;
    let more = false;
    more = this.run('verdicts', () => this.verdictWorker.runBatch()) || more;
    more = this.run('baselines', () => this.checker.runBatch()) || more;
    more = this.run('metrics', () => this.metrics.runBatch()) || more;
    more = this.run('announce', () => this.announce()) || more;
    return more;
  }

  /** Checkpoints the WAL in the preparer thread when there is one; false when the caller must. */
  checkpointInParallel(): boolean {
    return this.preparer?.checkpoint() ?? false;
  }

  progress(): PipelineProgress {
    return {
      indexedThrough: this.indexer.progress,
      verdictsThrough: this.verdictWorker.progress,
      baselinesThrough: this.checker.progress,
      metricsThrough: this.metrics.progress,
    };
  }

  currentFailures(): StageFailure[] {
    return [...this.failures.values()].map(({ retryAt: _retryAt, ...failure }) => failure);
  }

  /**
   * Someone watches live rows from `fromId` on. The cursor may already be past rows committed after
   * the watcher arrived (this thread does not see the message before it reads them): step back, so
   * they are announced, not skipped. Subscribers drop rows they already have.
   */
  listenFrom(fromId: number): void {
    this.announcedThrough = this.listening ? Math.min(this.announcedThrough, fromId) : fromId;
    this.listening = true;
  }

  stopListening(): void {
    this.listening = false;
  }

  deleted(ids: readonly number[]): void {
    this.verdictWorker.rewind();
    this.checker.exchangesDeleted();
    this.metrics.deleted(ids);
  }

  cleared(maxId: number): void {
    this.indexer.reset();
    this.verdictWorker.rewind();
    this.checker.exchangesDeleted();
    this.metrics.cleared(maxId);
    this.announcedThrough = Math.max(this.announcedThrough, maxId);
  }

  pinsChanged(maxIdAtPin: number): void {
    this.checker.pinsChanged(maxIdAtPin);
  }

  relink(keys: readonly string[]): void {
    this.metrics.relink(keys);
  }

  /** Endpoints changed (a profile link, correlation keys): read them again. */
  endpointsChanged(): void {
    this.correlation.endpointsChanged();
    this.preparer?.endpointsChanged();
  }

  close(): void {
    this.preparer?.close();
    this.indexer.close();
    this.verdictWorker.close();
    this.checker.close();
    this.metrics.close();
  }

  private run(stage: StageName, batch: () => boolean): boolean {
    const failure = this.failures.get(stage);
    if (failure && this.now() < failure.retryAt) return false;
    try {
      const more = batch();
      if (failure) {
        this.failures.delete(stage);
        this.options.emit({ type: 'stage-recovered', stage });
      }
      return more;
    } catch (error) {
      this.fail(stage, (error as Error).message ?? String(error));
      return false;
    }
  }

  private fail(stage: StageName, message: string): void {
    const count = (this.failures.get(stage)?.count ?? 0) + 1;
    const at = this.now();
    const failure = { stage, message, at, count, retryAt: at + Math.min(maxRetryMs, firstRetryMs * 2 ** (count - 1)) };
    this.failures.set(stage, failure);
    this.options.emit({ type: 'stage-failed', failure: { stage, message, at, count } });
  }

  /** Pushes the rows every stage is done with, once, enriched. */
  private announce(): boolean {
    const ready = Math.min(this.indexer.progress, this.verdictWorker.progress, this.checker.progress);
    if (ready <= this.announcedThrough) return false;
    const from = this.announcedThrough;
    this.announcedThrough = ready;
    if (!this.listening) return false;
    if (ready - from > maxAnnounced) this.options.emit({ type: 'overflow', count: ready - from });
    else this.options.emit({ type: 'exchanges', items: summariesBetween(this.sources, from, ready) });
    return false;
  }
}
