import type { ParamSpec } from '../model/profile.js';
import type { ParamCheck, PostbackIssue } from '../model/verdict.js';
import { checkType, describeRule, type TypeContext } from './param-types.js';
import { findField, type PostbackField } from './postback-fields.js';

/** One row per declared param: presence, emptiness, length, pattern, then type. */
export function checkParams(fields: readonly PostbackField[], specs: readonly ParamSpec[], ctx: TypeContext): ParamCheck[] {
  return specs.map((spec) => checkParam(fields, spec, ctx));
}

export function checkParam(fields: readonly PostbackField[], spec: ParamSpec, ctx: TypeContext): ParamCheck {
  const field = findField(fields, spec.name, spec.in ?? 'any');
  const rule = describeRule(spec);
  const row = (status: ParamCheck['status'], why: string | null): ParamCheck => ({
    name: spec.name,
    value: field?.value ?? null,
    rawValue: field?.rawValue ?? null,
    source: field?.source ?? null,
    rule,
    status,
    why,
  });
  if (!field) {
    return spec.presence === 'required' ? row('fail', `missing: ${spec.name} is required${whereText(spec)}`) : row('pass', null);
  }
  if (spec.presence === 'forbidden') return row('fail', `${spec.name} must not be sent`);
  const conflict = conflictingDuplicate(fields, field);
  if (field.value === '') {
    if (spec.allowEmpty) return row('pass', null);
    // An empty optional param is usually a macro the sender had no value for: worth a look, not a failure.
    return spec.presence === 'required' ? row('fail', 'empty value') : row('warn', 'present but empty');
  }
  const problem = lengthProblem(field.value, spec) ?? patternProblem(field.value, spec);
  if (problem) return row('fail', problem);
  const typed = checkType(field.value, spec, ctx);
  if (typed.status !== 'pass') return row(typed.status, typed.why);
  if (conflict) return row('fail', conflict);
  return row('pass', null);
}

function whereText(spec: ParamSpec): string {
  return spec.in === 'query' ? ' in the query' : spec.in === 'body' ? ' in the body' : '';
}

function lengthProblem(value: string, spec: ParamSpec): string | null {
  const length = [...value].length;
  if (spec.minLength !== undefined && length < spec.minLength) return `${length} characters, at least ${spec.minLength} expected`;
  if (spec.maxLength !== undefined && length > spec.maxLength) return `${length} characters, at most ${spec.maxLength} allowed`;
  return null;
}

function patternProblem(value: string, spec: ParamSpec): string | null {
  if (!spec.pattern) return null;
  let re: RegExp;
  try {
    re = new RegExp(spec.pattern);
  } catch (error) {
    // Saved profiles are validated; a preset or CLI file may still carry a bad one.
    return `the spec's pattern is invalid: ${(error as Error).message}`;
  }
  return re.test(value) ? null : `${JSON.stringify(value)} does not match /${spec.pattern}/`;
}

/** Servers disagree on which of two values wins (first, last, both): a real bug when they differ. */
function conflictingDuplicate(fields: readonly PostbackField[], field: PostbackField): string | null {
  const others = fields.filter((f) => f !== field && f.name === field.name && f.value !== field.value);
  if (others.length === 0) return null;
  return `sent ${others.length + 1} times with different values (${[field, ...others].map((f) => JSON.stringify(f.value)).join(', ')}): receivers disagree on which one wins`;
}

/** Params the spec does not list, for partners that reject anything unexpected. */
export function unknownParams(fields: readonly PostbackField[], specs: readonly ParamSpec[], ignore: readonly string[]): PostbackIssue[] {
  const known = new Set([...specs.map((s) => s.name), ...ignore]);
  const seen = new Set<string>();
  const issues: PostbackIssue[] = [];
  for (const f of fields) {
    if (known.has(f.name) || seen.has(f.name)) continue;
    seen.add(f.name);
    issues.push({ code: 'unknown-param', severity: 'warn', param: f.name, message: `${f.name} is not in the profile's param spec` });
  }
  return issues;
}
