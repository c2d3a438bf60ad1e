import type { ScenarioExample, ScenarioRun } from '../../src/model/scenario-run';
import { json, request, send, withSignal } from './http';
import { saveResponse } from '../lib/download';

/** Typed client for the scenario routes (src/control/scenario-routes.ts). */

export const listExamples = (): Promise<ScenarioExample[]> => json<ScenarioExample[]>('/api/scenarios/examples');

/**
 * `name`: the file name, so an example's relative files resolve and errors name the file.
 * `files`: the plan's relative files (path → base64); the app reads none from its own disk.
 */
export const startRun = (plan: string, name: string, files: Record<string, string> = {}): Promise<{ runId: string }> => json<{ runId: string }>('/api/scenarios/run', send('POST', { plan, name, files }));

export const getRun = (id: string, signal?: AbortSignal): Promise<ScenarioRun> => json<ScenarioRun>(`/api/scenarios/runs/${encodeURIComponent(id)}`, withSignal(signal));

/** Fetched and handed over as a blob: the bearer token cannot ride in a plain link. */
export async function downloadJunit(id: string): Promise<void> {
  const res = await request(`/api/scenarios/runs/${encodeURIComponent(id)}/junit`);
  await saveResponse(res, 'scenario.junit.xml');
}
