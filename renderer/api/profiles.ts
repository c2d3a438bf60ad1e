import type { FieldError } from '../../src/model/endpoint';
import type { Profile, ProfilePreset, SecretEncodingName, SecretInfo, SecretKind } from '../../src/model/profile';
import { statusStore } from '../store/status';
import { ApiError, authHeaders } from './client';
import { apiBase } from './token';

/**
 * An API refusal that may point at fields: `params[2].pattern` (INVALID_PROFILE), `secret`
 * (INVALID_SECRET), `raw` / `options` (INVALID_VERIFY_REQUEST).
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

async function request(path: string, init: RequestInit = {}): Promise<Response> {
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

export const send = (method: string, body: unknown, signal?: AbortSignal): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
  ...(signal ? { signal } : {}),
});

/** What `PUT /api/profiles/:id/secret` takes. The value goes out once and never comes back. */
export interface SecretWrite {
  secret: string;
  encoding: SecretEncodingName;
  kind: SecretKind;
}

export const profilesApi = {
  list: () => requestJson<Profile[]>('/api/profiles'),
  get: (id: number) => requestJson<Profile>(`/api/profiles/${id}`),
  /** The body is sent as is (the JSON tab may hold anything): the server validates. */
  create: (input: unknown) => requestJson<Profile>('/api/profiles', send('POST', input)),
  update: (id: number, input: unknown) => requestJson<Profile>(`/api/profiles/${id}`, send('PUT', input)),
  remove: (id: number) => request(`/api/profiles/${id}`, { method: 'DELETE' }).then(() => undefined),
  /** Answers the masked form only. */
  setSecret: (id: number, secret: SecretWrite) => requestJson<SecretInfo>(`/api/profiles/${id}/secret`, send('PUT', secret)),
  clearSecret: (id: number) => request(`/api/profiles/${id}/secret`, { method: 'DELETE' }).then(() => undefined),
  presets: () => requestJson<ProfilePreset[]>('/api/profile-presets'),
  addPreset: (presetId: string) => requestJson<Profile>(`/api/profile-presets/${encodeURIComponent(presetId)}`, { method: 'POST' }),
};

export function fieldErrorsOf(err: unknown): FieldError[] {
  return err instanceof FieldApiError ? err.fields : [];
}
