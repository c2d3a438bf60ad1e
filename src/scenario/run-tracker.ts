import type { ScenarioItem, ScenarioItemStatus, ScenarioRun } from '../model/scenario-run.js';
import { describeExpectation, describeStep } from './describe.js';
import type { LoadedPlan } from './plan-load.js';
import type { ProgressEvent, RunReport } from './run-plan.js';
import { SetupError } from './setup.js';

/**
 * Turns the runner's hooks (onStart, onProgress) into the state the Scenarios view polls: every
 * step and expectation listed from the start as pending, so the user sees the whole plan and
 * where the run is, not only what has finished.
 */
export interface RunTracker {
  readonly run: ScenarioRun;
  onStart(kind: 'step' | 'expectation', index: number): void;
  onProgress(event: ProgressEvent): void;
  finish(report: RunReport): void;
  fail(error: unknown): void;
}

export function trackRun(id: string, loaded: LoadedPlan, fileLabel: string, now: () => number = Date.now): RunTracker {
  const item = (kind: 'step' | 'expectation', index: number, name: string, path: string[]): ScenarioItem => ({
    kind,
    index,
    name,
    line: loaded.errorAt(path, '').line,
    status: 'pending',
    message: '',
    durationMs: null,
    exchangeIds: [],
  });
  const run: ScenarioRun = {
    id,
    plan: loaded.plan.name,
    file: fileLabel,
    status: 'setup',
    startedAt: now(),
    finishedAt: null,
    steps: loaded.plan.steps.map((s, i) => item('step', i, describeStep(s, i), ['steps', String(i)])),
    expectations: loaded.plan.expect.map((e, i) => item('expectation', i, describeExpectation(e), ['expect', String(i)])),
    error: null,
    planProblem: null,
  };
  // The runner reports in plan order, so "the one it started last" is the one a report is about.
  let current: ScenarioItem | null = null;
  const leftOver = (status: ScenarioItemStatus, message: string): void => {
    for (const x of [...run.steps, ...run.expectations]) {
      if (x.status === 'pending' || x.status === 'running') Object.assign(x, { status, message });
    }
  };
  return {
    run,
    onStart(kind, index) {
      run.status = 'running';
      current = (kind === 'step' ? run.steps : run.expectations)[index] ?? null;
      if (current) current.status = 'running';
    },
    onProgress(event) {
      if (!current || current.kind !== event.kind) return;
      current.status = event.skipped ? 'skipped' : event.ok ? 'pass' : event.error ? 'error' : 'fail';
      current.message = event.detail;
      current.durationMs = event.timeMs;
      current.exchangeIds = event.exchangeIds ?? [];
      // A broken step ends the steps: the ones after it never run.
      if (current.kind === 'step' && !event.ok) {
        for (const s of run.steps) if (s.status === 'pending') Object.assign(s, { status: 'skipped', message: `not run: step ${event.name} failed` });
      }
      current = null;
    },
    finish(report) {
      run.status = report.passed ? 'passed' : 'failed';
      run.finishedAt = now();
      leftOver('skipped', 'not run');
    },
    fail(error) {
      run.status = 'error';
      run.finishedAt = now();
      if (error instanceof SetupError) {
        const located = loaded.errorAt(error.path, `the app refused it: ${error.message}`);
        const message = `${fileLabel}:${located.line}:${located.col}: ${located.path}: ${located.problem}`;
        run.planProblem = { line: located.line, col: located.col, path: located.path, problem: located.problem, message };
        run.error = message;
      } else run.error = (error as Error).message;
      if (current) Object.assign(current, { status: 'error', message: run.error });
      leftOver('skipped', 'not run: the run stopped');
    },
  };
}
