import Type from 'typebox';
import { EndpointInputSchema, FailureSchema, ResponseSpecSchema, RuleSchema } from '../model/endpoint.js';
import { MacroDialectSchema, ProfileInputSchema, SuccessRuleSchema } from '../model/profile.js';

/**
 * The scenario plan (`postback-inspector test plan.yaml`, issue #14) as one TypeBox schema: the
 * loader validates with it, and docs/scenario-plan.schema.json is this schema serialised, so an
 * editor's completion and the runner can never disagree. Pure: only typebox, no Node.
 *
 * Steps and expectations are "one kind key plus qualifiers" objects (`arrives: /pb` with `within`,
 * `params`…): flat YAML reads like a sentence, and the kind key tells the loader which branch to
 * check, so an error names the wrong field instead of "matches no branch of anyOf".
 */

/** Patterns with the words the loader says when a value misses one (a raw regex helps nobody). */
export const patternHints: Record<string, string> = {
  '^[A-Za-z_][A-Za-z0-9_-]*$': 'a name of letters, digits, _ and - (not starting with a digit)',
  '^\\d+(\\.\\d+)?\\s*(ms|s|m)$': 'a duration such as 500ms, 5s or 1m',
  '^\\s*(>=|<=|>|<|==)\\s*\\d+(\\.\\d+)?\\s*%?\\s*$': 'a quoted comparison such as ">= 0.98", ">= 98%" or "<= 2000"',
  '^/': 'a path starting with /',
};

const Id = Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_-]*$', description: 'A name other parts of the plan refer to' });
/** Numbers are accepted where YAML users write them bare (`payout: 1.50`); the loader keeps their source text. */
const Text = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
const TextMap = Type.Record(Type.String(), Text);
const Duration = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^\\d+(\\.\\d+)?\\s*(ms|s|m)$' })], { description: 'Milliseconds, or "500ms", "5s", "1m"' });
const Comparison = Type.String({ pattern: '^\\s*(>=|<=|>|<|==)\\s*\\d+(\\.\\d+)?\\s*%?\\s*$', description: 'e.g. ">= 0.98", ">= 98%", "<= 2000"' });
const Header = Type.Tuple([Type.String({ minLength: 1 }), Type.String()]);
const Headers = Type.Union([Type.Array(Header), Type.Record(Type.String(), Type.String())], { description: '[[name, value], …] (order kept) or {name: value}' });
export type PlanHeaders = Type.Static<typeof Headers>;

export const RetrySchema = Type.Union([
  Type.Object({ kind: Type.Literal('none') }),
  Type.Object({
    kind: Type.Literal('exponential'),
    baseMs: Type.Number({ minimum: 0 }),
    factor: Type.Number({ minimum: 1 }),
    maxAttempts: Type.Integer({ minimum: 1 }),
    maxDelayMs: Type.Number({ minimum: 0 }),
    jitter: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    retryOn: Type.Optional(Type.Union([Type.Literal('any-failure'), Type.Literal('5xx-or-network')])),
  }),
  Type.Object({ kind: Type.Literal('schedule'), delaysMs: Type.Array(Type.Number({ minimum: 0 })), retryOn: Type.Optional(Type.Union([Type.Literal('any-failure'), Type.Literal('5xx-or-network')])) }),
  Type.Object({ kind: Type.Literal('preset'), preset: Type.String(), disableAfter: Type.Optional(Type.Integer()), retries: Type.Optional(Type.Integer()) }),
]);

export const GeneratorSchema = Type.Union([
  Type.Object({ kind: Type.Literal('sequence'), start: Type.Optional(Type.Number()), step: Type.Optional(Type.Number()), prefix: Type.Optional(Type.String()), pad: Type.Optional(Type.Integer({ minimum: 0 })) }),
  Type.Object({ kind: Type.Literal('list'), values: Type.Array(Type.String(), { minItems: 1 }), order: Type.Optional(Type.Union([Type.Literal('random'), Type.Literal('cycle')])) }),
  Type.Object({ kind: Type.Literal('uuid') }),
  Type.Object({ kind: Type.Literal('random-number'), min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()), decimals: Type.Optional(Type.Integer({ minimum: 0 })) }),
]);

