/**
 * What the receiver's thread and the derivation thread say to each other. Plain data only
 * (structured clone): no Buffers of captures ever cross, each side reads SQLite itself.
 */
import type { BaselineResult } from '../model/comparison.js';
import type { ExchangeSummary } from '../model/exchange.js';
import type { DeltaRow } from '../model/metrics.js';
import type { VerdictSummary } from '../model/verdict.js';
import type { PipelineProgress, StageFailure, StageName } from '../model/derivation.js';

export type { PipelineProgress, StageFailure, StageName } from '../model/derivation.js';

export type HostMessage =
  /**
   * Rows up to maxId are committed. The receiver's loop was busy `loopActiveMs` of the `loopSpanMs`
   * since the previous notice (its event loop utilization, for the load meter).
   */
  | { type: 'committed'; maxId: number; loopActiveMs: number; loopSpanMs: number }
  | { type: 'deleted'; ids: number[] }
  | { type: 'cleared'; maxId: number }
  /** Verdicts were marked stale (profile or endpoint change): re-run them. */
  | { type: 'verdicts-stale' }
  | { type: 'pins-changed'; maxId: number }
  | { type: 'endpoints-changed' }
  /** Expected-conversion imports changed these keys. */
  | { type: 'relink'; keys: string[] }
  /** Whether anyone shows live rows (summaries are built only for an audience), and from which id they are owed. */
  | { type: 'audience'; listening: true; fromId: number }
  | { type: 'audience'; listening: false }
  | { type: 'settle'; id: number }
  | { type: 'close' };

export type ThreadMessage =
  | { type: 'ready'; progress: PipelineProgress }
  | { type: 'progress'; progress: PipelineProgress }
  /** New captures, fully derived (key params, verdict, baseline results, duplicate flag). */
  | { type: 'exchanges'; items: ExchangeSummary[] }
  /** Captures announced before whose derived facts changed (a verdict re-run). */
  | { type: 'exchanges-updated'; items: ExchangeSummary[] }
  /** Too many new captures to push one by one: the UI refetches. */
  | { type: 'overflow'; count: number }
  | { type: 'verdicts'; items: VerdictSummary[] }
  | { type: 'baseline-results'; items: BaselineResult[] }
  | { type: 'metrics-delta'; rows: DeltaRow[] }
  | { type: 'stage-failed'; failure: StageFailure }
  | { type: 'stage-recovered'; stage: StageName }
  | { type: 'settled'; id: number; failures: StageFailure[] }
  | { type: 'closed' };
