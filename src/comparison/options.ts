/**
 * Comparison options as users give them (query string, JSON body, saved rules) and how they
 * combine. Validation is strict on purpose: a mistyped JSON path in an ignore rule would
 * otherwise ignore nothing, silently, and a QA engineer would trust a wrong "different".
 */
import { parsePathPattern } from '../diff/json-path.js';
import { CoreError } from '../errors.js';
import type { AppliedOptions, ComparisonToggles, IgnoreRules, IgnoreRulesInput, RuleScope } from '../model/comparison.js';

export interface RuleRef {
  scope: RuleScope;
  scopeId: number;
}

/** `auto`: the saved rules of the scopes both sides share; `none`; or an explicit list. */
export type RuleSelector = 'auto' | 'none' | RuleRef[];

export interface ComparisonRequest extends ComparisonToggles {
  ignore?: string[];
  rules?: RuleSelector;
}

type Query = Record<string, string | string[] | undefined>;
type FieldError = { field: string; message: string };

const MAX_RULES = 200;
const MAX_RULE_LENGTH = 500;
const TOGGLES = ['paramOrder', 'headerOrder', 'volatileHeaders'] as const;

export function isRuleScope(value: unknown): value is RuleScope {
  return value === 'endpoint' || value === 'profile';
}

export function parseRuleSelector(text: string | undefined): RuleSelector {
  if (text === undefined || text === '' || text === 'auto') return 'auto';
  if (text === 'none') return 'none';
  return text.split(',').map((part) => {
    const m = /^(endpoint|profile):(\d+)$/.exec(part.trim());
    if (!m) throw new CoreError('BAD_REQUEST', `rules: "${part}" is not auto, none, endpoint:<id> or profile:<id>`);
    return { scope: m[1] as RuleScope, scopeId: Number(m[2]) };
  });
}

/** GET /api/diff?ignore=a,b&ignore=c&paramOrder=1&headerOrder=1&volatileHeaders=1&jsonArrays=move-aware&rules=… */
export function requestFromQuery(query: Query): ComparisonRequest {
  const request: ComparisonRequest = { rules: parseRuleSelector(single(query['rules'])) };
  const ignore = list(query['ignore'])
    .flatMap((v) => v.split(','))
    .filter((v) => v.trim() !== '');
  if (ignore.length) request.ignore = checkIgnoreList(ignore, 'ignore');
  for (const name of TOGGLES) {
    const value = single(query[name]);
    if (value !== undefined) request[name] = flag(value, name);
  }
  const arrays = single(query['jsonArrays']);
  if (arrays !== undefined) request.jsonArrays = arrayMode(arrays);
  return request;
}

/** The same options from a JSON body (POST /api/diff/expected). */
export function requestFromBody(body: Record<string, unknown>): ComparisonRequest {
  const request: ComparisonRequest = {
    rules: parseRuleSelector(typeof body['rules'] === 'string' ? body['rules'] : undefined),
  };
  if (body['ignore'] !== undefined) request.ignore = checkIgnoreList(body['ignore'], 'ignore');
  for (const name of TOGGLES) {
    const value = body[name];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new CoreError('BAD_REQUEST', `${name} must be true or false`);
    request[name] = value;
  }
  if (body['jsonArrays'] !== undefined) request.jsonArrays = arrayMode(String(body['jsonArrays']));
  return request;
}

/** Validates PUT /api/ignore-rules/:scope/:id; 400 INVALID_IGNORE_RULES with one entry per bad field. */
export function validateIgnoreRulesInput(input: unknown): IgnoreRulesInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new CoreError('INVALID_IGNORE_RULES', 'expected a JSON object {ignore: [...]}');
  }
  const raw = input as Record<string, unknown>;
  const fields: FieldError[] = [];
  const ignore = ruleErrors(raw['ignore'] ?? [], 'ignore', fields);
  const out: IgnoreRulesInput = { ignore };
  for (const name of TOGGLES) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value === 'boolean') out[name] = value;
    else fields.push({ field: name, message: 'must be true or false' });
  }
  const arrays = raw['jsonArrays'];
  if (arrays === 'index' || arrays === 'move-aware') out.jsonArrays = arrays;
  else if (arrays !== undefined) fields.push({ field: 'jsonArrays', message: 'must be "index" or "move-aware"' });
  if (fields.length) throw new CoreError('INVALID_IGNORE_RULES', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  return out;
}

/**
 * Saved rule sets add their ignore rules (union) and switch toggles on; what the request says
 * explicitly wins, so a user can still look at e.g. param order for one comparison.
 */
export function mergeOptions(request: ComparisonRequest, saved: readonly IgnoreRules[]): AppliedOptions {
  const ignore = [...new Set([...saved.flatMap((s) => s.ignore), ...(request.ignore ?? [])])];
  const toggle = (name: (typeof TOGGLES)[number]): boolean => request[name] ?? saved.some((s) => s[name] === true);
  return {
    ignore,
    paramOrder: toggle('paramOrder'),
    headerOrder: toggle('headerOrder'),
    volatileHeaders: toggle('volatileHeaders'),
    jsonArrays: request.jsonArrays ?? (saved.some((s) => s.jsonArrays === 'move-aware') ? 'move-aware' : 'index'),
  };
}

/** For request-time lists: same checks as saved rules, one 400 naming every bad rule. */
export function checkIgnoreList(value: unknown, field: string): string[] {
  const fields: FieldError[] = [];
  const rules = ruleErrors(value, field, fields);
  if (fields.length) throw new CoreError('INVALID_IGNORE_RULES', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
  return rules;
}

function ruleErrors(value: unknown, field: string, fields: FieldError[]): string[] {
  if (!Array.isArray(value)) {
    fields.push({ field, message: 'must be an array of strings' });
    return [];
  }
  if (value.length > MAX_RULES) fields.push({ field, message: `at most ${MAX_RULES} rules` });
  const rules: string[] = [];
  value.forEach((item: unknown, i) => {
    const rule = typeof item === 'string' ? item.trim() : null;
    const problem = rule === null ? 'must be a string' : ruleProblem(rule);
    if (problem) fields.push({ field: `${field}[${i}]`, message: problem });
    else if (rule && !rules.includes(rule)) rules.push(rule);
  });
  return rules;
}

function ruleProblem(rule: string): string | null {
  if (rule === '') return 'must not be empty';
  if (rule.length > MAX_RULE_LENGTH) return `longer than ${MAX_RULE_LENGTH} characters`;
  // The engine drops a malformed path silently (see src/diff/ignore.ts); refuse it here instead.
  const path = rule.startsWith('$') ? rule : rule.startsWith('body.') || rule.startsWith('body[') ? `$${rule.slice(4)}` : null;
  if (path !== null && rule !== '$' && parsePathPattern(path) === null) return `"${rule}" is not a valid JSON path (e.g. $.items[*].ts)`;
  return null;
}

function flag(value: string, name: string): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new CoreError('BAD_REQUEST', `${name} must be 1 or 0`);
}

function arrayMode(value: string): 'index' | 'move-aware' {
  if (value === 'index' || value === 'move-aware') return value;
  throw new CoreError('BAD_REQUEST', 'jsonArrays must be "index" or "move-aware"');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
