/**
 * How a typed call of the route table is written (its arguments) and the path it is sent to: one
 * implementation for both clients of the control API, the renderer's (renderer/api/call.ts) and
 * the scenario runner's (src/scenario/api-client.ts). Pure: no fetch, no DOM, no Node.
 */
import type { TSchema } from 'typebox';
import { apiRoutes, type ApiRouteName } from './index.js';
import type { ApiRoute, BodyOf, ParamsOf, QueryOf } from './route.js';

export type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** Known keys are checked; `param.<name>`-style open keys ride in a URLSearchParams. */
export type QueryArg<R extends ApiRoute> = { [K in keyof QueryOf<R>]?: QueryValue } | URLSearchParams;

/** A route's arguments: path params when it has any, its query when it takes one, its body when it takes one. */
export type CallArgs<R extends ApiRoute> = (R extends { params: TSchema } ? { params: { [K in keyof ParamsOf<R>]: string | number } } : { params?: never }) &
  (R extends { querystring: TSchema } ? { query?: QueryArg<R> } : { query?: never }) &
  (R extends { body: TSchema } | { input: TSchema } ? { body: BodyOf<R> } : { body?: never }) & { signal?: AbortSignal | undefined };

/** Routes that take nothing may be called with no arguments. */
export type ArgList<R extends ApiRoute> = R extends { params: TSchema } | { body: TSchema } | { input: TSchema } ? [args: CallArgs<R>] : [args?: CallArgs<R>];

/** The arguments as the wire sees them, once the caller's types have been checked. */
export interface WireArgs {
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue> | URLSearchParams;
  body?: unknown;
  signal?: AbortSignal | undefined;
}

/** `/api/exchanges/:id` with `{ id: 7 }` → `/api/exchanges/7`, each value encoded; the query after a `?` when it has any. */
export function pathOf(name: ApiRouteName, params: Record<string, string | number> = {}, query?: Record<string, QueryValue> | URLSearchParams): string {
  const path = apiRoutes[name].path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`${name}: missing path parameter ${key}`);
    return encodeURIComponent(String(value));
  });
  const search = query instanceof URLSearchParams ? query : queryParams(query ?? {});
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

function queryParams(query: Record<string, QueryValue>): URLSearchParams {
  const sp = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) sp.append(key, v);
    else sp.set(key, String(value));
  }
  return sp;
}
