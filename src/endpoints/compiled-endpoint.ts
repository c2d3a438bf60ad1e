import type { Endpoint, ResponseSpec, Rule } from '../model/endpoint.js';
import { compileCondition, type CompiledCondition } from './conditions.js';
import { compilePathPattern, type CompiledPath } from './path-pattern.js';
import type { RequestView } from './request-view.js';
import { seededUnit } from '../shared/seeded-random.js';
import { compileTemplate, type CompiledTemplate } from './template.js';

export interface RenderedResponse {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
  delayMs: number;
}

export type Decision =
  | { kind: 'respond'; response: RenderedResponse; answeredBy: string }
  | { kind: 'hang' | 'close' | 'reset' | 'malformed'; delayMs: number; answeredBy: string };

class CompiledResponse {
  private readonly headers: Array<[string, CompiledTemplate]>;
  private readonly body: CompiledTemplate;

  constructor(private readonly spec: ResponseSpec) {
    this.headers = spec.headers.map(([n, v]) => [n, compileTemplate(v)]);
    this.body = compileTemplate(spec.body);
  }

  render(request: RequestView, extraDelayMs = 0): RenderedResponse {
    const delay = this.spec.delayMs;
    const delayMs = delay === undefined ? 0 : typeof delay === 'number' ? delay : delay.min + Math.floor(Math.random() * (delay.max - delay.min + 1));
    return {
      status: this.spec.status,
      headers: this.headers.map(([n, t]) => [n, t.render(request)]),
      body: Buffer.from(this.body.render(request), 'utf8'),
      delayMs: delayMs + extraDelayMs,
    };
  }
}

const defaultFailure = new CompiledResponse({ status: 500, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'Internal Server Error' });

class CompiledRule {
  private readonly conditions: CompiledCondition[];
  private readonly responses: CompiledResponse[];
  private readonly failureResponse: CompiledResponse;
  private matched = 0;
  private sequenceIndex = 0;

  constructor(readonly rule: Rule) {
    this.conditions = rule.conditions.map(compileCondition);
    this.responses = rule.responses.map((r) => new CompiledResponse(r));
    this.failureResponse = rule.failure?.response ? new CompiledResponse(rule.failure.response) : defaultFailure;
  }

  applies(request: RequestView): boolean {
    return this.rule.enabled && this.conditions.every((c) => c(request));
  }

  decide(request: RequestView, label: string): Decision {
    const n = ++this.matched;
    const failure = this.rule.failure;
    const name = `${label} › ${this.rule.name || this.rule.id}`;
    if (failure) {
      switch (failure.mode) {
        case 'fail-first':
          if (n <= (failure.count ?? 0)) return { kind: 'respond', response: this.failureResponse.render(request), answeredBy: `${name} (failure ${n} of ${failure.count})` };
          break;
        case 'fail-percent':
          if (seededUnit(failure.seed ?? 1, n) * 100 < (failure.percent ?? 0)) {
            return { kind: 'respond', response: this.failureResponse.render(request), answeredBy: `${name} (seeded ${failure.percent}% failure, request ${n})` };
          }
          break;
        case 'timeout':
          return { kind: 'respond', response: this.next().render(request, failure.delayMs ?? 0), answeredBy: `${name} (answered after ${failure.delayMs} ms)` };
        case 'hang':
        case 'close':
        case 'reset':
        case 'malformed':
          return { kind: failure.mode, delayMs: failure.delayMs ?? 0, answeredBy: `${name} (${failure.mode})` };
      }
    }
    const position = this.sequenceIndex;
    const response = this.next();
    const sequence = this.responses.length > 1 ? ` (sequence ${position + 1} of ${this.responses.length})` : '';
    return { kind: 'respond', response: response.render(request), answeredBy: `${name}${sequence}` };
  }

  private next(): CompiledResponse {
    const response = this.responses[this.sequenceIndex]!;
    const last = this.responses.length - 1;
    if (this.rule.sequenceEnd === 'loop') this.sequenceIndex = this.sequenceIndex === last ? 0 : this.sequenceIndex + 1;
    else this.sequenceIndex = Math.min(this.sequenceIndex + 1, last);
    return response;
  }
}

/** An endpoint ready to answer: patterns, regexes and templates compiled once; counters live here. */
export class CompiledEndpoint {
  private readonly path: CompiledPath;
  private readonly rules: CompiledRule[];
  /** The fallback as a rule that always applies, so fail-first/percent work on it with the same counters. */
  private readonly fallback: CompiledRule;
  private readonly methods: Set<string>;
  private requests = 0;

  constructor(readonly endpoint: Endpoint) {
    this.path = compilePathPattern(endpoint.path);
    this.rules = endpoint.rules.map((r) => new CompiledRule(r));
    this.fallback = new CompiledRule({
      id: 'fallback',
      name: 'fallback',
      enabled: true,
      conditions: [],
      responses: [endpoint.fallback],
      ...(endpoint.fallbackFailure ? { failure: endpoint.fallbackFailure } : {}),
    });
    this.methods = new Set(endpoint.methods.map((m) => m.toUpperCase()));
  }

  /** Path params when this endpoint takes the request, else null. */
  match(method: string, path: string): Record<string, string> | null {
    if (!this.endpoint.enabled) return null;
    if (this.methods.size > 0 && !this.methods.has(method.toUpperCase())) return null;
    return this.path.match(path);
  }

  nextRequestNumber(): number {
    return ++this.requests;
  }

  decide(request: RequestView): Decision {
    const label = this.endpoint.name;
    const rule = this.rules.find((r) => r.applies(request));
    if (rule) return rule.decide(request, label);
    return this.fallback.decide(request, label);
  }
}
