import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { apiRoutes, type ApiRouteName } from '../shared/api/index.js';
import { ErrorBody, type ApiRoute, type ParamsOf, type QueryOf, type ResponseOf } from '../shared/api/route.js';

/** The handler sees what Fastify validated; an `input` body stays `unknown` until its service checks it. */
type ServerBody<R extends ApiRoute> = R['body'] extends TSchema ? Static<R['body']> : unknown;

export type TypedRequest<R extends ApiRoute> = FastifyRequest<{ Params: ParamsOf<R>; Querystring: QueryOf<R>; Body: ServerBody<R> }>;

/** A 204 route's handler returns nothing; a handler that writes the reply itself (bytes, a refusal) returns the reply. */
type Answer<R extends ApiRoute> = R['status'] extends 204 ? void : ResponseOf<R> | FastifyReply;

export interface HandleOptions {
  errorHandler?: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => FastifyReply;
  bodyLimit?: number;
}

/**
 * Registers one route of the shared table (src/shared/api/): its method, path and schemas come
 * from there, so the server and the renderer cannot disagree on them. The success status is the
 * table's; errors keep theirs (the control server's error handler).
 */
export function handle<N extends ApiRouteName>(
  api: FastifyInstance,
  name: N,
  handler: (request: TypedRequest<(typeof apiRoutes)[N]>, reply: FastifyReply) => Promise<Answer<(typeof apiRoutes)[N]>>,
  options: HandleOptions = {},
): void {
  const route: ApiRoute = apiRoutes[name];
  api.route({
    method: route.method,
    url: route.path,
    schema: fastifySchema(route),
    // The table's response schemas document and type the answers; they never serialize them
    // (fast-json-stringify would drop every field a loose schema does not list).
    serializerCompiler: () => (data) => JSON.stringify(data),
    // An `input` body is documented without being validated: the docs see it, the validator does not.
    ...(route.input ? { config: { swaggerTransform: ({ schema, url }: { schema: FastifySchema; url: string }) => ({ schema: { ...schema, body: route.input }, url }) } } : {}),
    ...(options.errorHandler ? { errorHandler: options.errorHandler } : {}),
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      if (route.status !== 200) void reply.code(route.status);
      const answer = await handler(request as TypedRequest<(typeof apiRoutes)[N]>, reply);
      return route.status === 204 && answer === undefined ? reply.send() : answer;
    },
  });
}

function fastifySchema(route: ApiRoute): FastifySchema & Record<string, unknown> {
  return {
    tags: [...route.tags],
    ...(route.description ? { description: route.description } : {}),
    ...(route.params ? { params: route.params } : {}),
    ...(route.querystring ? { querystring: route.querystring } : {}),
    ...(route.body ? { body: route.body } : {}),
    ...(route.produces ? { produces: [route.produces] } : {}),
    // Documentation and typing only (see serializerCompiler above).
    response: { [route.status]: route.response, '4xx': ErrorBody, '5xx': ErrorBody },
  };
}
