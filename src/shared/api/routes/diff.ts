import Type from 'typebox';
import type {
  Baseline,
  BaselineResult,
  ComparisonResult,
  ExchangeBaselineResults,
  ExpectedComparisonRequest,
  IgnoreRules,
  IgnoreRulesInput,
  PreviousExchange,
  SuggestionResult,
} from '../../../model/comparison.js';
import { defineRoutes, IdParams, NoContent, queryWords, typed } from '../route.js';

const tags = ['comparison'];

/** `endpoint` or `profile`, and its id: the handlers check both and name the bad one. */
const ScopeParams = Type.Object({ scope: Type.String({ description: 'endpoint or profile' }), id: Type.String({ description: 'The endpoint or profile id' }) });

const toggleWords = {
  ignore: 'An ignore rule (repeatable): a param name, `header:<name>`, or a JSON path like `$.meta.nonce`',
  paramOrder: '1: param order matters',
  headerOrder: '1: header order matters',
  volatileHeaders: '1: compare volatile headers (Date, Content-Length…) too',
  jsonArrays: '`move-aware` to match moved array items',
  rules: '`auto` (saved rules both sides share), `none`, or `endpoint:<id>,profile:<id>`',
};
const format = 'json (default) or markdown, for a bug report';
const comparison = typed<ComparisonResult>('The comparison; Markdown text with `format=markdown`');
const ignoreRules = typed<IgnoreRules>('The saved ignore rules (empty defaults when none saved)');
const baseline = typed<Baseline>('A pinned baseline');

export const diffRoutes = defineRoutes({
  compareExchanges: {
    method: 'GET',
    path: '/api/diff',
    description:
      'Compare exchange `a` (left) with `b` (right). `ignore=ts,$.meta.nonce` (repeatable), `paramOrder=1`, `headerOrder=1`, `volatileHeaders=1`, `jsonArrays=move-aware`, `rules=auto|none|endpoint:<id>,profile:<id>` (auto: saved rules of the endpoint/profile both share), `format=markdown` for a bug-report Markdown.',
    tags,
    querystring: queryWords({ a: 'Left exchange id', b: 'Right exchange id', ...toggleWords, format }),
    status: 200,
    response: comparison,
  },
  compareExpected: {
    method: 'POST',
    path: '/api/diff/expected',
    description:
      'Compare an expected request (e.g. a template expansion: `{expected: {method, url, rawHeaders, body | bodyBase64}}`) with the capture given by `exchangeId`, or the newest inbound capture of `correlation`. Same options as GET /api/diff, in the body; `format=markdown` in the query.',
    tags,
    querystring: queryWords({ format }),
    input: typed<ExpectedComparisonRequest>('{expected, exchangeId | correlation, and the comparison options}'),
    status: 200,
    response: comparison,
  },
  suggestIgnoreRules: {
    method: 'GET',
    path: '/api/diff/suggest-rules',
    description: "Ignore rules to suggest for comparing `a` with `b`: params with a different value in every recent capture of a's endpoint (or method + path)",
    tags,
    querystring: queryWords({ a: 'Left exchange id', b: 'Right exchange id' }),
    status: 200,
    response: typed<SuggestionResult>('Rules to offer, with the captures they come from'),
  },
  previousExchange: {
    method: 'GET',
    path: '/api/exchanges/:id/previous',
    description: 'The newest older exchange of the same `scope`: `endpoint` (default), `correlation` key, or `path` (method + path). `{id: null, reason}` when there is none.',
    tags,
    params: IdParams,
    querystring: queryWords({ scope: 'endpoint (default), correlation or path' }),
    status: 200,
    response: typed<PreviousExchange>('{id, reason}'),
  },
  getIgnoreRules: { method: 'GET', path: '/api/ignore-rules/:scope/:id', description: 'Saved ignore rules of an endpoint or profile (empty defaults when none saved)', tags, params: ScopeParams, status: 200, response: ignoreRules },
  putIgnoreRules: {
    method: 'PUT',
    path: '/api/ignore-rules/:scope/:id',
    description: 'Save `{ignore: [...], paramOrder?, headerOrder?, volatileHeaders?, jsonArrays?}`; 400 INVALID_IGNORE_RULES with `fields`',
    tags,
    params: ScopeParams,
    input: typed<IgnoreRulesInput>('{ignore, paramOrder?, headerOrder?, volatileHeaders?, jsonArrays?}'),
    status: 200,
    response: ignoreRules,
  },
  deleteIgnoreRules: { method: 'DELETE', path: '/api/ignore-rules/:scope/:id', tags, params: ScopeParams, status: 204, response: NoContent },
  listBaselines: { method: 'GET', path: '/api/baselines', description: 'Pinned golden baselines', tags, status: 200, response: typed<Baseline[]>('Every baseline', { type: 'array' }) },
  getBaseline: { method: 'GET', path: '/api/baselines/:scope/:id', tags, params: ScopeParams, status: 200, response: baseline },
  pinBaseline: {
    method: 'PUT',
    path: '/api/baselines/:scope/:id',
    description: 'Pin `{exchangeId}` as the expected postback of an endpoint or profile; new captures there are diffed against it after commit',
    tags,
    params: ScopeParams,
    input: typed<{ exchangeId: number }>('{exchangeId}', { type: 'object', required: ['exchangeId'], properties: { exchangeId: { type: 'integer', minimum: 1 } } }),
    status: 200,
    response: baseline,
  },
  unpinBaseline: { method: 'DELETE', path: '/api/baselines/:scope/:id', tags, params: ScopeParams, status: 204, response: NoContent },
  getBaselineResult: {
    method: 'GET',
    path: '/api/exchanges/:id/baseline-result',
    description: 'This capture against its baselines: `{pending, results}`',
    tags,
    params: IdParams,
    status: 200,
    response: typed<ExchangeBaselineResults>('{pending, results}'),
  },
  listBaselineResults: {
    method: 'GET',
    path: '/api/baseline-results',
    description: 'Baseline results of `ids=1,2,3` (a page of the list), in one call',
    tags,
    querystring: queryWords({ ids: 'Comma-separated exchange ids, at most 1000' }),
    status: 200,
    response: typed<{ items: BaselineResult[] }>('{items}'),
  },
});
