import type { Endpoint, EndpointInput, FieldError, ResponseSpec, Rule } from '../../../src/model/endpoint';

/** The definition without what the server adds when storing it. */
export function toInput(endpoint: Endpoint): EndpointInput {
  const { id: _id, position: _position, createdAt: _created, updatedAt: _updated, ...input } = endpoint;
  return input;
}

export function plainResponse(status = 200, body = 'OK'): ResponseSpec {
  return { status, headers: [['Content-Type', 'text/plain; charset=utf-8']], body };
}

export function blankEndpoint(existing: readonly Endpoint[]): EndpointInput {
  const taken = new Set(existing.map((e) => e.path));
  let n = 1;
  while (taken.has(n === 1 ? '/mock' : `/mock-${n}`)) n++;
  return {
    name: n === 1 ? 'New endpoint' : `New endpoint ${n}`,
    enabled: true,
    methods: [],
    path: n === 1 ? '/mock' : `/mock-${n}`,
    correlationKeys: [],
    rules: [],
    fallback: plainResponse(),
  };
}

export function newRule(rules: readonly Rule[]): Rule {
  const ids = new Set(rules.map((r) => r.id));
  let n = rules.length + 1;
  while (ids.has(`rule-${n}`)) n++;
  return { id: `rule-${n}`, name: '', enabled: true, conditions: [], responses: [plainResponse()] };
}

/** JSON with sorted keys: two definitions that differ only in key order are the same. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** Parses the JSON tab's text; the message says where it broke. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    if (at) {
      const pos = Number(at[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      return { ok: false, message: `${message.replace(/ in JSON at position \d+.*$/, '')} (line ${line}, column ${col})` };
    }
    return { ok: false, message };
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isHeaders = (v: unknown) => Array.isArray(v) && v.every((h) => Array.isArray(h) && h.length === 2 && typeof h[0] === 'string' && typeof h[1] === 'string');
const isOptNum = (v: unknown) => v === undefined || typeof v === 'number';

function responseProblem(v: unknown, at: string): string | null {
  if (!isObj(v)) return `${at} is not an object`;
  if (typeof v['status'] !== 'number') return `${at}.status is not a number`;
  if (!isHeaders(v['headers'])) return `${at}.headers is not a list of [name, value] pairs`;
  if (typeof v['body'] !== 'string') return `${at}.body is not a string`;
  const d = v['delayMs'];
  if (!(d === undefined || typeof d === 'number' || (isObj(d) && typeof d['min'] === 'number' && typeof d['max'] === 'number'))) {
    return `${at}.delayMs is neither a number nor { min, max }`;
  }
  return null;
}

/**
 * Whether the form tabs can show this value. The server is the judge of validity; this only
 * guards the form from shapes it cannot draw (JSON edits may hold anything until saved).
 */
