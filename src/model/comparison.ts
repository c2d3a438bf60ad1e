/**
 * Shapes of the comparison feature (diff of two exchanges, expected vs captured, ignore rules,
 * golden baselines) as the control API and the CLI speak them.
 * Pure types: the renderer imports them type-only.
 */
import type { RuleSuggestion } from '../diff/suggest-rules.js';
import type { DiffOptions, ExchangeDiff } from '../diff/types.js';
import type { Direction, ExchangeSummary, RawHeaders } from './exchange.js';

/** What saved rules and baselines hang off. Profiles are another module's; we only keep their id. */
export type RuleScope = 'endpoint' | 'profile';

/** The toggles a comparison can take, as saved or as applied (no functions, JSON-safe). */
export interface ComparisonToggles {
  /** Count a query/form param order change as a difference (default false: order is noise). */
  paramOrder?: boolean;
  /** Count a header order change as a difference (default false). */
  headerOrder?: boolean;
  /** Count volatile headers (date, user-agent, content-length…) (default false). */
  volatileHeaders?: boolean;
  jsonArrays?: 'index' | 'move-aware';
}

/** Ignore rules saved for an endpoint or a profile. Rule syntax: see src/diff/ignore.ts. */
export interface IgnoreRules extends ComparisonToggles {
  scope: RuleScope;
  scopeId: number;
  ignore: string[];
  /** null when nothing was ever saved (the defaults are returned). */
  updatedAt: number | null;
}

/** Body of PUT /api/ignore-rules/:scope/:id. */
export interface IgnoreRulesInput extends ComparisonToggles {
  ignore: string[];
}

/** The options a comparison actually ran with, after merging the request and any saved rules. */
export type AppliedOptions = Omit<DiffOptions, 'sha256'> & { ignore: string[] };

/**
 * One side of a comparison: a stored exchange, or a request that was expected (a template's
 * expansion) and never stored. Display strings (url) are UTF-8 text when the bytes allow.
 */
export type ComparedSide =
  | {
      kind: 'exchange';
      id: number;
      direction: Direction;
      method: string;
      url: string;
      receivedAt: number;
      endpointId: number | null;
      correlation: string | null;
    }
  | { kind: 'expected'; method: string; url: string };

/**
 * GET /api/diff and POST /api/diff/expected. The engine's result (method, path, query, headers,
 * body, summary, differences, identical) plus what was compared and with which rules. Raw values
 * in it are display text (UTF-8 when valid, else one char per byte), like ExchangeDetail's.
 */
export interface ComparisonResult extends ExchangeDiff {
  left: ComparedSide;
  right: ComparedSide;
  options: AppliedOptions;
  /** Saved rule sets merged in (e.g. the shared endpoint's). */
  rules: Array<{ scope: RuleScope; scopeId: number }>;
}

/** GET /api/exchanges/:id/previous?scope=… */
export type PreviousScope = 'endpoint' | 'correlation' | 'path';
export interface PreviousExchange {
  scope: PreviousScope;
  /** The exchange asked about. */
  of: number;
  /** The newest older exchange in the same scope; null when there is none. */
  id: number | null;
  /** Why there can be none (e.g. the exchange has no endpoint), for the UI's tooltip. */
  reason: string | null;
}

/** An expected request (e.g. the sender's template expansion). Strings are sent as they are. */
export interface ExpectedRequestInput {
  method: string;
  /** Absolute URL or origin-form target; scheme and authority are dropped before comparing. */
  url: string;
  rawHeaders?: RawHeaders;
  /** Text body (sent as UTF-8) or bodyBase64 for bytes; at most one. */
  body?: string;
  bodyBase64?: string;
}

/** Body of POST /api/diff/expected: the capture is given by id, or found by correlation key. */
export interface ExpectedComparisonRequest extends ComparisonToggles {
  expected: ExpectedRequestInput;
  exchangeId?: number;
  /** Exact correlation value as stored (e.g. `click_id=abc&event=install`): newest inbound capture. */
  correlation?: string;
  ignore?: string[];
  /** `auto` (default), `none`, or `endpoint:3,profile:2`. */
  rules?: string;
}

/** A pinned golden exchange: what every new capture in that scope should look like. */
export interface Baseline {
  scope: RuleScope;
  scopeId: number;
  exchangeId: number;
  createdAt: number;
  /** The pinned exchange, for the list (null if it vanished meanwhile). */
  exchange: ExchangeSummary | null;
}

/** The stored outcome of diffing one capture against its scope's baseline. */
export interface BaselineResult {
  exchangeId: number;
  scope: RuleScope;
  scopeId: number;
  baselineExchangeId: number;
  matches: boolean;
  /** Counted differences under the scope's saved ignore rules. */
  differences: number;
  summary: string;
  comparedAt: number;
}

/** GET /api/exchanges/:id/baseline-result */
export interface ExchangeBaselineResults {
  exchangeId: number;
  /** The capture is not checked yet (the checker runs in batches after commit). */
  pending: boolean;
  /** One per scope with a baseline (an endpoint's and a profile's can both apply). */
  results: BaselineResult[];
}

/** Events of the comparison module (forwarded on the core bus as `baseline-results`). */
export interface ComparisonEventMap {
  /** Results of one checker batch, in exchange order. */
  'baseline-results': BaselineResult[];
}

/** GET /api/diff/suggest-rules: volatile params of recent captures, as ignore rules to offer. */
export interface SuggestionResult {
  /** How many captures were looked at, and how they were chosen. */
  captures: number;
  scope: 'endpoint' | 'path';
  suggestions: RuleSuggestion[];
}
