import type { BulkProgress, BulkSummary, TemplateSpec } from '../model/sender.js';
import { interpolateMap } from './interpolate.js';
import type { PlanTemplate, StepOf } from './plan-schema.js';
import { sleep, textMap, type RunContext } from './run-context.js';
import { templateSpec } from './setup.js';

type SendBody = StepOf<'send'>['send'] | StepOf<'bulk'>['bulk'];

/** Outputs: every macro value the postback carried (vars, defaults, built-ins), delivered, status, exchangeId. */
export async function runSend(step: StepOf<'send'>['send'], ctx: RunContext): Promise<{ outputs: Record<string, string>; detail: string; exchangeIds: number[] }> {
  const vars = interpolateMap(textMap(step.vars), ctx.scope);
  const result = await ctx.api.call('send', { body: { ...templateOf(step.template, ctx), ...overrides(step, ctx), vars, wait: step.wait ?? 'final' } });
  const outputs: Record<string, string> = { ...vars };
  for (const macro of result.preview.macros) if (macro.value !== null) outputs[macro.name] = macro.value;
  const last = result.attempts[result.attempts.length - 1];
  Object.assign(outputs, {
    delivered: String(result.delivered),
    status: last?.status === null || last === undefined ? '' : String(last.status),
    attempts: String(result.attempts.length),
    exchangeId: String(result.outbox.exchangeId),
    url: result.preview.url,
  });
  return { outputs, exchangeIds: [result.outbox.exchangeId], detail: `${result.preview.method} ${result.preview.url} → ${last?.status ?? last?.error ?? 'not sent'} after ${result.attempts.length} attempt(s)` };
}

/** Waits for the run's summary; outputs its counts and delivery rate. */
export async function runBulk(step: StepOf<'bulk'>['bulk'], ctx: RunContext): Promise<{ outputs: Record<string, string>; detail: string }> {
  const vars = interpolateMap(textMap(step.vars), ctx.scope);
  const started = await ctx.api.call('startBulk', {
    body: {
      ...templateOf(step.template, ctx),
      ...overrides(step, ctx),
      vars,
      count: step.count,
      ...(step.generators ? { generators: step.generators } : {}),
      ...(step.concurrency === undefined ? {} : { concurrency: step.concurrency }),
      ...(step.ratePerSecond === undefined ? {} : { ratePerSecond: step.ratePerSecond }),
    },
  });
  let progress: BulkProgress | BulkSummary = started;
  while (!progress.done) {
    await sleep(100);
    progress = await ctx.api.call('getBulk', { params: { id: started.bulkId } });
  }
  const summary = progress as BulkSummary;
  return {
    outputs: { bulkId: summary.bulkId, total: String(summary.total), delivered: String(summary.delivered), failed: String(summary.failed), refused: String(summary.refused), deliveryRate: String(summary.deliveryRate) },
    detail: `${summary.delivered}/${summary.total} delivered, ${summary.failed} failed, ${summary.refused} refused`,
  };
}

function templateOf(template: string | PlanTemplate, ctx: RunContext): { templateId: number } | { template: TemplateSpec } {
  return typeof template === 'string' ? { templateId: ctx.templates.get(template)! } : { template: templateSpec(template, ctx, 'scenario inline template') };
}

/** The plan's timeScale applies to every send unless the step says otherwise. */
function overrides(step: SendBody, ctx: RunContext): Record<string, unknown> {
  const timeScale = step.timeScale ?? ctx.loaded.plan.settings?.timeScale;
  return {
    ...(step.retry ? { retry: step.retry } : {}),
    ...(step.success ? { success: step.success } : {}),
    ...(timeScale === undefined ? {} : { timeScale }),
    ...(step.timeoutMs === undefined ? {} : { timeoutMs: step.timeoutMs }),
    ...(step.sendAnyway ? { sendAnyway: true } : {}),
  };
}
