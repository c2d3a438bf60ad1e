/**
 * The runner talks to the app only through its control API, the same way in both modes (its own
 * headless core, or `--control URL --token T`), so a scenario that passes headless passes against
 * the desktop app too. Calls go by route name through the shared route table (src/shared/api/),
 * as the renderer's do: the method, the path and the answer's type cannot drift from the server.
 */
import { apiRoutes, type ApiRouteName, type ApiRoutes, type ResponseOf } from '../shared/api/index.js';
import { pathOf, type ArgList, type WireArgs } from '../shared/api/path.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The refusal as the API wrote it (`{ error: { code, message, fields? }, … }`), when it was JSON. */
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

type Refusal = { error?: { message?: string; fields?: Array<{ field: string; message: string }> } };

export interface ApiClient {
  readonly controlUrl: string;
  /** Calls a JSON route by name; a 204 route resolves to undefined. Refusals throw ApiError. */
  call<N extends ApiRouteName>(name: N, ...[args]: ArgList<ApiRoutes[N]>): Promise<ResponseOf<ApiRoutes[N]>>;
  /** Calls a route whose answer is bytes (a raw message), read whole. */
  bytes<N extends ApiRouteName>(name: N, ...[args]: ArgList<ApiRoutes[N]>): Promise<Buffer>;
}

export function apiClient(controlUrl: string, token: string): ApiClient {
  const base = controlUrl.replace(/\/+$/, '');
  const send = async (name: ApiRouteName, args: WireArgs = {}): Promise<Response> => {
    const { method } = apiRoutes[name];
    const path = pathOf(name, args.params, args.query);
    const { body, signal } = args;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      throw new ApiError(0, `the control API at ${base} did not answer: ${(error as Error).message}`);
    }
    if (response.status === 401) throw new ApiError(401, `the control API at ${base} refused the token`);
    if (!response.ok) {
      const text = await response.text();
      let message = text;
      let parsed: Refusal | null = null;
      try {
        const refusal = JSON.parse(text) as Refusal;
        parsed = refusal;
        message = refusal.error?.fields?.length ? refusal.error.fields.map((f) => `${f.field}: ${f.message}`).join('; ') : (refusal.error?.message ?? text);
      } catch {
        // not JSON: the text is the message
      }
      throw new ApiError(response.status, `${method} ${path.split('?')[0]} → ${response.status}: ${message}`, parsed);
    }
    return response;
  };
  async function call<N extends ApiRouteName>(name: N, ...[args]: ArgList<ApiRoutes[N]>): Promise<ResponseOf<ApiRoutes[N]>> {
    const response = await send(name, args as WireArgs | undefined);
    return (response.status === 204 ? undefined : await response.json()) as ResponseOf<ApiRoutes[N]>;
  }
  async function bytes<N extends ApiRouteName>(name: N, ...[args]: ArgList<ApiRoutes[N]>): Promise<Buffer> {
    return Buffer.from(await (await send(name, args as WireArgs | undefined)).arrayBuffer());
  }
  return { controlUrl: base, call, bytes };
}
