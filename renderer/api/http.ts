/**
 * The renderer's one way to call the control API: the token on every request, one error shape
 * (src/errors.ts: `{ error: { code, message, fields?, line?, col?, problems? }, preview? }`) turned
 * into one error class family, and one answer to a 401 (the token is stale: every view must know).
 */
import type { FieldError } from '../../src/model/endpoint';
import type { SendPreview, SendProblem } from '../../src/model/sender';
import type { TextPosition } from '../../src/shared/api/index';
import { statusStore } from '../store/status';
import { readRefusal } from './refusal';
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
 * `at`: where in a text the request carried the problem is (INVALID_PLAN's line and column).
 */
export class FieldApiError extends ApiError {
  constructor(
    message: string,
    status: number,
    code: string | null,
    readonly fields: FieldError[],
    readonly at: TextPosition | null = null,
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
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: the status line is all we have.
  }
  const r = readRefusal(`${res.status} ${res.statusText}`.trim(), body);
  if (r.code === 'SEND_REFUSED') return new SendRefusedApiError(r.message, r.problems, r.preview);
  return new FieldApiError(r.message, res.status, r.code, r.fields, r.at);
}

export const withSignal = (signal?: AbortSignal): RequestInit => (signal ? { signal } : {});

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
