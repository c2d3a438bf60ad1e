import { createStore } from 'zustand/vanilla';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ScenarioExample, ScenarioRun } from '../../src/model/scenario-run';
import { ApiError, errorMessage } from '../api/http';
import { getRun, listExamples, startRun } from '../api/scenarios';

/** Polling is simple and enough: a run's items change a few times a second at most. */
const POLL_MS = 500;

/** Where the plan is wrong, for the editor to point at. */
export interface PlanProblem {
  line: number;
  col: number;
  message: string;
}

interface ScenariosState {
  text: string;
  /** The file name the plan came from; an example's name lets its golden files resolve. */
  fileName: string;
  examples: ScenarioExample[] | null;
  problem: PlanProblem | null;
  /** Anything else that stopped a run from starting (unreachable app, a run already going). */
  error: string | null;
  starting: boolean;
  run: ScenarioRun | null;
  /** Bumped when a whole plan replaces the text (example, file): the editor scrolls back to the top. */
  opened: number;
}

export const scenariosStore = createStore<ScenariosState>()(
  persist(
    () => ({ text: '', fileName: 'plan.yaml', examples: null, problem: null, error: null, starting: false, run: null, opened: 0 }) as ScenariosState,
    {
      name: 'postback-inspector.scenarios',
      storage: createJSONStorage(() => localStorage),
      // The plan being edited survives a reload; runs live in the app and are polled again.
      partialize: ({ text, fileName }) => ({ text, fileName }),
    },
  ),
);

export function editPlan(text: string): void {
  scenariosStore.setState({ text });
}

export function openPlan(text: string, fileName: string): void {
  scenariosStore.setState((s) => ({ text, fileName, problem: null, error: null, opened: s.opened + 1 }));
}

export async function loadExamples(): Promise<void> {
  try {
    scenariosStore.setState({ examples: await listExamples() });
  } catch {
    // No examples is a normal state (the packaged app ships none): the menu stays hidden.
    scenariosStore.setState({ examples: [] });
  }
}

let polling: AbortController | null = null;

export async function runPlan(): Promise<void> {
  const { text, fileName, starting, run } = scenariosStore.getState();
  if (starting || (run && run.finishedAt === null)) return;
  scenariosStore.setState({ starting: true, problem: null, error: null });
  try {
    const { runId } = await startRun(text, fileName);
    scenariosStore.setState({ run: null });
    void follow(runId);
  } catch (err) {
    const problem = err instanceof ApiError && err.code === 'INVALID_PLAN' ? problemOf(err.message, fileName) : null;
    scenariosStore.setState(problem ? { problem } : { error: errorMessage(err) });
  } finally {
    scenariosStore.setState({ starting: false });
  }
}

/** Polls until the run finishes; a newer run (or a new follow) stops the older loop. */
async function follow(runId: string): Promise<void> {
  polling?.abort();
  const controller = new AbortController();
  polling = controller;
  while (!controller.signal.aborted) {
    try {
      const run = await getRun(runId, controller.signal);
      if (controller.signal.aborted) return;
      scenariosStore.setState({ run });
      if (run.finishedAt !== null) return;
    } catch (err) {
      if (controller.signal.aborted) return;
      scenariosStore.setState({ error: `Lost the run: ${errorMessage(err)}` });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * The 400's message ends with `file:line:col: path: problem` (src/control/scenario-routes.ts);
 * the file name is ours, so it anchors the parse even when the problem itself holds colons.
 */
function problemOf(message: string, fileName: string): PlanProblem | null {
  const at = message.indexOf(`${fileName}:`);
  if (at < 0) return null;
  const m = /^(\d+):(\d+): ([\s\S]*)$/.exec(message.slice(at + fileName.length + 1));
  return m ? { line: Number(m[1]), col: Number(m[2]), message: m[3]! } : null;
}