/** A Composer template; `{{receiver}}` in url/headers/body is the receiver's base URL of this run. */
export const TemplateSchema = Type.Object(
  {
    name: Type.Optional(Type.String()),
    method: Type.Optional(Type.String({ minLength: 1 })),
    url: Type.String({ minLength: 1 }),
    headers: Type.Optional(Headers),
    bodyMode: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('form'), Type.Literal('json'), Type.Literal('raw')])),
    body: Type.Optional(Type.String()),
    dialect: Type.Optional(MacroDialectSchema),
    /** A profile of this plan: the sender signs with it. */
    profile: Type.Optional(Id),
    retry: Type.Optional(RetrySchema),
    success: Type.Optional(SuccessRuleSchema),
    optional: Type.Optional(Type.Array(Type.String())),
    defaults: Type.Optional(Type.Record(Type.String(), Type.String())),
    timeoutMs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    idempotencyHeader: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ProfileEntrySchema = Type.Object(
  {
    id: Id,
    /** A profile preset id (GET /api/profile-presets), or… */
    preset: Type.Optional(Type.String({ minLength: 1 })),
    /** …an inline profile (params, signature…); over a preset, these fields replace the preset's. */
    profile: Type.Optional(Type.Partial(ProfileInputSchema)),
    secret: Type.Optional(
      Type.Object(
        {
          secret: Type.String({ minLength: 1 }),
          encoding: Type.Optional(Type.Union([Type.Literal('utf8'), Type.Literal('hex'), Type.Literal('base64')])),
          kind: Type.Optional(Type.Union([Type.Literal('shared'), Type.Literal('public-key'), Type.Literal('private-key')])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** What the app fills in itself (rule ids, `enabled`, empty lists, response headers) may be left out. */
const LooseResponse = Type.Partial(ResponseSpecSchema);
const LooseEndpoint = Type.Partial(
  Type.Object({
    ...EndpointInputSchema.properties,
    rules: Type.Array(Type.Partial(Type.Object({ ...RuleSchema.properties, responses: Type.Array(LooseResponse, { minItems: 1 }), failure: Type.Object({ ...FailureSchema.properties, response: Type.Optional(LooseResponse) }) }))),
    fallback: LooseResponse,
  }),
);

export const EndpointEntrySchema = Type.Object(
  {
    id: Id,
    /** An endpoint preset id (GET /api/endpoint-presets), or… */
    preset: Type.Optional(Type.String({ minLength: 1 })),
    /** …an inline endpoint; over a preset, these fields replace the preset's. `{{receiver}}` is replaced. */
    endpoint: Type.Optional(LooseEndpoint),
    /** A profile of this plan that judges this endpoint's captures. */
    profile: Type.Optional(Id),
  },
  { additionalProperties: false },
);

export const TemplateEntrySchema = Type.Object({ id: Id, template: TemplateSchema }, { additionalProperties: false });

const TemplateRef = Type.Union([Id, TemplateSchema], { description: 'A template of this plan by id, or an inline template' });
const SendOverrides = {
  vars: Type.Optional(TextMap),
  retry: Type.Optional(RetrySchema),
  success: Type.Optional(SuccessRuleSchema),
  timeScale: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  timeoutMs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  sendAnyway: Type.Optional(Type.Boolean()),
};

const StepCommon = { id: Type.Optional(Id), name: Type.Optional(Type.String()) };

export const StepSchemas = {
  send: Type.Object(
    {
      ...StepCommon,
      send: Type.Object(
        {
          template: TemplateRef,
          ...SendOverrides,
          /** final (default): until delivered or given up; first: after the first attempt. */
          wait: Type.Optional(Type.Union([Type.Literal('final'), Type.Literal('first')])),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  bulk: Type.Object(
    {
      ...StepCommon,
      bulk: Type.Object(
        {
          template: TemplateRef,
          count: Type.Integer({ minimum: 1, maximum: 100_000 }),
          generators: Type.Optional(Type.Record(Type.String(), GeneratorSchema)),
          concurrency: Type.Optional(Type.Number({ minimum: 0 })),
          ratePerSecond: Type.Optional(Type.Number({ minimum: 0 })),
          ...SendOverrides,
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  request: Type.Object(
    {
      ...StepCommon,
      request: Type.Object(
        {
          method: Type.Optional(Type.String({ minLength: 1 })),
          /** Path on the receiver (`/click`), may hold a query; each `query` entry becomes a step output. */
          path: Type.String({ pattern: '^/' }),
          query: Type.Optional(TextMap),
          headers: Type.Optional(Headers),
          body: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  'replay-har': Type.Object(
    {
      ...StepCommon,
      /** A HAR file (relative to the plan): each entry's request is sent to the receiver, in order. */
      'replay-har': Type.String({ minLength: 1 }),
    },
    { additionalProperties: false },
  ),
  wait: Type.Object({ ...StepCommon, wait: Duration }, { additionalProperties: false }),
};

const ExpectCommon = {
  /** The testcase name (default: the expectation in words). */
  name: Type.Optional(Type.String()),
};
/** Which side's metrics: the postbacks we sent (default) or those the receiver captured. */
const Side = Type.Optional(Type.Union([Type.Literal('sender'), Type.Literal('receiver')]));

export const ExpectSchemas = {
  arrives: Type.Object(
    {
      ...ExpectCommon,
      /** Names the capture for `signature`, `verdict` and `diff` expectations. */
      id: Type.Optional(Id),
      /** The request path, exactly (query excluded). */
      arrives: Type.String({ pattern: '^/' }),
      method: Type.Optional(Type.String()),
      /** Decoded query/form/JSON values that must be equal; `{{step.name}}` refers to step outputs. */
      params: Type.Optional(TextMap),
      /** Counted from the end of the `after` step (default: the last step). Default 10 s. */
      within: Type.Optional(Duration),
      after: Type.Optional(Id),
      /** At least this many matching captures (default 1). */
      count: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    { additionalProperties: false },
  ),
  signature: Type.Object(
    {
      ...ExpectCommon,
      signature: Type.Union([Type.Literal('valid'), Type.Literal('invalid')]),
      of: Id,
      /** Verify under this profile of the plan (default: the profile of the endpoint that answered). */
      profile: Type.Optional(Id),
    },
    { additionalProperties: false },
  ),
  verdict: Type.Object({ ...ExpectCommon, verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('none')]), of: Id }, { additionalProperties: false }),
  'no-duplicates': Type.Object(
    { ...ExpectCommon, 'no-duplicates': Type.Union([Type.Literal(true), Type.String({ pattern: '^/' })], { description: 'true, or only captures at this path' }) },
    { additionalProperties: false },
  ),
  'delivery-rate': Type.Object({ ...ExpectCommon, 'delivery-rate': Comparison, side: Side }, { additionalProperties: false }),
  p50: Type.Object({ ...ExpectCommon, p50: Comparison, side: Side }, { additionalProperties: false }),
  p90: Type.Object({ ...ExpectCommon, p90: Comparison, side: Side }, { additionalProperties: false }),
  p99: Type.Object({ ...ExpectCommon, p99: Comparison, side: Side }, { additionalProperties: false }),
  diff: Type.Object(
    {
      ...ExpectCommon,
      /** A golden raw request (.http, as GET /api/exchanges/:id/raw gives), relative to the plan. */
      diff: Type.String({ minLength: 1 }),
      of: Id,
      /** Ignore rules, as `postback-inspector diff --ignore`: ts, query.sig, header.date, $.meta.nonce… */
      ignore: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
      paramOrder: Type.Optional(Type.Boolean()),
      headerOrder: Type.Optional(Type.Boolean()),
      volatileHeaders: Type.Optional(Type.Boolean()),
      jsonArrays: Type.Optional(Type.Union([Type.Literal('index'), Type.Literal('move-aware')])),
    },
    { additionalProperties: false },
  ),
};

export type StepKind = keyof typeof StepSchemas;
export type ExpectKind = keyof typeof ExpectSchemas;
export const stepKinds = Object.keys(StepSchemas) as StepKind[];
export const expectKinds = Object.keys(ExpectSchemas) as ExpectKind[];

export const PlanSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.String({ minLength: 1, description: 'The JUnit testsuite name' }),
    description: Type.Optional(Type.String()),
    settings: Type.Optional(
      Type.Object(
        {
          /** Divides every retry delay of the plan's sends (1000: a 1-minute backoff takes 60 ms). */
          timeScale: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          /** Default `within` of `arrives`. */
          timeout: Type.Optional(Duration),
        },
        { additionalProperties: false },
      ),
    ),
    /** Plan-wide values: `{{vars.name}}`. */
    vars: Type.Optional(TextMap),
    profiles: Type.Optional(Type.Array(ProfileEntrySchema)),
    endpoints: Type.Optional(Type.Array(EndpointEntrySchema)),
    templates: Type.Optional(Type.Array(TemplateEntrySchema)),
    steps: Type.Array(Type.Union([StepSchemas.send, StepSchemas.bulk, StepSchemas.request, StepSchemas['replay-har'], StepSchemas.wait])),
    expect: Type.Array(
      Type.Union([ExpectSchemas.arrives, ExpectSchemas.signature, ExpectSchemas.verdict, ExpectSchemas['no-duplicates'], ExpectSchemas['delivery-rate'], ExpectSchemas.p50, ExpectSchemas.p90, ExpectSchemas.p99, ExpectSchemas.diff]),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

export type Plan = Type.Static<typeof PlanSchema>;
export type PlanTemplate = Type.Static<typeof TemplateSchema>;
export type ProfileEntry = Type.Static<typeof ProfileEntrySchema>;
export type EndpointEntry = Type.Static<typeof EndpointEntrySchema>;
export type Step = Type.Static<(typeof StepSchemas)[StepKind]>;
export type Expectation = Type.Static<(typeof ExpectSchemas)[ExpectKind]>;
export type StepOf<K extends StepKind> = Type.Static<(typeof StepSchemas)[K]>;
export type ExpectOf<K extends ExpectKind> = Type.Static<(typeof ExpectSchemas)[K]>;

/** The kind key of a step or expectation (the loader has checked there is exactly one). */
export function kindOf<K extends string>(item: object, kinds: readonly K[]): K {
  return kinds.find((k) => k in item)!;
}

/** The JSON Schema document published in docs/: draft-07, the dialect TypeBox emits (tuples as items arrays). */
export function planJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://postback-inspector.dev/schemas/scenario-plan.schema.json',
    title: 'Postback Inspector scenario plan',
    ...JSON.parse(JSON.stringify(PlanSchema)),
  };
}
