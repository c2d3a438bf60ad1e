/**
 * The renderer's one way to call the control API: the token on every request, one error shape
 * (src/errors.ts: `{ error: { code, message, fields?, problems? }, preview? }`) turned into one
 * error class family, and one answer to a 401 (the token is stale: every view must know).
 */
import type { FieldError } from '../../src/model/endpoint';
import type { SendPreview, SendProblem } from '../../src/model/sender';
import { statusStore } from '../store/status';
import { apiBase } from './token';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * An API refusal that may point at fields: `rules[0].conditions[1].value` (INVALID_ENDPOINT),
 * `params[2].pattern` (INVALID_PROFILE), `secret` (INVALID_SECRET), `ignore[2]` (INVALID_IGNORE_RULES)…
 * Every refusal is one, so forms map server errors back the same way (no fields: an empty list).
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

/** `POST /api/send` answered 422 SEND_REFUSED: the problems, and the preview that shows where they are. */
export class SendRefusedApiError extends FieldApiError {
  constructor(
    message: string,
    readonly problems: SendProblem[],
    readonly preview: SendPreview | null,
  ) {
    super(message, 422, 'SEND_REFUSED', []);
    this.name = 'SendRefusedApiError';
  }
}

let token: string | null = null;
let onUnauthorized: () => void = () => {};

export function configureClient(options: { token: string; onUnauthorized: () => void }): void {
  token = options.token;
  onUnauthorized = options.onUnauthorized;
}

export function authHeaders(): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The stale-token answer, wherever it came from (a request or an event stream). */
export function reportUnauthorized(): void {
  statusStore.setState({ unauthorized: true });
  onUnauthorized();
}

const unreachable = (): FieldApiError => new FieldApiError('The inspector is not reachable. Is `postback-inspector serve` still running?', 0, null, []);

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { ...init, headers: { ...authHeaders(), ...init.headers } });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw unreachable();
  }
  if (res.ok) return res;
  if (res.status === 401) reportUnauthorized();
  throw await toError(res);
}

async function toError(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`.trim();
  let code: string | null = null;
  let fields: FieldError[] = [];
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown; fields?: unknown; problems?: unknown } | string; message?: unknown; preview?: unknown };
    const err = typeof body.error === 'object' ? body.error : null;
    if (typeof err?.message === 'string') message = err.message;
    else if (typeof body.error === 'string') message = body.error;
    else if (typeof body.message === 'string') message = body.message;
    if (typeof err?.code === 'string') code = err.code;
    if (code === 'SEND_REFUSED') {
      const problems = Array.isArray(err?.problems) ? (err.problems as SendProblem[]) : [];
      return new SendRefusedApiError(message, problems, (body.preview as SendPreview | null | undefined) ?? null);
    }
    if (Array.isArray(err?.fields)) {
      fields = err.fields.filter((f): f is FieldError => typeof f === 'object' && f !== null && typeof f.field === 'string' && typeof f.message === 'string');
    }
  } catch {
    // Not JSON: the status line is all we have.
  }
  return new FieldApiError(message, res.status, code, fields);
}

export const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
