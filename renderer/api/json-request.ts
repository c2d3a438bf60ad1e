import type { FieldError } from '../../src/model/endpoint';
import { statusStore } from '../store/status';
import { ApiError, authHeaders } from './client';
import { apiBase } from './token';

/**
 * An API refusal that may point at fields: `rules[0].conditions[1].value` (INVALID_ENDPOINT),
 * `params[2].pattern` (INVALID_PROFILE), `secret` (INVALID_SECRET), `ignore[2]` (INVALID_IGNORE_RULES)…
 * One class for every definition API, so forms map server errors back the same way.
 */
export class FieldApiError extends ApiError {
  constructor(
    message: string,
    status: number,
    code: string | null,
    readonly fields: FieldError[],
  ) {
    super(message, status, code);
    this.name = 'FieldApiError';
  }
}

/**
 * fetch() with the token; a refusal becomes a FieldApiError. Unlike api/client.ts, a 401 is
 * reported through the status store (these modules are used before the client is configured).
 */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new FieldApiError('The inspector is not reachable. Is `postback-inspector serve` still running?', 0, null, []);
  }
  if (res.ok) return res;
  if (res.status === 401) statusStore.setState({ unauthorized: true });
  throw await toError(res);
}

/** `{ error: { code, message, fields? } }` (src/errors.ts) → an error that keeps the fields. */
async function toError(res: Response): Promise<FieldApiError> {
  let message = `${res.status} ${res.statusText}`.trim();
  let code: string | null = null;
  let fields: FieldError[] = [];
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown } };
    const err = body.error;
    if (typeof err?.message === 'string') message = err.message;
    if (typeof err?.code === 'string') code = err.code;
    if (Array.isArray(err?.fields)) {
      fields = err.fields.filter(
        (f): f is FieldError => typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string',
      );
    }
  } catch {
    // Not JSON: the status line is all we have.
  }
  return new FieldApiError(message, res.status, code, fields);
}

export async function requestJson<T>(path: string, init?: RequestInit): Promise<T> {
  return (await (await request(path, init)).json()) as T;
}

/** For calls that answer nothing worth reading (DELETE, reset). */
export const requestVoid = (path: string, init: RequestInit): Promise<void> => request(path, init).then(() => undefined);

export const send = (method: string, body: unknown, signal?: AbortSignal): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
  ...(signal ? { signal } : {}),
});

export const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

/** The fields a refusal named; none for any other failure (network, 500…). */
export function fieldErrorsOf(err: unknown): FieldError[] {
  return err instanceof FieldApiError ? err.fields : [];
}
