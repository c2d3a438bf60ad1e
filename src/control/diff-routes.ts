import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Comparison } from '../comparison/index.js';
import { comparisonToMarkdown } from '../comparison/markdown.js';
import { expectedFromInput } from '../comparison/expected-request.js';
import { isRuleScope, requestFromBody, requestFromQuery, validateIgnoreRulesInput } from '../comparison/options.js';
import { CoreError } from '../errors.js';
import type { ComparisonResult, PreviousScope, RuleScope } from '../model/comparison.js';
import { handle } from './typed-route.js';

type Query = Record<string, string | string[] | undefined>;

/**
 * Comparison API: diffs, "previous" lookups, saved ignore rules, golden baselines.
 * Register inside the authenticated /api scope of the control server, beside the others.
 */
export function registerDiffRoutes(api: FastifyInstance, comparison: Comparison): void {
  const { service, rules, baselines } = comparison;

  handle(api, 'compareExchanges', async (request, reply) => {
    const query = request.query as Query;
    const result = service.compareExchanges(id(query['a'], 'a'), id(query['b'], 'b'), requestFromQuery(query));
    return send(reply, result, first(query['format']));
  });

  handle(api, 'compareExpected', async (request, reply) => {
    const body = object(request.body);
    const expected = expectedFromInput(body['expected']);
    const byId = body['exchangeId'];
    const correlation = body['correlation'];
    if ((byId === undefined) === (correlation === undefined)) throw new CoreError('BAD_REQUEST', 'give exactly one of exchangeId or correlation');
    if (byId !== undefined && !(Number.isSafeInteger(byId) && (byId as number) > 0)) throw new CoreError('BAD_REQUEST', 'exchangeId must be an exchange id');
    if (correlation !== undefined && (typeof correlation !== 'string' || correlation === '')) throw new CoreError('BAD_REQUEST', 'correlation must be a non-empty string');
    const captured = typeof correlation === 'string' ? service.captureOf(correlation) : (byId as number);
    const result = service.compareExpectedRequest(expected, captured, requestFromBody(body));
    return send(reply, result, first((request.query as Query)['format']));
  });

  handle(api, 'suggestIgnoreRules', async (request) => {
    const query = request.query as Query;
    return comparison.suggester.suggest(id(query['a'], 'a'), id(query['b'], 'b'));
  });

  handle(api, 'previousExchange', async (request) => {
    const scope = first((request.query as Query)['scope']) ?? 'endpoint';
    if (scope !== 'endpoint' && scope !== 'correlation' && scope !== 'path') throw new CoreError('BAD_REQUEST', 'scope must be endpoint, correlation or path');
    return service.previous(id(request.params.id, 'exchange id'), scope as PreviousScope);
  });

  handle(api, 'getIgnoreRules', async (request) => {
    const { scope, scopeId } = scopeParams(request.params);
    return rules.get(scope, scopeId);
  });
  handle(api, 'putIgnoreRules', async (request) => {
    const { scope, scopeId } = scopeParams(request.params);
    return rules.put(scope, scopeId, validateIgnoreRulesInput(request.body), Date.now());
  });
  handle(api, 'deleteIgnoreRules', async (request) => {
    const { scope, scopeId } = scopeParams(request.params);
    rules.delete(scope, scopeId);
  });

  handle(api, 'listBaselines', async () => baselines.list());
  handle(api, 'getBaseline', async (request) => {
    const { scope, scopeId } = scopeParams(request.params);
    return baselines.get(scope, scopeId);
  });
  handle(api, 'pinBaseline', async (request) => {
    const { scope, scopeId } = scopeParams(request.params);
    const exchangeId = object(request.body)['exchangeId'];
    if (!Number.isSafeInteger(exchangeId) || (exchangeId as number) <= 0) throw new CoreError('BAD_REQUEST', 'body must be {exchangeId: <id>}');
    return baselines.pin(scope, scopeId, exchangeId as number);
  });
  handle(api, 'unpinBaseline', async (request) => {
    const { scope, scopeId } = scopeParams(request.params);
    baselines.unpin(scope, scopeId);
  });

  handle(api, 'getBaselineResult', async (request) => baselines.resultsOf(id(request.params.id, 'exchange id')));
  handle(api, 'listBaselineResults', async (request) => {
    const raw = first((request.query as Query)['ids']) ?? '';
    const ids = raw === '' ? [] : raw.split(',').map((v) => id(v, 'ids'));
    if (ids.length > 1000) throw new CoreError('BAD_REQUEST', 'at most 1000 ids');
    return { items: baselines.resultsOfMany(ids) };
  });
}

function send(reply: FastifyReply, result: ComparisonResult, format: string | undefined): FastifyReply {
  if (format === 'markdown') return reply.type('text/markdown; charset=utf-8').send(comparisonToMarkdown(result));
  if (format !== undefined && format !== 'json') throw new CoreError('BAD_REQUEST', 'format must be json or markdown');
  return reply.send(result);
}

function scopeParams(params: unknown): { scope: RuleScope; scopeId: number } {
  const p = params as { scope?: string; id?: string };
  if (!isRuleScope(p.scope)) throw new CoreError('BAD_REQUEST', `"${p.scope ?? ''}" is not a scope (endpoint or profile)`);
  return { scope: p.scope, scopeId: id(p.id, `${p.scope} id`) };
}

function id(value: string | string[] | undefined, what: string): number {
  const raw = (first(value) ?? '').trim();
  if (!/^\d{1,15}$/.test(raw) || Number(raw) === 0) throw new CoreError('BAD_REQUEST', `${what}: "${raw}" is not an id`);
  return Number(raw);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function object(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new CoreError('BAD_REQUEST', 'expected a JSON object body');
  return body as Record<string, unknown>;
}
