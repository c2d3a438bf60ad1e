import type {
  ComparisonToggles,
  ExpectedComparisonRequest,
  IgnoreRulesInput,
  PreviousScope,
  RuleScope,
} from '../../src/model/comparison';
import { callApi, callApiRaw } from './call';
import { fieldErrorsOf } from './json-request';

/** What a comparison is asked with: the toggles the user set explicitly, extra ignore rules, saved rules or not. */
export interface CompareOptions extends ComparisonToggles {
  ignore?: readonly string[];
  /** `auto` (the saved rules both sides share) or `none`. */
  rules?: 'auto' | 'none';
}

/** `a=1&b=2&ignore=ts&ignore=$.nonce&paramOrder=1…`; one `ignore` per rule so `ignore[i]` errors map back. */
export function diffQuery(a: number, b: number, options: CompareOptions = {}): URLSearchParams {
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
  return sp;
}

const withFormat = (sp: URLSearchParams, format: string): URLSearchParams => {
  sp.set('format', format);
  return sp;
};

/** Profiles belong to another module; the diff only needs their id and name. */
export interface ProfileRef {
  id: number;
  name: string;
}

export const diffApi = {
  compare: (a: number, b: number, options: CompareOptions, signal?: AbortSignal) => callApi('compareExchanges', { query: diffQuery(a, b, options), signal }),
  markdown: async (a: number, b: number, options: CompareOptions) =>
    (await callApiRaw('compareExchanges', { query: withFormat(diffQuery(a, b, options), 'markdown') })).text(),
  expected: (body: ExpectedComparisonRequest, signal?: AbortSignal) => callApi('compareExpected', { body, signal }),
  expectedMarkdown: async (body: ExpectedComparisonRequest) => (await callApiRaw('compareExpected', { query: { format: 'markdown' }, body })).text(),
  /** Params that differed in every recent capture of `a`'s endpoint (or method + path): rules to offer. */
  suggestRules: (a: number, b: number) => callApi('suggestIgnoreRules', { query: { a: String(a), b: String(b) } }),
  previous: (id: number, scope: PreviousScope, signal?: AbortSignal) => callApi('previousExchange', { params: { id }, query: { scope }, signal }),

  ignoreRules: (scope: RuleScope, id: number) => callApi('getIgnoreRules', { params: { scope, id } }),
  saveIgnoreRules: (scope: RuleScope, id: number, input: IgnoreRulesInput) => callApi('putIgnoreRules', { params: { scope, id }, body: input }),
  deleteIgnoreRules: (scope: RuleScope, id: number) => callApi('deleteIgnoreRules', { params: { scope, id } }),

  baselines: () => callApi('listBaselines'),
  pin: (scope: RuleScope, scopeId: number, exchangeId: number) => callApi('pinBaseline', { params: { scope, id: scopeId }, body: { exchangeId } }),
  unpin: (scope: RuleScope, scopeId: number) => callApi('unpinBaseline', { params: { scope, id: scopeId } }),
  baselineResults: (ids: readonly number[], signal?: AbortSignal) => callApi('listBaselineResults', { query: { ids: ids.join(',') }, signal }),
  baselineResultOf: (id: number, signal?: AbortSignal) => callApi('getBaselineResult', { params: { id }, signal }),

  profiles: async (): Promise<ProfileRef[]> => {
    const list: Array<{ id?: unknown; name?: unknown }> = await callApi('listProfiles');
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
