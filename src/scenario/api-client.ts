/**
 * The runner talks to the app only through its control API, the same way in both modes (its own
 * headless core, or `--control URL --token T`), so a scenario that passes headless passes against
 * the desktop app too.
 */
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
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** For endpoints that answer bytes (raw messages). */
  bytes(path: string): Promise<Buffer>;
}

export function apiClient(controlUrl: string, token: string): ApiClient {
  const base = controlUrl.replace(/\/+$/, '');
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
  return {
    controlUrl: base,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await call(method, path, body);
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
    async bytes(path) {
      return Buffer.from(await (await call('GET', path)).arrayBuffer());
    },
  };
}
