import Type from 'typebox';

/**
 * Mock endpoints as serialisable definitions: the UI builds and shows them without Node, the
 * receiver's engine (src/endpoints) gives them behaviour.
 */

const Header = Type.Tuple([Type.String({ minLength: 1 }), Type.String()]);

export const DelaySchema = Type.Union([
  Type.Integer({ minimum: 0, maximum: 600_000 }),
  Type.Object({ min: Type.Integer({ minimum: 0, maximum: 600_000 }), max: Type.Integer({ minimum: 0, maximum: 600_000 }) }),
]);

export const ResponseSpecSchema = Type.Object({
  status: Type.Integer({ minimum: 100, maximum: 599 }),
  headers: Type.Array(Header),
  /** A template: `{{query.click_id}}`, `{{header.x-id}}`, `{{json.user.id}}`, `{{path.partner}}`, `{{uuid}}`… */
  body: Type.String(),
  delayMs: Type.Optional(DelaySchema),
});

export const ConditionSchema = Type.Object({
  source: Type.Union([
    Type.Literal('query'),
    Type.Literal('header'),
    Type.Literal('json'),
    Type.Literal('form'),
    Type.Literal('path'),
    Type.Literal('method'),
    Type.Literal('body'),
    Type.Literal('requestNumber'),
  ]),
  /** Param / header / form field name, JSON path (`user.id`, `items.0.sku`) or path param. */
  name: Type.String(),
  op: Type.Union([
    Type.Literal('equals'),
    Type.Literal('not-equals'),
    Type.Literal('contains'),
    Type.Literal('matches'),
    Type.Literal('present'),
    Type.Literal('absent'),
    Type.Literal('lte'),
    Type.Literal('gte'),
  ]),
  value: Type.Optional(Type.String()),
});

export const FailureSchema = Type.Object({
  mode: Type.Union([
    Type.Literal('fail-first'),
    Type.Literal('fail-percent'),
    Type.Literal('timeout'),
    Type.Literal('hang'),
    Type.Literal('close'),
    Type.Literal('reset'),
    Type.Literal('malformed'),
  ]),
  /** fail-first: how many requests fail before the rule's responses are used. */
  count: Type.Optional(Type.Integer({ minimum: 0 })),
  /** fail-percent: share of requests that fail, decided by a seeded generator (reproducible runs). */
  percent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  seed: Type.Optional(Type.Integer()),
  /** timeout: answer only after this long (longer than the sender's timeout). */
  delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
  /** What a fail-first / fail-percent failure answers (default 500). */
  response: Type.Optional(ResponseSpecSchema),
});

export const RuleSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.Optional(Type.String()),
  enabled: Type.Boolean(),
  /** All must hold (AND). None: the rule always applies. */
  conditions: Type.Array(ConditionSchema),
  /** One response, or a sequence answered in order (500, 500, 200…). */
  responses: Type.Array(ResponseSpecSchema, { minItems: 1 }),
  /** After the last response of a sequence: start again, or keep answering the last. */
  sequenceEnd: Type.Optional(Type.Union([Type.Literal('loop'), Type.Literal('stick')])),
  failure: Type.Optional(FailureSchema),
});

export const CallbackSchema = Type.Object({
  /** Template, e.g. `http://127.0.0.1:4100/pb?click_id={{query.click_id}}`. */
  url: Type.String({ minLength: 1 }),
  method: Type.String({ minLength: 1 }),
  headers: Type.Array(Header),
  body: Type.String(),
  delayMs: Type.Integer({ minimum: 0, maximum: 3_600_000 }),
});

export const EndpointInputSchema = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  enabled: Type.Boolean(),
  /** Empty: any method. */
  methods: Type.Array(Type.String({ minLength: 1 })),
  /** `/pb` exact, `/pb/:partner` a segment param, `/hooks/*` anything below. */
  path: Type.String({ minLength: 1 }),
  profileId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  /** Params whose values identify one conversion (e.g. click_id + transaction_id): a repeat is a duplicate. */
  correlationKeys: Type.Array(Type.String({ minLength: 1 })),
  rules: Type.Array(RuleSchema),
  /** When no rule applies. */
  fallback: ResponseSpecSchema,
  /**
   * Failure injection on the fallback itself (fail-first 2, then the fallback): the common "retry
   * test" needed no rule at all, yet users had to add an empty one to get a failure mode.
   */
  fallbackFailure: Type.Optional(FailureSchema),
  callback: Type.Optional(Type.Union([CallbackSchema, Type.Null()])),
  preset: Type.Optional(Type.String()),
  notes: Type.Optional(Type.String()),
});

export type ResponseSpec = Type.Static<typeof ResponseSpecSchema>;
export type Condition = Type.Static<typeof ConditionSchema>;
export type Failure = Type.Static<typeof FailureSchema>;
export type Rule = Type.Static<typeof RuleSchema>;
export type CallbackSpec = Type.Static<typeof CallbackSchema>;
export type EndpointInput = Type.Static<typeof EndpointInputSchema>;

export interface Endpoint extends EndpointInput {
  id: number;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface EndpointPreset {
  id: string;
  label: string;
  /** Where the partner documents this behaviour. */
  source: string;
  description: string;
  /**
   * The profile preset (src/checks/presets) that checks this partner's postbacks: adding the
   * endpoint links it, so captures are judged by the partner's own rules (currency, params…).
   */
  profilePreset?: string;
  endpoint: EndpointInput;
}

/** A refusal that points at the field, e.g. `rules[0].conditions[1].value`. */
export interface FieldError {
  field: string;
  message: string;
}

/** One endpoint's counters, as GET /api/endpoints/hits returns them. */
export interface EndpointHitCount {
  endpointId: number;
  /** Captures of this endpoint still stored (retention and deletes take theirs away). */
  total: number;
  /** Captures since the app started or since this endpoint's counter was last reset. */
  recent: number;
  /** Epoch ms of that start or reset. */
  since: number;
}
