import { randomUUID } from 'node:crypto';

/**
 * `{{…}}` in plan values: `{{receiver}}` (the receiver's base URL), `{{run}}` (this run's id, to
 * keep click ids unique in a long-running app), `{{uuid}}` / `{{now}}` (fresh at each use),
 * `{{vars.name}}` and `{{step.output}}` (what an earlier step produced). Anything else is an error:
 * a typo must fail the plan, not compare against the literal text.
 */

export interface Scope {
  receiver: string;
  run: string;
  vars: Record<string, string>;
  /** Step id → its outputs. */
  steps: Map<string, Record<string, string>>;
}

const token = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)(?:\.([A-Za-z0-9_.-]+))?\s*\}\}/g;

export class InterpolationError extends Error {}

export function interpolate(text: string, scope: Scope): string {
  return text.replace(token, (whole, head: string, key: string | undefined) => {
    if (key === undefined) {
      if (head === 'receiver') return scope.receiver;
      if (head === 'run') return scope.run;
      if (head === 'uuid') return randomUUID();
      if (head === 'now') return String(Date.now());
      throw new InterpolationError(`${whole}: unknown name (receiver, run, uuid, now, vars.<name> or <step>.<output>)`);
    }
    const source = head === 'vars' ? scope.vars : scope.steps.get(head);
    if (!source) throw new InterpolationError(`${whole}: no step "${head}" has run`);
    const value = source[key];
    if (value === undefined) throw new InterpolationError(`${whole}: ${head === 'vars' ? 'no such var' : `step ${head} has no output "${key}" (it has ${Object.keys(source).join(', ') || 'none'})`}`);
    return value;
  });
}

export function interpolateMap(map: Record<string, string> | undefined, scope: Scope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(map ?? {})) out[name] = interpolate(value, scope);
  return out;
}

/** Only `{{receiver}}`: templates and endpoints have `{{…}}` macros of their own (double-curly dialect, `{{query.x}}`). */
export function withReceiver(text: string, receiver: string): string {
  return text.replace(/\{\{\s*receiver\s*\}\}/g, receiver);
}

/** Every `{{head.key}}` reference in a text, for the loader's check that `head` is an earlier step or `vars`. */
export function references(text: string): Array<{ head: string; key: string | undefined }> {
  return [...text.matchAll(token)].map((m) => ({ head: m[1]!, key: m[2] }));
}

export const plainNames = new Set(['receiver', 'run', 'uuid', 'now']);
