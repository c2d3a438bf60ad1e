/**
 * The renderer's typed calls: each route's method, path and answer type come from the shared
 * route table (src/shared/api/), the path from its one builder (src/shared/api/path.ts), and
 * every call goes through the one fetch wrapper (http.ts).
 */
import { apiRoutes, type ApiRoute, type ApiRouteName, type ApiRoutes, type ResponseOf } from '../../src/shared/api/index';
import { pathOf, type ArgList, type WireArgs } from '../../src/shared/api/path';
import { request, withSignal } from './http';

/** A body that is JSON text already (a file): sent as is. */
type RendererArgs = WireArgs & { jsonText?: string };

function init(name: ApiRouteName, args: RendererArgs): RequestInit {
  const text = args.jsonText ?? (args.body === undefined ? undefined : JSON.stringify(args.body));
  return {
    method: apiRoutes[name].method,
    ...(text === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: text }),
    ...withSignal(args.signal),
  };
}

function send(name: ApiRouteName, args: RendererArgs = {}): Promise<Response> {
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
