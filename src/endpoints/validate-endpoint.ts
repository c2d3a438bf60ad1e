import { schemaFieldErrors } from '../shared/schema-field-errors.js';
import { EndpointInputSchema, type EndpointInput, type Failure, type FieldError, type ResponseSpec } from '../model/endpoint.js';
import { conditionError } from './conditions.js';
import { pathPatternError } from './path-pattern.js';
import { compileTemplate } from './template.js';

export type ValidationResult = { ok: true; endpoint: EndpointInput } | { ok: false; errors: FieldError[] };

const defaultFallback: ResponseSpec = { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'OK' };

/** Fills what a user may leave out, so a minimal `{ name, path }` is a valid endpoint. */
export function withDefaults(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const raw = input as Record<string, unknown>;
  const rules = Array.isArray(raw['rules'])
    ? raw['rules'].map((rule: unknown, i) =>
        typeof rule === 'object' && rule !== null
          ? { id: `rule-${i + 1}`, enabled: true, conditions: [], ...responseDefaults(rule as Record<string, unknown>) }
          : rule,
      )
    : [];
  return {
    enabled: true,
    methods: [],
    correlationKeys: [],
    ...raw,
    rules,
    fallback: raw['fallback'] === undefined ? defaultFallback : withResponseDefaults(raw['fallback']),
    ...(raw['fallbackFailure'] === undefined ? {} : { fallbackFailure: failureDefaults(raw['fallbackFailure']) }),
  };
}

function responseDefaults(rule: Record<string, unknown>): Record<string, unknown> {
  const responses = Array.isArray(rule['responses']) ? rule['responses'].map(withResponseDefaults) : rule['responses'];
  const withFailure = failureDefaults(rule['failure']);
  return { ...rule, responses, ...(withFailure === undefined ? {} : { failure: withFailure }) };
}

function failureDefaults(failure: unknown): unknown {
  return typeof failure === 'object' && failure !== null && (failure as Record<string, unknown>)['response'] !== undefined
    ? { ...failure, response: withResponseDefaults((failure as Record<string, unknown>)['response']) }
    : failure;
}

function withResponseDefaults(response: unknown): unknown {
  if (typeof response !== 'object' || response === null) return response;
  return { headers: [], body: '', ...response };
}

/** Checks shape and meaning; every error names its field (`rules[0].conditions[1].value`). */
export function validateEndpoint(input: unknown): ValidationResult {
  const candidate = withDefaults(input);
  const shapeErrors = schemaFieldErrors(EndpointInputSchema, candidate, '(endpoint)');
  if (shapeErrors) return { ok: false, errors: shapeErrors };
  const endpoint = candidate as EndpointInput;
  const errors: FieldError[] = [];
  const pathProblem = pathPatternError(endpoint.path);
  if (pathProblem) errors.push({ field: 'path', message: pathProblem });
  endpoint.methods.forEach((m, i) => {
    if (!/^[A-Za-z]+$/.test(m)) errors.push({ field: `methods[${i}]`, message: `"${m}" is not an HTTP method` });
  });
  checkResponse(endpoint.fallback, 'fallback', errors);
  const ids = new Set<string>();
  endpoint.rules.forEach((rule, r) => {
    const at = `rules[${r}]`;
    if (ids.has(rule.id)) errors.push({ field: `${at}.id`, message: `rule id "${rule.id}" is used twice` });
    ids.add(rule.id);
    rule.conditions.forEach((condition, c) => {
      const problem = conditionError(condition);
      if (problem) errors.push({ field: `${at}.conditions[${c}].${problem.field}`, message: problem.message });
    });
    rule.responses.forEach((response, i) => checkResponse(response, `${at}.responses[${i}]`, errors));
    checkFailure(rule.failure, `${at}.failure`, errors);
  });
  checkFailure(endpoint.fallbackFailure, 'fallbackFailure', errors);
  if (endpoint.callback) {
    checkTemplate(endpoint.callback.url, 'callback.url', errors);
    checkTemplate(endpoint.callback.body, 'callback.body', errors);
    endpoint.callback.headers.forEach(([, v], i) => checkTemplate(v, `callback.headers[${i}]`, errors));
  }
  return errors.length ? { ok: false, errors } : { ok: true, endpoint };
}

function checkFailure(failure: Failure | undefined, at: string, errors: FieldError[]): void {
  if (failure?.mode === 'fail-first' && failure.count === undefined) errors.push({ field: `${at}.count`, message: 'fail-first needs a count' });
  if (failure?.mode === 'fail-percent' && failure.percent === undefined) errors.push({ field: `${at}.percent`, message: 'fail-percent needs a percent' });
  if (failure?.mode === 'timeout' && failure.delayMs === undefined) errors.push({ field: `${at}.delayMs`, message: 'timeout needs delayMs' });
  if (failure?.response) checkResponse(failure.response, `${at}.response`, errors);
}

function checkResponse(response: ResponseSpec, at: string, errors: FieldError[]): void {
  checkTemplate(response.body, `${at}.body`, errors);
  response.headers.forEach(([, value], i) => checkTemplate(value, `${at}.headers[${i}]`, errors));
  const delay = response.delayMs;
  if (typeof delay === 'object' && delay.min > delay.max) errors.push({ field: `${at}.delayMs`, message: 'min is greater than max' });
}

function checkTemplate(source: string, field: string, errors: FieldError[]): void {
  try {
    compileTemplate(source);
  } catch (error) {
    errors.push({ field, message: (error as Error).message });
  }
}
