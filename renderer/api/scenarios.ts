import { callApi, callApiRaw } from './call';
import { saveResponse } from '../lib/download';

/** Typed client for the scenario routes (src/control/scenario-routes.ts). */

export const listExamples = () => callApi('listScenarioExamples');

/**
 * `name`: the file name, so an example's relative files resolve and errors name the file.
 * `files`: the plan's relative files (path → base64); the app reads none from its own disk.
 */
export const startRun = (plan: string, name: string, files: Record<string, string> = {}) => callApi('runScenario', { body: { plan, name, files } });

export const getRun = (id: string, signal?: AbortSignal) => callApi('getScenarioRun', { params: { id }, signal });

/** Fetched and handed over as a blob: the bearer token cannot ride in a plain link. */
export async function downloadJunit(id: string): Promise<void> {
  const res = await callApiRaw('getScenarioJunit', { params: { id } });
  await saveResponse(res, 'scenario.junit.xml');
}
