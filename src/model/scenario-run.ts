/**
 * A scenario run inside the app (POST /api/scenarios/run, issue #14 part 4) as the control API
 * answers it and the Scenarios view draws it. Pure types: the renderer imports them.
 */

/** `skipped`: after a step broke, or an expectation about a capture that never arrived. */
export type ScenarioItemStatus = 'pending' | 'running' | 'pass' | 'fail' | 'error' | 'skipped';

export interface ScenarioItem {
  kind: 'step' | 'expectation';
  /** Position among the plan's steps, or among its expectations. */
  index: number;
  /** In words, as the JUnit testcase is named. */
  name: string;
  /** Where it is written in the plan (1-based), so the editor can point at it. */
  line: number;
  status: ScenarioItemStatus;
  message: string;
  durationMs: number | null;
  /** Exchanges the runner sent or matched for this item (open them in the Inbox). */
  exchangeIds: number[];
}

/** A plan refused before (or while setting up) the run: its line and path, as the CLI prints them. */
export interface ScenarioPlanProblem {
  line: number;
  col: number;
  path: string;
  problem: string;
  /** `name:line:col: path: problem`. */
  message: string;
}

export interface ScenarioRun {
  id: string;
  plan: string;
  /** The file name the plan came with (an example's, a dropped file's, or `plan.yaml`). */
  file: string;
  /** `setup`: creating the plan's profiles, endpoints and templates; `error`: the run could not finish. */
  status: 'setup' | 'running' | 'passed' | 'failed' | 'error';
  startedAt: number;
  finishedAt: number | null;
  steps: ScenarioItem[];
  expectations: ScenarioItem[];
  /** Why the run stopped with `error` (the app refused a definition, or could not be reached). */
  error: string | null;
  /** Set when the app refused a definition of the plan during setup: the line to point at. */
  planProblem: ScenarioPlanProblem | null;
}

export interface ScenarioExample {
  /** File name in the package's examples/ folder; send it as `name` so its relative files resolve. */
  name: string;
  /** The plan's `name:`. */
  title: string;
  text: string;
}
