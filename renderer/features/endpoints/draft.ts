import type { Endpoint, EndpointInput, ResponseSpec, Rule } from '../../../src/model/endpoint';

// The generic JSON/field helpers moved to lib/json-draft.ts; re-exported so existing imports keep working.
export { errorsByField, isUnder, jsonLines, lineForField, parentField, parseJson, prettyJson, stableStringify } from '../../lib/json-draft';

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
