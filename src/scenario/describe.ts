import { expectKinds, kindOf, stepKinds, type Expectation, type Step } from './plan-schema.js';

/** Testcase names in words, so a CI failure reads without opening the plan. */
export function describeExpectation(e: Expectation): string {
  if (e.name) return e.name;
  const kind = kindOf(e, expectKinds);
  if ('arrives' in e) {
    const params = Object.entries(e.params ?? {}).map(([k, v]) => `${k}=${String(v)}`);
    return `postback arrives at ${e.arrives}${params.length ? ` with ${params.join(', ')}` : ''}${e.within !== undefined ? ` within ${String(e.within)}` : ''}`;
  }
  if ('signature' in e) return `signature of ${e.of} is ${e.signature}${e.profile ? ` under profile ${e.profile}` : ''}`;
  if ('verdict' in e) return `verdict of ${e.of} is ${e.verdict}`;
  if ('no-duplicates' in e) return `no duplicates${e['no-duplicates'] === true ? '' : ` at ${e['no-duplicates']}`}`;
  if ('delivery-rate' in e) return `delivery rate ${e['delivery-rate'].trim()}${e.side === 'receiver' ? ' (receiver)' : ''}`;
  if ('diff' in e) return `${e.of} matches ${e.diff}${e.ignore?.length ? ` ignoring ${e.ignore.join(', ')}` : ''}`;
  const comparison = (e as Record<string, unknown>)[kind] as string;
  return `${kind} response time ${comparison.trim()} ms`;
}

export function describeStep(step: Step, index: number): string {
  if (step.name) return step.name;
  const kind = kindOf(step, stepKinds);
  const label = step.id ?? `#${index + 1}`;
  if ('send' in step) return `${label}: send ${typeof step.send.template === 'string' ? step.send.template : step.send.template.url}`;
  if ('bulk' in step) return `${label}: bulk ${step.bulk.count} × ${typeof step.bulk.template === 'string' ? step.bulk.template : step.bulk.template.url}`;
  if ('request' in step) return `${label}: ${step.request.method ?? 'GET'} ${step.request.path}`;
  if ('replay-har' in step) return `${label}: replay ${step['replay-har']}`;
  if ('wait' in step) return `${label}: wait ${String(step.wait)}`;
  return `${label}: ${kind}`;
}
