/**
 * What one control-API route is, as data both sides read: Fastify registers and validates from
 * it (src/control/typed-route.ts), the renderer builds paths and types answers from it
 * (renderer/api/call.ts), and /api/openapi.json documents it. Pure: typebox only.
 */
import Type, { type Static, type TSchema } from 'typebox';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface ApiRoute {
  readonly method: ApiMethod;
  /** Fastify's form: `/api/exchanges/:id`. */
  readonly path: `/api/${string}`;
  readonly description?: string;
  readonly tags: readonly string[];
  /** Every part below is validated by Fastify before the handler runs (400 with `fields`). */
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  readonly body?: TSchema;
  /**
   * A body that is typed and documented but not validated by Fastify: its service validates it
   * and names each bad field under its own code (INVALID_ENDPOINT, INVALID_PROFILE…), which a
   * generic schema refusal would replace.
   */
  readonly input?: TSchema;
  /** The success status; 204 answers no body. */
  readonly status: 200 | 201 | 202 | 204;
  readonly response: TSchema;
  /** Set when the answer is not JSON (bytes, text, a file): the renderer reads it raw. */
  readonly produces?: string;
}

/** Keeps each route's literal types, so Static<> can reach its schemas. */
export const defineRoutes = <const T extends Record<string, ApiRoute>>(routes: T): T => routes;

/**
 * A schema that documents an answer loosely (an object, described) and types it as `T`: the
 * model types in src/model/ are the contract the code checks; spelling each one out again as a
 * schema would be a second copy to keep in step.
 */
export const typed = <T>(description: string, schema: Record<string, unknown> = { type: 'object' }) => Type.Unsafe<T>({ ...schema, description });

export const NoContent = Type.Unsafe<void>({ type: 'null', description: 'No content' });

/** Ids arrive as path text; the handlers check them, naming the kind of id in the refusal. */
export const IdParams = Type.Object({ id: Type.String({ description: 'A numeric id' }) });

/** A query value as the router hands it over: repeated keys come as a list. */
export const QueryText = Type.Union([Type.String(), Type.Array(Type.String())]);

export const FieldErrorSchema = Type.Object({ field: Type.String(), message: Type.String() });

/** Where in a text the client sent (a scenario plan) a refusal points, 1-based: editors put the caret there. */
export interface TextPosition {
  line: number;
  col: number;
}

/** Every refusal (src/errors.ts): `{ error: { code, message, fields?, line?, col? } }`, some with more beside. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String(),
        message: Type.String(),
        fields: Type.Optional(Type.Array(FieldErrorSchema)),
        line: Type.Optional(Type.Integer({ minimum: 1, description: 'INVALID_PLAN: the line of the plan text the problem is on (1-based)' })),
        col: Type.Optional(Type.Integer({ minimum: 1, description: 'INVALID_PLAN: its column (1-based)' })),
      },
      { additionalProperties: true },
    ),
  },
  { additionalProperties: true, description: 'The error shape of every refusal (src/errors.ts)' },
);

export type ParamsOf<R extends ApiRoute> = R['params'] extends TSchema ? Static<R['params']> : Record<string, never>;
export type QueryOf<R extends ApiRoute> = R['querystring'] extends TSchema ? Static<R['querystring']> : Record<string, never>;
/** What a client sends; the server's handler sees `unknown` for an `input` body (its service checks it). */
export type BodyOf<R extends ApiRoute> = R['body'] extends TSchema ? Static<R['body']> : R['input'] extends TSchema ? Static<R['input']> : undefined;
export type ResponseOf<R extends ApiRoute> = Static<R['response']>;

/**
 * A body its service validates (see `input`): documented with its full schema, typed `unknown`
 * for callers, since the server takes anything (a JSON tab may hold anything) and refuses with fields.
 */
export const checkedByService = (schema: TSchema, description: string) => Type.Unsafe<unknown>({ ...schema, description });

/**
 * A querystring of optional words, each documented; the handler parses them (and names a bad
 * one), so the schema refuses nothing the handler would have taken: a repeated key stays a list.
 */
export const queryWords = <K extends string>(words: Record<K, string>) =>
  Type.Object(Object.fromEntries(Object.entries(words).map(([k, d]) => [k, Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())], { description: d as string }))])) as { [P in K]: Type.TOptional<typeof QueryText> });
