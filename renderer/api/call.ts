/**
 * The renderer's typed calls: each route's method, path and answer type come from the shared
 * route table (src/shared/api/), and every call goes through the one fetch wrapper (http.ts).
 */
import type { TSchema } from 'typebox';
import { apiRoutes, type ApiRoute, type ApiRouteName, type ApiRoutes, type BodyOf, type ParamsOf, type QueryOf, type ResponseOf } from '../../src/shared/api/index';
import { request, withSignal } from './http';

type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** Known keys are checked; `param.<name>`-style open keys ride in a URLSearchParams. */
export type QueryArg<R extends ApiRoute> = { [K in keyof QueryOf<R>]?: QueryValue } | URLSearchParams;

type Args<R extends ApiRoute> = (R extends { params: TSchema } ? { params: { [K in keyof ParamsOf<R>]: string | number } } : { params?: never }) &
  (R extends { querystring: TSchema } ? { query?: QueryArg<R> } : { query?: never }) &
  (R extends { body: TSchema } | { input: TSchema } ? { body: BodyOf<R> } : { body?: never }) & { signal?: AbortSignal | undefined };

/** Routes that take nothing may be called with no arguments. */
type ArgList<R extends ApiRoute> = R extends { params: TSchema } | { body: TSchema } | { input: TSchema } ? [args: Args<R>] : [args?: Args<R>];

/** `/api/exchanges/:id` with `{ id: 7 }` → `/api/exchanges/7`, each value encoded. */
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

function init(name: ApiRouteName, args: WireArgs): RequestInit {
  const text = args.jsonText ?? (args.body === undefined ? undefined : JSON.stringify(args.body));
  return {
    method: apiRoutes[name].method,
    ...(text === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: text }),
    ...withSignal(args.signal),
  };
}

/** The arguments as the wire sees them, once the caller's types have been checked. */
interface WireArgs {
  params?: Record<string, string | number>;
  query?: Record<string, QueryValue> | URLSearchParams;
  body?: unknown;
  /** A body that is JSON text already (a file): sent as is. */
  jsonText?: string;
  signal?: AbortSignal | undefined;
}

function send(name: ApiRouteName, args: WireArgs = {}): Promise<Response> {
  return request(pathOf(name, args.params, args.query), init(name, args));
}

/** Calls a JSON route; a 204 route resolves to undefined. Refusals throw http.ts's errors. */
export async function callApi<N extends ApiRouteName>(name: N, ...[args]: ArgList<ApiRoutes[N]>): Promise<ResponseOf<ApiRoutes[N]>> {
  const res = await send(name, args as WireArgs | undefined);
  if ((apiRoutes[name] as ApiRoute).status === 204) return undefined as ResponseOf<ApiRoutes[N]>;
  return (await res.json()) as ResponseOf<ApiRoutes[N]>;
}

/** Calls a route whose answer is not read as JSON (bytes, text, a file to save): the Response. */
export function callApiRaw<N extends ApiRouteName>(name: N, ...[args]: ArgList<ApiRoutes[N]>): Promise<Response> {
  return send(name, args as WireArgs | undefined);
}

/**
 * Sends a file's JSON text as is (a HAR): the server parses it and names the first problem, which
 * parsing it here first would answer with the browser's own message instead.
 */
export async function callApiWithJsonText<N extends ApiRouteName>(name: N, jsonText: string, signal?: AbortSignal): Promise<ResponseOf<ApiRoutes[N]>> {
  return (await (await send(name, { jsonText, signal })).json()) as ResponseOf<ApiRoutes[N]>;
}