export function formShapeProblem(v: unknown): string | null {
  if (!isObj(v)) return 'the definition is not a JSON object';
  if (typeof v['name'] !== 'string') return 'name is not a string';
  if (typeof v['enabled'] !== 'boolean') return 'enabled is not true or false';
  if (!isStrings(v['methods'])) return 'methods is not a list of strings';
  if (typeof v['path'] !== 'string') return 'path is not a string';
  if (!isStrings(v['correlationKeys'])) return 'correlationKeys is not a list of strings';
  if (!(v['notes'] === undefined || typeof v['notes'] === 'string')) return 'notes is not a string';
  const fallback = responseProblem(v['fallback'], 'fallback');
  if (fallback) return fallback;
  const cb = v['callback'];
  if (!(cb === undefined || cb === null)) {
    if (!isObj(cb) || typeof cb['url'] !== 'string' || typeof cb['method'] !== 'string' || !isHeaders(cb['headers']) || typeof cb['body'] !== 'string' || typeof cb['delayMs'] !== 'number') {
      return 'callback needs url, method, headers, body and delayMs';
    }
  }
  const rules = v['rules'];
  if (!Array.isArray(rules)) return 'rules is not a list';
  for (const [r, rule] of rules.entries()) {
    const at = `rules[${r}]`;
    if (!isObj(rule)) return `${at} is not an object`;
    if (typeof rule['id'] !== 'string') return `${at}.id is not a string`;
    if (typeof rule['enabled'] !== 'boolean') return `${at}.enabled is not true or false`;
    if (!(rule['name'] === undefined || typeof rule['name'] === 'string')) return `${at}.name is not a string`;
    if (!Array.isArray(rule['conditions'])) return `${at}.conditions is not a list`;
    for (const [c, cond] of rule['conditions'].entries()) {
      if (!isObj(cond) || typeof cond['source'] !== 'string' || typeof cond['name'] !== 'string' || typeof cond['op'] !== 'string') {
        return `${at}.conditions[${c}] needs source, name and op`;
      }
      if (!(cond['value'] === undefined || typeof cond['value'] === 'string')) return `${at}.conditions[${c}].value is not a string`;
    }
    if (!Array.isArray(rule['responses'])) return `${at}.responses is not a list`;
    for (const [i, response] of rule['responses'].entries()) {
      const problem = responseProblem(response, `${at}.responses[${i}]`);
      if (problem) return problem;
    }
    const failure = rule['failure'];
    if (failure !== undefined) {
      if (!isObj(failure) || typeof failure['mode'] !== 'string') return `${at}.failure needs a mode`;
      for (const key of ['count', 'percent', 'seed', 'delayMs']) if (!isOptNum(failure[key])) return `${at}.failure.${key} is not a number`;
      if (failure['response'] !== undefined) {
        const problem = responseProblem(failure['response'], `${at}.failure.response`);
        if (problem) return problem;
      }
    }
  }
  return null;
}

export type EditorTab = 'rules' | 'fallback' | 'callback' | 'settings' | 'json';

/** Which tab shows the input for a server field path. */
export function tabForField(field: string): EditorTab {
  if (/^rules(\[|\.|$)/.test(field)) return 'rules';
  if (/^fallback(\[|\.|$)/.test(field)) return 'fallback';
  if (/^callback(\[|\.|$)/.test(field)) return 'callback';
  if (/^(name|enabled|methods|path|correlationKeys|notes|profileId|preset)(\[|\.|$)/.test(field)) return 'settings';
  return 'json';
}

/** `rules[0].conditions[1].value` → `rules[0].conditions[1]` → `rules[0].conditions` → … */
export function parentField(field: string): string | null {
  const m = /^(.*)(\[\d+\]|\.[^.[\]]+)$/.exec(field);
  return m && m[1] ? m[1] : null;
}

/** Errors whose field lies under `prefix` (the prefix itself included). */
export function isUnder(field: string, prefix: string): boolean {
  return field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);
}

export function errorsByField(errors: readonly FieldError[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const e of errors) map.set(e.field, map.has(e.field) ? `${map.get(e.field)}; ${e.message}` : e.message);
  return map;
}

/**
 * Pretty JSON exactly as JSON.stringify(value, null, 2) writes it, plus the line each field path
 * starts on, so an error such as `rules[0].conditions[1].value` can point at its line.
 */
export function jsonLines(value: unknown): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  const walk = (v: unknown, path: string, indent: string): void => {
    lines.set(path, line);
    if (Array.isArray(v)) {
      if (v.length === 0) return;
      v.forEach((item, i) => {
        line++;
        walk(item === undefined ? null : item, `${path}[${i}]`, `${indent}  `);
      });
      line++;
      return;
    }
    if (v && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && typeof x !== 'function');
      if (entries.length === 0) return;
      for (const [key, x] of entries) {
        line++;
        walk(x, path ? `${path}.${key}` : key, `${indent}  `);
      }
      line++;
    }
  };
  walk(value, '', '');
  return lines;
}

/** Nearest line for a field path, walking up to a parent the JSON has. */
export function lineForField(lines: Map<string, number>, field: string): number | null {
  let f: string | null = field;
  while (f) {
    const at = lines.get(f);
    if (at !== undefined) return at;
    f = parentField(f);
  }
  return null;
}
