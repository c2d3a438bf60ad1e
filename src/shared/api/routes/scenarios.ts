import Type from 'typebox';
import type { ScenarioExample, ScenarioRun } from '../../../model/scenario-run.js';
import { defineRoutes, typed } from '../route.js';

const tags = ['scenarios'];
const RunParams = Type.Object({ id: Type.String({ description: 'A run id' }) });

export const scenarioRoutes = defineRoutes({
  listScenarioExamples: {
    method: 'GET',
    path: '/api/scenarios/examples',
    description: 'The example plans shipped in examples/ (name, title, text); empty when the package has none',
    tags,
    status: 200,
    response: typed<ScenarioExample[]>('Every example plan', { type: 'array' }),
  },
  runScenario: {
    method: 'POST',
    path: '/api/scenarios/run',
    description: 'Run a plan (`{plan: YAML text, name?: file name, files?: {relative path: base64}}`) against this app; answers `{runId}` at once. The plan\'s relative files (a HAR to replay, a golden request) come from `files` only, never from the app\'s disk. A bad plan: 400 INVALID_PLAN with its line, column and path. One run at a time (409 SCENARIO_BUSY).',
    tags,
    input: typed<{ plan: string; name?: string; files?: Record<string, string> }>('{plan, name?, files?}', {
      type: 'object',
      required: ['plan'],
      properties: { plan: { type: 'string' }, name: { type: 'string' }, files: { type: 'object', additionalProperties: { type: 'string' } } },
    }),
    status: 202,
    response: Type.Object({ runId: Type.String() }),
  },
  getScenarioRun: {
    method: 'GET',
    path: '/api/scenarios/runs/:id',
    description: 'A run: its status and every step and expectation (pending, running, pass, fail, error, skipped) with message, duration and exchange ids',
    tags,
    params: RunParams,
    status: 200,
    response: typed<ScenarioRun>('The run as it stands'),
  },
  getScenarioJunit: {
    method: 'GET',
    path: '/api/scenarios/runs/:id/junit',
    description: 'The JUnit XML of a finished run, as `postback-inspector test --junit` writes it',
    tags,
    params: RunParams,
    status: 200,
    produces: 'application/xml',
    response: Type.Unsafe<string>({ type: 'string', description: 'JUnit XML, as an attachment' }),
  },
});
