/**
 * Compares exchanges by id, and an expected request against a capture: loads, resolves which saved
 * rules apply, runs the engine. The API routes and the sender call this; the CLI uses the same
 * compareSides() on files.
 */
import { CoreError } from '../errors.js';
import type { ComparedSide, ComparisonResult, IgnoreRules, PreviousExchange, PreviousScope } from '../model/comparison.js';
import { binaryStringToDisplay } from '../shared/binary-string.js';
import type { StoredExchange } from '../store/exchange-record.js';
import { compareSides } from './compare.js';
import type { ExchangeLookups, ExchangeScopes } from './exchange-lookups.js';
import { expectedParts, originForm, type ExpectedRequest } from './expected-request.js';
import type { IgnoreRulesRepository } from './ignore-rules-repository.js';
import { mergeOptions, type ComparisonRequest, type RuleRef } from './options.js';
import { prepareSide } from './sides.js';

export interface ComparisonServiceDeps {
  exchanges: { get(id: number): StoredExchange | null };
  lookups: ExchangeLookups;
  rules: IgnoreRulesRepository;
  maxDecodedBytes: number;
}

export class ComparisonService {
  constructor(private readonly deps: ComparisonServiceDeps) {}

  /** `a` is the left (older / reference) side, `b` the right. */
  compareExchanges(a: number, b: number, request: ComparisonRequest = {}): ComparisonResult {
    const left = this.load(a);
    const right = this.load(b);
    const { options, rules } = this.resolve(request, [this.scopes(a), this.scopes(b)]);
    const diff = compareSides(this.prepare('left', left), this.prepare('right', right), options);
    return { ...diff, left: exchangeRef(left), right: exchangeRef(right), options, rules };
  }

  /**
   * The expected request (left) against what the receiver captured (right): proves the wire did
   * not change it. Saved rules of the capture's endpoint/profile apply unless `rules` says otherwise.
   */
  compareExpectedRequest(expected: ExpectedRequest, capturedExchangeId: number, request: ComparisonRequest = {}): ComparisonResult {
    const captured = this.load(capturedExchangeId);
    const { options, rules } = this.resolve(request, [this.scopes(capturedExchangeId)]);
    const left = prepareSide('left', expectedParts(expected), this.deps.maxDecodedBytes);
    const diff = compareSides(left, this.prepare('right', captured), options);
    const expectedRef: ComparedSide = { kind: 'expected', method: expected.method, url: originForm(expected.url) };
    return { ...diff, left: expectedRef, right: exchangeRef(captured), options, rules };
  }

  /** The newest inbound capture of a correlation key, or 404. */
  captureOf(correlation: string): number {
    const id = this.deps.lookups.captureOf(correlation);
    if (id === null) throw new CoreError('NO_MATCHING_CAPTURE', `no inbound exchange has correlation "${correlation}"`);
    return id;
  }

  previous(id: number, scope: PreviousScope): PreviousExchange {
    const previous = this.deps.lookups.previous(id, scope);
    if (!previous) throw new CoreError('NOT_FOUND', `exchange ${id}`);
    return previous;
  }

  private load(id: number): StoredExchange {
    const exchange = this.deps.exchanges.get(id);
    if (!exchange) throw new CoreError('NOT_FOUND', `exchange ${id}`);
    return exchange;
  }

  private prepare(label: 'left' | 'right', e: StoredExchange): ReturnType<typeof prepareSide> {
    return prepareSide(label, { method: e.method, target: e.target, rawHeaders: e.rawHeaders, body: e.body }, this.deps.maxDecodedBytes);
  }

  private scopes(id: number): ExchangeScopes {
    return this.deps.lookups.scopes(id) ?? { endpointId: null, profileId: null };
  }

  /** `auto`: the rule sets of the endpoint and the profile every side shares (two captures of one endpoint). */
  private resolve(request: ComparisonRequest, sides: ExchangeScopes[]): { options: ReturnType<typeof mergeOptions>; rules: RuleRef[] } {
    const selector = request.rules ?? 'auto';
    let refs: RuleRef[] = [];
    if (selector === 'auto') {
      const shared = (key: keyof ExchangeScopes): number | null => {
        const first = sides[0]?.[key] ?? null;
        return first !== null && sides.every((s) => s[key] === first) ? first : null;
      };
      const endpointId = shared('endpointId');
      const profileId = shared('profileId');
      if (endpointId !== null) refs.push({ scope: 'endpoint', scopeId: endpointId });
      if (profileId !== null) refs.push({ scope: 'profile', scopeId: profileId });
    } else if (selector !== 'none') {
      refs = selector;
    }
    const saved = refs.map((r) => this.deps.rules.saved(r.scope, r.scopeId)).filter((r): r is IgnoreRules => r !== null);
    return { options: mergeOptions(request, saved), rules: saved.map((s) => ({ scope: s.scope, scopeId: s.scopeId })) };
  }
}

export function exchangeRef(e: StoredExchange): ComparedSide {
  return {
    kind: 'exchange',
    id: e.id,
    direction: e.direction,
    method: e.method,
    url: binaryStringToDisplay(e.target),
    receivedAt: e.receivedAt,
    endpointId: e.endpointId,
    correlation: e.correlation,
  };
}
