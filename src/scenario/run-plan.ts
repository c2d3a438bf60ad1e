import { randomBytes } from 'node:crypto';
import type { ApiClient } from './api-client.js';
import { describeExpectation, describeStep } from './describe.js';
import { expectArrives, expectNoDuplicates, type Outcome } from './expect-arrival.js';
import { expectDiff, expectSignature, expectVerdict } from './expect-capture.js';
import { expectDeliveryRate, expectPercentile } from './expect-metrics.js';
import type { LoadedPlan } from './plan-load.js';
import type { Expectation, Step } from './plan-schema.js';
import { durationMs, sleep, textMap, type RunContext } from './run-context.js';
import { setUp, tearDown, type Created } from './setup.js';
import { runReplayHar, runRequest } from './step-request.js';
import { runBulk, runSend } from './step-send.js';

export type CaseStatus = 'passed' | 'failed' | 'error' | 'skipped';

/** One JUnit testcase: an expectation, or a step that broke the run. */
export interface CaseResult {
  kind: 'step' | 'expectation';
  name: string;
  status: CaseStatus;
  message: string;
  timeMs: number;
  /** Exchanges it sent or matched, where the runner knows them (the UI links to them). */
  exchangeIds?: number[];
}

export interface RunReport {
  plan: string;
  file: string;
  startedAt: string;
  timeMs: number;
  /** Steps as they ran (also the progress lines). */
  steps: Array<{ name: string; ok: boolean; detail: string; timeMs: number; outputs: Record<string, string>; exchangeIds?: number[] }>;
  cases: CaseResult[];
  passed: boolean;
}

export type ProgressEvent = { kind: 'step' | 'expectation'; name: string; ok: boolean; detail: string; timeMs: number; skipped?: boolean; error?: boolean; exchangeIds?: number[] };

export interface RunOptions {
  api: ApiClient;
  loaded: LoadedPlan;
  /** Remove what setup created (a running app is the user's; a headless core is thrown away anyway). */
  cleanUp: boolean;
  onProgress?: (event: ProgressEvent) => void;
  /** Before each step and expectation (by its index in the plan): the app's view shows it running. */
  onStart?: (kind: 'step' | 'expectation', index: number) => void;
}

/** Setup, the steps in order (stopping at the first that breaks), then every expectation. */
export async function runPlan(options: RunOptions): Promise<RunReport> {
  const { api, loaded } = options;
  const status = await api.call('getStatus');
  const startedAt = Date.now();
  const ctx: RunContext = {
    api,
    loaded,
    scope: { receiver: status.receiverUrl.replace(/\/+$/, ''), run: randomBytes(4).toString('hex'), vars: {}, steps: new Map() },
    startedAt,
    profiles: new Map(),
    endpoints: new Map(),
    templates: new Map(),
    stepEnds: new Map(),
    lastStepEnd: startedAt,
    captures: new Map(),
  };
  ctx.scope.vars = Object.fromEntries(Object.entries(textMap(loaded.plan.vars)).map(([k, v]) => [k, v.replace(/\{\{\s*(receiver|run)\s*\}\}/g, (_m, name: string) => (name === 'run' ? ctx.scope.run : ctx.scope.receiver))]));
  const report: RunReport = { plan: loaded.plan.name, file: loaded.file, startedAt: new Date(startedAt).toISOString(), timeMs: 0, steps: [], cases: [], passed: false };
  const created: Created = { profiles: [], endpoints: [], templates: [] };
  try {
    await setUp(ctx, created);
    const broken = await runSteps(ctx, report, options);
    for (const [i, e] of loaded.plan.expect.entries()) {
      options.onStart?.('expectation', i);
      report.cases.push(await runExpectation(e, ctx, broken, options));
    }
  } finally {
    if (options.cleanUp) await tearDown(api, created);
  }
  report.timeMs = Date.now() - startedAt;
  report.passed = report.cases.every((c) => c.status === 'passed');
  return report;
}

