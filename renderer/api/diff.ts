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
} from '../../src/model/comparison';
import { statusStore } from '../store/status';
import { ApiError, authHeaders } from './client';
import { apiBase } from './token';

/** A refusal that may name fields, e.g. `ignore[2]` (400 INVALID_IGNORE_RULES). */
export class DiffApiError extends ApiError {
  constructor(
    message: string,
    status: number,
    code: string | null,
    readonly fields: Array<{ field: string; message: string }>,
  ) {
    super(message, status, code);
    this.name = 'DiffApiError';
  }
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new DiffApiError('The inspector is not reachable. Is `postback-inspector serve` still running?', 0, null, []);
  }
  if (res.ok) return res;
  if (res.status === 401) statusStore.setState({ unauthorized: true });
  throw await toError(res);
}

async function toError(res: Response): Promise<DiffApiError> {
  let message = `${res.status} ${res.statusText}`.trim();
  let code: string | null = null;
  let fields: Array<{ field: string; message: string }> = [];
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    const err = body.error;
    if (typeof err?.message === 'string') message = err.message;
    if (typeof err?.code === 'string') code = err.code;
    if (Array.isArray(err?.fields)) {
      fields = err.fields.filter(
        (f): f is { field: string; message: string } =>
          typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string',
      );
    }
  } catch {
    // Not JSON: the status line is all we have.
  }
  return new DiffApiError(message, res.status, code, fields);
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

const send = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

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
  previous: (id: number, scope: PreviousScope, signal?: AbortSignal) =>
    json<PreviousExchange>(`/api/exchanges/${id}/previous?scope=${scope}`, withSignal(signal)),

  ignoreRules: (scope: RuleScope, id: number) => json<IgnoreRules>(`/api/ignore-rules/${scope}/${id}`),
  saveIgnoreRules: (scope: RuleScope, id: number, input: IgnoreRulesInput) =>
    json<IgnoreRules>(`/api/ignore-rules/${scope}/${id}`, send('PUT', input)),
  deleteIgnoreRules: (scope: RuleScope, id: number) =>
    request(`/api/ignore-rules/${scope}/${id}`, { method: 'DELETE' }).then(() => undefined),

  baselines: () => json<Baseline[]>('/api/baselines'),
  pin: (scope: RuleScope, scopeId: number, exchangeId: number) =>
    json<Baseline>(`/api/baselines/${scope}/${scopeId}`, send('PUT', { exchangeId })),
  unpin: (scope: RuleScope, scopeId: number) =>
    request(`/api/baselines/${scope}/${scopeId}`, { method: 'DELETE' }).then(() => undefined),
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

export function fieldsOf(err: unknown): Array<{ field: string; message: string }> {
  return err instanceof DiffApiError ? err.fields : [];
}
