/**
 * Scenario runs inside the app (issue #14 part 4): the Scenarios view posts a plan's text, the
 * runner of `postback-inspector test` runs it against this app's own control API (the same HTTP
 * path as `--control`, so a plan behaves here as in CI), and the view polls the run's state.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CoreError } from '../errors.js';
import type { ScenarioExample, ScenarioRun } from '../model/scenario-run.js';
import { packageRoot } from '../package-root.js';
import { apiClient } from '../scenario/api-client.js';
import { renderJunit } from '../scenario/junit.js';
import { attachedFiles, folderFiles, layeredFiles } from '../scenario/plan-files.js';
import { loadPlan, PlanError, type LoadedPlan } from '../scenario/plan-load.js';
import { runPlan, type RunReport } from '../scenario/run-plan.js';
import { trackRun, type RunTracker } from '../scenario/run-tracker.js';
import type { TextPosition } from '../shared/api/route.js';
import { handle } from './typed-route.js';

/** Finished runs kept for the view (and their JUnit); older ones are forgotten. */
const keptRuns = 20;
/** A plan's attached files (HARs, golden requests) come as base64 inside the JSON body. */
const runBodyLimit = 64 * 1024 * 1024;
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface ScenarioRouteDeps {
  /** Where the runner reaches this app: known only once the control server listens. */
  control: () => { url: string; token: string };
  /** The shipped example plans; null when the package has none (the packaged app ships dist/ only). */
  examplesDir?: string | null;
}

interface Entry {
  tracker: RunTracker;
  report: RunReport | null;
}

export function registerScenarioRoutes(api: FastifyInstance, deps: ScenarioRouteDeps): void {
  const examplesDir = deps.examplesDir === undefined ? defaultExamplesDir() : deps.examplesDir;
  const runs = new Map<string, Entry>();

  handle(api, 'listScenarioExamples', async (): Promise<ScenarioExample[]> => {
    if (!examplesDir) return [];
    return exampleNames(examplesDir).map((name) => {
      const text = readFileSync(join(examplesDir, name), 'utf8');
      return { name, title: /^name:\s*(.+?)\s*$/m.exec(text)?.[1] ?? name, text };
    });
  });

  handle(
    api,
    'runScenario',
    async (request) => {
    const body = (request.body ?? {}) as { plan?: unknown; name?: unknown; files?: unknown };
    if (typeof body.plan !== 'string' || body.plan.trim() === '') throw new CoreError('BAD_REQUEST', 'plan must be the text of a scenario plan (YAML)');
    const label = typeof body.name === 'string' && body.name.trim() ? basename(body.name.trim()).slice(0, 200) : 'plan.yaml';
    const busy = [...runs.values()].find((e) => e.tracker.run.finishedAt === null);
    if (busy) throw new CoreError('SCENARIO_BUSY', `run ${busy.tracker.run.id} (${busy.tracker.run.plan}) has not finished`);
    const loaded = load(body.plan, label, examplesDir, attachments(body.files));
    const id = randomBytes(6).toString('hex');
    const entry: Entry = { tracker: trackRun(id, loaded, label), report: null };
    runs.set(id, entry);
    forgetOld(runs);
    const { url, token } = deps.control();
    const { tracker } = entry;
    // Not awaited: the view polls. Every failure ends up in the run's state, never unhandled.
    void runPlan({ api: apiClient(url, token), loaded, cleanUp: true, onStart: tracker.onStart, onProgress: tracker.onProgress }).then(
      (report) => {
        entry.report = report;
        tracker.finish(report);
      },
      (error: unknown) => tracker.fail(error),
    );
    return { runId: id };
    },
    { bodyLimit: runBodyLimit },
  );

  handle(api, 'getScenarioRun', async (request): Promise<ScenarioRun> => find(runs, request.params).tracker.run);

  handle(api, 'getScenarioJunit', async (request, reply) => {
    const entry = find(runs, request.params);
    if (!entry.report) throw new CoreError('NOT_FOUND', `a JUnit report for run ${entry.tracker.run.id}: ${entry.tracker.run.finishedAt === null ? 'it has not finished' : 'it stopped before it had one'}`);
    const file = `${entry.report.plan.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-|-$/g, '') || 'scenario'}.junit.xml`;
    return reply.type('application/xml; charset=utf-8').header('Content-Disposition', `attachment; filename="${file}"`).send(renderJunit(entry.report));
  });
}

function defaultExamplesDir(): string | null {
  try {
    const dir = join(packageRoot(), 'examples');
    return existsSync(dir) ? dir : null;
  } catch {
    return null;
  }
}

function exampleNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => e.name)
    .sort();
}

function attachments(value: unknown): Map<string, Buffer> {
  if (value === undefined || value === null) return new Map();
  if (typeof value !== 'object' || Array.isArray(value)) throw new CoreError('BAD_REQUEST', 'files must map each relative path to its bytes in base64');
  const files = new Map<string, Buffer>();
  for (const [path, content] of Object.entries(value)) {
    if (typeof content !== 'string' || !base64.test(content)) throw new CoreError('BAD_REQUEST', `files["${path}"] must be base64`);
    files.set(path, Buffer.from(content, 'base64'));
  }
  return files;
}

/**
 * A plan run from the app came as text, with no folder: its relative files are the ones attached
 * to it, plus, for a shipped example, the files beside it. Any other name finds nothing (the plan
 * is refused at its line), so a plan can never make the app read from its disk.
 */
function load(text: string, label: string, examplesDir: string | null, files: Map<string, Buffer>): LoadedPlan {
  const isExample = examplesDir !== null && exampleNames(examplesDir).includes(label);
  const attached = attachedFiles(files);
  const source = isExample ? layeredFiles(attached, folderFiles(examplesDir)) : attached;
  try {
    return loadPlan(text, isExample ? join(examplesDir, label) : label, source);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    const hint = error.problem.startsWith('no such file') ? ' (attach it: drop it on the plan or use "Attach files…"; through the API, send it in `files`)' : '';
    throw new PlanRefused(label, error, `${error.problem}${hint}`);
  }
}

/**
 * INVALID_PLAN with the line and column as numbers too, and the path and problem as its one
 * field, so an editor points at the place without reading the message.
 */
class PlanRefused extends CoreError {
  private readonly at: TextPosition;
  constructor(label: string, plan: PlanError, problem: string) {
    super('INVALID_PLAN', `${label}:${plan.line}:${plan.col}: ${plan.path}: ${problem}`, [{ field: plan.path, message: problem }]);
    this.at = { line: plan.line, col: plan.col };
  }
  override toJSON(): ReturnType<CoreError['toJSON']> & { error: TextPosition } {
    const base = super.toJSON();
    return { error: { ...base.error, ...this.at } };
  }
}

function find(runs: Map<string, Entry>, params: { id: string }): Entry {
  const id = params.id;
  const entry = runs.get(id);
  if (!entry) throw new CoreError('NOT_FOUND', `scenario run ${id}`);
  return entry;
}

function forgetOld(runs: Map<string, Entry>): void {
  // A Map keeps insertion order: the first entries are the oldest.
  for (const [id, entry] of runs) {
    if (runs.size <= keptRuns) return;
    if (entry.tracker.run.finishedAt !== null) runs.delete(id);
  }
}
