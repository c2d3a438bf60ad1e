/**
 * The derivation pipeline as hosts see it (GET /api/status). Pure types: shared by the core and
 * the renderer.
 */

/** The stages, in the order each capture goes through them. */
export type StageName = 'index' | 'verdicts' | 'baselines' | 'metrics' | 'announce';

/** How far each stage got (exchange ids). */
export interface PipelineProgress {
  indexedThrough: number;
  verdictsThrough: number;
  baselinesThrough: number;
  metricsThrough: number;
}

export interface StageFailure {
  stage: StageName;
  message: string;
  at: number;
  /** Failures in a row; the stage retries with a growing pause and carries on when it succeeds. */
  count: number;
}

export interface PipelineStatus {
  state: 'starting' | 'running' | 'restarting' | 'closed';
  /** Stages whose last batch failed (retrying), and why. */
  failures: StageFailure[];
  /** Times the thread died and was started again. */
  restarts: number;
  lastError: string | null;
  progress: PipelineProgress;
}
