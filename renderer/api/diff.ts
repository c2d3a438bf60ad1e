import type {
  Baseline,
  BaselineResult,
  ComparisonResult,
  ComparisonToggles,
  ExchangeBaselineResults,
  ExpectedComparisonRequest,
  IgnoreRules,
  IgnoreRulesInput,
  PreviousExchange,
  PreviousScope,
  RuleScope,
  SuggestionResult,
} from '../../src/model/comparison';
import { fieldErrorsOf, request, requestJson as json, requestVoid, send, withSignal } from './json-request';

/** What a comparison is asked with: the toggles the user set explicitly, extra ignore rules, saved rules or not. */
export interface CompareOptions extends ComparisonToggles {
  ignore?: readonly string[];
  /** `auto` (the saved rules both sides share) or `none`. */
  rules?: 'auto' | 'none';
}

/** `a=1&b=2&ignore=ts&ignore=$.nonce&paramOrder=1…`; one `ignore` per rule so `ignore[i]` errors map back. */
export function diffQuery(a: number, b: number, options: CompareOptions = {}): string {
  const sp = new URLSearchParams();
  sp.set('a', String(a));
  sp.set('b', String(b));
  for (const rule of options.ignore ?? []) sp.append('ignore', rule);
  const flag = (name: 'paramOrder' | 'headerOrder' | 'volatileHeaders') => {
    const v = options[name];
    if (v !== undefined) sp.set(name, v ? '1' : '0');
  };
  flag('paramOrder');
  flag('headerOrder');
  flag('volatileHeaders');
  if (options.jsonArrays) sp.set('jsonArrays', options.jsonArrays);
  if (options.rules && options.rules !== 'auto') sp.set('rules', options.rules);
  return sp.toString();
}

/** Profiles belong to another module; the diff only needs their id and name. */
export interface ProfileRef {
  id: number;
  name: string;
}

export const diffApi = {
  compare: (a: number, b: number, options: CompareOptions, signal?: AbortSignal) =>
    json<ComparisonResult>(`/api/diff?${diffQuery(a, b, options)}`, withSignal(signal)),
  markdown: async (a: number, b: number, options: CompareOptions) =>
    (await request(`/api/diff?${diffQuery(a, b, options)}&format=markdown`)).text(),
  expected: (body: ExpectedComparisonRequest, signal?: AbortSignal) =>
    json<ComparisonResult>('/api/diff/expected', { ...send('POST', body), ...withSignal(signal) }),
  expectedMarkdown: async (body: ExpectedComparisonRequest) =>
    (await request('/api/diff/expected?format=markdown', send('POST', body))).text(),
  /** Params that differed in every recent capture of `a`'s endpoint (or method + path): rules to offer. */
  suggestRules: (a: number, b: number) => json<SuggestionResult>(`/api/diff/suggest-rules?a=${a}&b=${b}`),
  previous: (id: number, scope: PreviousScope, signal?: AbortSignal) =>
    json<PreviousExchange>(`/api/exchanges/${id}/previous?scope=${scope}`, withSignal(signal)),

  ignoreRules: (scope: RuleScope, id: number) => json<IgnoreRules>(`/api/ignore-rules/${scope}/${id}`),
  saveIgnoreRules: (scope: RuleScope, id: number, input: IgnoreRulesInput) =>
    json<IgnoreRules>(`/api/ignore-rules/${scope}/${id}`, send('PUT', input)),
  deleteIgnoreRules: (scope: RuleScope, id: number) =>
    requestVoid(`/api/ignore-rules/${scope}/${id}`, { method: 'DELETE' }),

  baselines: () => json<Baseline[]>('/api/baselines'),
  pin: (scope: RuleScope, scopeId: number, exchangeId: number) =>
    json<Baseline>(`/api/baselines/${scope}/${scopeId}`, send('PUT', { exchangeId })),
  unpin: (scope: RuleScope, scopeId: number) =>
    requestVoid(`/api/baselines/${scope}/${scopeId}`, { method: 'DELETE' }),
  baselineResults: (ids: readonly number[], signal?: AbortSignal) =>
    json<{ items: BaselineResult[] }>(`/api/baseline-results?ids=${ids.join(',')}`, withSignal(signal)),
  baselineResultOf: (id: number, signal?: AbortSignal) =>
    json<ExchangeBaselineResults>(`/api/exchanges/${id}/baseline-result`, withSignal(signal)),

  profiles: async (): Promise<ProfileRef[]> => {
    const list = await json<Array<{ id?: unknown; name?: unknown }>>('/api/profiles');
    return list
      .filter((p): p is { id: number; name: unknown } => typeof p.id === 'number')
      .map((p) => ({ id: p.id, name: typeof p.name === 'string' ? p.name : `Profile ${p.id}` }));
  },
};

/** `ignore[3]` → 3, for messages under the rule that caused them. */
export function ignoreFieldIndex(field: string): number | null {
  const m = /^ignore\[(\d+)\]$/.exec(field);
  return m ? Number(m[1]) : null;
}

/** A refusal's fields, e.g. `ignore[2]` (400 INVALID_IGNORE_RULES). */
export const fieldsOf = fieldErrorsOf;
