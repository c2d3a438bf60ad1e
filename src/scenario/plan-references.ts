import { plainNames, references } from './interpolate.js';
import { expectKinds, kindOf, stepKinds, type Plan } from './plan-schema.js';
import type { ShapeError } from './schema-errors.js';

/**
 * What the schema cannot say: ids are unique, every name used (profile, template, capture, step,
 * `{{step.output}}`) is declared — steps only by earlier steps —, and files exist. All of it is
 * found before anything runs, so a typo costs exit 2 with its line, not a half-run scenario.
 */
export function checkReferences(plan: Plan, fileExists: (relative: string) => boolean): ShapeError[] {
  const problems: ShapeError[] = [];
  const problem = (path: Array<string | number>, message: string): void => void problems.push({ path: path.map(String), atKey: false, message });

  const profiles = unique(plan.profiles ?? [], 'profiles', problem);
  const templates = unique(plan.templates ?? [], 'templates', problem);
  unique(plan.endpoints ?? [], 'endpoints', problem);
  const vars = new Set(Object.keys(plan.vars ?? {}));

  (plan.profiles ?? []).forEach((p, i) => {
    if (!p.preset && !p.profile) problem(['profiles', i], 'give a preset or a profile');
    if (!p.preset && p.profile && !p.profile.name) problem(['profiles', i, 'profile'], 'an inline profile needs a name');
  });
  (plan.endpoints ?? []).forEach((e, i) => {
    if (!e.preset && !e.endpoint) problem(['endpoints', i], 'give a preset or an endpoint');
    if (!e.preset && e.endpoint && (!e.endpoint.name || !e.endpoint.path)) problem(['endpoints', i, 'endpoint'], 'an inline endpoint needs a name and a path');
    if (e.profile && !profiles.has(e.profile)) problem(['endpoints', i, 'profile'], `no profile "${e.profile}" in this plan`);
  });
  (plan.templates ?? []).forEach((t, i) => {
    if (t.template.profile && !profiles.has(t.template.profile)) problem(['templates', i, 'template', 'profile'], `no profile "${t.template.profile}" in this plan`);
  });
  for (const [name, value] of Object.entries(plan.vars ?? {})) textRefs(String(value), ['vars', name], new Set(), new Set(), problem);

  const steps = new Set<string>();
  plan.steps.forEach((step, i) => {
    const kind = kindOf(step, stepKinds);
    const at = ['steps', i, kind];
    if (step.id !== undefined) {
      if (steps.has(step.id)) problem(['steps', i, 'id'], `step id "${step.id}" is used twice`);
    }
    if ('send' in step || 'bulk' in step) {
      const body = 'send' in step ? step.send : step.bulk;
      if (typeof body.template === 'string' && !templates.has(body.template)) problem([...at, 'template'], `no template "${body.template}" in this plan`);
      if (typeof body.template === 'object' && body.template.profile && !profiles.has(body.template.profile)) problem([...at, 'template', 'profile'], `no profile "${body.template.profile}" in this plan`);
      for (const [name, value] of Object.entries(body.vars ?? {})) textRefs(String(value), [...at, 'vars', name], steps, vars, problem);
    }
    if ('request' in step) {
      textRefs(step.request.path, [...at, 'path'], steps, vars, problem);
      for (const [name, value] of Object.entries(step.request.query ?? {})) textRefs(String(value), [...at, 'query', name], steps, vars, problem);
      if (step.request.body !== undefined) textRefs(step.request.body, [...at, 'body'], steps, vars, problem);
    }
    if ('replay-har' in step && !fileExists(step['replay-har'])) problem(at, `no such file: ${step['replay-har']}`);
    if (step.id !== undefined) steps.add(step.id);
  });

  const captures = new Set<string>();
  plan.expect.forEach((item, i) => {
    const kind = kindOf(item, expectKinds);
    if ('arrives' in item) {
      for (const [name, value] of Object.entries(item.params ?? {})) textRefs(String(value), ['expect', i, 'params', name], steps, vars, problem);
      if (item.after !== undefined && !steps.has(item.after)) problem(['expect', i, 'after'], `no step "${item.after}"`);
      if (item.id !== undefined) {
        if (captures.has(item.id)) problem(['expect', i, 'id'], `capture id "${item.id}" is used twice`);
        captures.add(item.id);
      }
    }
    if ('of' in item && !captures.has(item.of)) problem(['expect', i, 'of'], `no earlier "arrives" expectation has id "${item.of}"`);
    if ('signature' in item && item.profile !== undefined && !profiles.has(item.profile)) problem(['expect', i, 'profile'], `no profile "${item.profile}" in this plan`);
    if ('diff' in item && !fileExists(item.diff)) problem(['expect', i, kind], `no such file: ${item.diff}`);
  });
  return problems;
}

function unique(list: ReadonlyArray<{ id: string }>, key: string, problem: (path: Array<string | number>, message: string) => void): Set<string> {
  const ids = new Set<string>();
  list.forEach((item, i) => {
    if (ids.has(item.id)) problem([key, i, 'id'], `id "${item.id}" is used twice`);
    ids.add(item.id);
  });
  return ids;
}

function textRefs(text: string, path: Array<string | number>, steps: ReadonlySet<string>, vars: ReadonlySet<string>, problem: (path: Array<string | number>, message: string) => void): void {
  for (const { head, key } of references(text)) {
    if (key === undefined) {
      if (!plainNames.has(head)) problem(path, `{{${head}}} is not receiver, run, uuid or now (a step output is {{step.name}})`);
    } else if (head === 'vars') {
      if (!vars.has(key)) problem(path, `{{vars.${key}}}: no such var in the plan's vars`);
    } else if (!steps.has(head)) {
      problem(path, `{{${head}.${key}}}: no earlier step has id "${head}"`);
    }
  }
}
