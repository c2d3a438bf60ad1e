import { createStore } from 'zustand/vanilla';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ScenarioExample, ScenarioRun } from '../../src/model/scenario-run';
import { errorMessage, FieldApiError } from '../api/http';
import { getRun, listExamples, startRun } from '../api/scenarios';
import { bytesToBase64 } from '../lib/bytes';
import { problemOf, type PlanProblem } from './plan-problem';

/** Polling is simple and enough: a run's items change a few times a second at most. */
const POLL_MS = 500;

/** A file handed over with the plan (a HAR to replay, a golden request), as the plan names it. */
export interface PlanAttachment {
  name: string;
  size: number;
  base64: string;
}

interface ScenariosState {
  text: string;
  /**
   * The plan's relative files: the app reads none from its disk, so they travel with the plan.
   * Kept in memory only (they can be large); a plan opened anew starts without any.
   */
  attachments: PlanAttachment[];
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
    () => ({ text: '', attachments: [], fileName: 'plan.yaml', examples: null, problem: null, error: null, starting: false, run: null, opened: 0 }) as ScenariosState,
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
  scenariosStore.setState((s) => ({ text, fileName, attachments: [], problem: null, error: null, opened: s.opened + 1 }));
}

const isPlanFile = (file: File) => /\.ya?ml$/i.test(file.name) || /yaml/.test(file.type);

/**
 * Files dropped or picked together: a .yaml one becomes the plan, every other one is attached to
 * it (a file of the same name replaces the one attached before). The relative path a folder drop
 * gives (`golden/x.http`) is kept; a plain pick gives the name only, which the app matches too.
 */
export async function openFiles(files: File[]): Promise<void> {
  const plan = files.find(isPlanFile);
  if (plan) openPlan(await plan.text(), plan.name);
  const others = files.filter((f) => f !== plan);
  if (others.length === 0) return;
  const added = await Promise.all(others.map(async (f): Promise<PlanAttachment> => ({ name: f.webkitRelativePath || f.name, size: f.size, base64: bytesToBase64(new Uint8Array(await f.arrayBuffer())) })));
  scenariosStore.setState((s) => ({ attachments: [...s.attachments.filter((a) => !added.some((b) => b.name === a.name)), ...added], problem: null }));
}

export function detachFile(name: string): void {
  scenariosStore.setState((s) => ({ attachments: s.attachments.filter((a) => a.name !== name) }));
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
  const { text, fileName, attachments, starting, run } = scenariosStore.getState();
  if (starting || (run && run.finishedAt === null)) return;
  scenariosStore.setState({ starting: true, problem: null, error: null });
  try {
    const { runId } = await startRun(text, fileName, Object.fromEntries(attachments.map((a) => [a.name, a.base64])));
    scenariosStore.setState({ run: null });
    void follow(runId);
  } catch (err) {
    const problem = err instanceof FieldApiError ? problemOf(err) : null;
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
