import type { Condition } from '../model/endpoint.js';
import type { RequestView } from './request-view.js';

/** Conditions compiled once: regexes are built at save time, not per request. */
export type CompiledCondition = (request: RequestView) => boolean;

export function compileCondition(condition: Condition): CompiledCondition {
  const expected = condition.value ?? '';
  const regex = condition.op === 'matches' ? new RegExp(expected) : null;
  const read = reader(condition);
  return (request) => {
    const actual = read(request);
    switch (condition.op) {
      case 'present':
        return actual !== undefined;
      case 'absent':
        return actual === undefined;
      case 'equals':
        return actual === expected;
      case 'not-equals':
        return actual !== expected;
      case 'contains':
        return actual !== undefined && actual.includes(expected);
      case 'matches':
        return actual !== undefined && regex!.test(actual);
      case 'lte':
        return actual !== undefined && Number(actual) <= Number(expected);
      case 'gte':
        return actual !== undefined && Number(actual) >= Number(expected);
    }
  };
}

function reader(condition: Condition): (request: RequestView) => string | undefined {
  const name = condition.name;
  switch (condition.source) {
    case 'query':
      return (r) => r.query(name);
    case 'header':
      return (r) => r.header(name);
    case 'form':
      return (r) => r.form(name);
    case 'path':
      return (r) => r.pathParams[name];
    case 'method':
      return (r) => r.method;
    case 'body':
      return (r) => r.text();
    case 'requestNumber':
      return (r) => String(r.requestNumber);
    case 'json':
      return (r) => {
        return r.json(name);
      };
  }
}

/** Why a condition cannot be saved, or null. */
export function conditionError(condition: Condition): { field: 'name' | 'value'; message: string } | null {
  const needsName = ['query', 'header', 'form', 'json', 'path'].includes(condition.source);
  if (needsName && condition.name.trim() === '') return { field: 'name', message: `a ${condition.source} condition needs a name` };
  const needsValue = !['present', 'absent'].includes(condition.op);
  if (needsValue && condition.value === undefined) return { field: 'value', message: `"${condition.op}" needs a value` };
  if (condition.op === 'matches') {
    try {
      new RegExp(condition.value ?? '');
    } catch (error) {
      return { field: 'value', message: `invalid regular expression: ${(error as Error).message}` };
    }
  }
  if ((condition.op === 'lte' || condition.op === 'gte') && !Number.isFinite(Number(condition.value))) {
    return { field: 'value', message: `"${condition.op}" compares numbers; "${condition.value}" is not one` };
  }
  return null;
}