/** Returns the name of the step that broke the run, or null. */
async function runSteps(ctx: RunContext, report: RunReport, options: RunOptions): Promise<string | null> {
  for (const [i, step] of ctx.loaded.plan.steps.entries()) {
    const name = describeStep(step, i);
    options.onStart?.('step', i);
    const started = Date.now();
    try {
      const { outputs, detail, exchangeIds = [] } = await runStep(step, ctx);
      const timeMs = Date.now() - started;
      if (step.id !== undefined) ctx.scope.steps.set(step.id, outputs);
      ctx.lastStepEnd = Date.now();
      if (step.id !== undefined) ctx.stepEnds.set(step.id, ctx.lastStepEnd);
      report.steps.push({ name, ok: true, detail, timeMs, outputs, exchangeIds });
      options.onProgress?.({ kind: 'step', name, ok: true, detail, timeMs, exchangeIds });
    } catch (error) {
      const timeMs = Date.now() - started;
      const detail = (error as Error).message;
      report.steps.push({ name, ok: false, detail, timeMs, outputs: {} });
      report.cases.push({ kind: 'step', name: `step ${name}`, status: 'error', message: detail, timeMs });
      options.onProgress?.({ kind: 'step', name, ok: false, detail, timeMs, error: true });
      return name;
    }
  }
  return null;
}

async function runStep(step: Step, ctx: RunContext): Promise<{ outputs: Record<string, string>; detail: string; exchangeIds?: number[] }> {
  if ('send' in step) return runSend(step.send, ctx);
  if ('bulk' in step) return runBulk(step.bulk, ctx);
  if ('request' in step) return runRequest(step.request, ctx);
  if ('replay-har' in step) return runReplayHar(step['replay-har'], ctx);
  const ms = durationMs(step.wait);
  await sleep(ms);
  return { outputs: {}, detail: `waited ${ms} ms` };
}

async function runExpectation(e: Expectation, ctx: RunContext, broken: string | null, options: RunOptions): Promise<CaseResult> {
  const name = describeExpectation(e);
  const started = Date.now();
  const done = (status: CaseStatus, message: string, exchangeIds: number[] = []): CaseResult => {
    const result: CaseResult = { kind: 'expectation', name, status, message, timeMs: Date.now() - started, exchangeIds };
    options.onProgress?.({ kind: 'expectation', name, ok: status === 'passed', detail: message, timeMs: result.timeMs, exchangeIds, ...(status === 'skipped' ? { skipped: true } : {}), ...(status === 'error' ? { error: true } : {}) });
    return result;
  };
  if (broken !== null) return done('skipped', `not checked: step ${broken} failed`);
  let capture: number | undefined;
  if ('of' in e) {
    capture = ctx.captures.get(e.of);
    if (capture === undefined) return done('skipped', `not checked: capture ${e.of} did not arrive`);
  }
  try {
    const outcome = await check(e, capture, ctx);
    return done(outcome.ok ? 'passed' : 'failed', outcome.message, outcome.exchangeIds);
  } catch (error) {
    return done('error', (error as Error).message);
  }
}

function check(e: Expectation, capture: number | undefined, ctx: RunContext): Promise<Outcome> {
  if ('arrives' in e) return expectArrives(e, ctx);
  if ('no-duplicates' in e) return expectNoDuplicates(e, ctx);
  if ('signature' in e) return expectSignature(e, capture!, ctx);
  if ('verdict' in e) return expectVerdict(e, capture!, ctx);
  if ('diff' in e) return expectDiff(e, capture!, ctx);
  if ('delivery-rate' in e) return expectDeliveryRate(e['delivery-rate'], e.side ?? 'sender', ctx);
  if ('p50' in e) return expectPercentile('p50', e.p50, e.side ?? 'sender', ctx);
  if ('p90' in e) return expectPercentile('p90', e.p90, e.side ?? 'sender', ctx);
  return expectPercentile('p99', e.p99, e.side ?? 'sender', ctx);
}
