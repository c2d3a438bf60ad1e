/**
 * A request's effective auth (its own, else its folder's, else the collection's, as Postman
 * inherits it) as headers or query parameters, where that can be exactly what Postman sends.
 * Schemes computed per send (OAuth 1 signatures, Digest, AWS SigV4, Hawk…) cannot; neither can
 * Basic over `{{variables}}` (the base64 would be taken before they are resolved). Those become a
 * warning naming what to add by hand, never a guessed header.
 */
import type { PostmanAuth } from './postman-types.js';

export interface AuthResult {
  headers: Array<[string, string]>;
  query: Array<[string, string]>;
  warning: string | null;
}

function param(auth: PostmanAuth, name: string): string | undefined {
  const params = auth[auth.type];
  const value = Array.isArray(params) ? (params as Array<{ key: string; value?: unknown }>).find((p) => p.key === name)?.value : (params as Record<string, unknown> | undefined)?.[name];
  return value === undefined || value === null ? undefined : String(value);
}

export function authParts(auth: PostmanAuth | null): AuthResult {
  const none: AuthResult = { headers: [], query: [], warning: null };
  if (!auth || auth.type === 'noauth') return none;
  switch (auth.type) {
    case 'bearer':
      return { ...none, headers: [['Authorization', `Bearer ${param(auth, 'token') ?? ''}`]] };
    case 'basic': {
      const user = param(auth, 'username') ?? '';
      const password = param(auth, 'password') ?? '';
      if (/\{\{/.test(user + password)) return { ...none, warning: 'Basic auth uses {{variables}}: its base64 cannot be computed before they are resolved, so no Authorization header was added (add one by hand)' };
      return { ...none, headers: [['Authorization', `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`]] };
    }
    case 'apikey': {
      const pair: [string, string] = [param(auth, 'key') ?? '', param(auth, 'value') ?? ''];
      if (pair[0] === '') return { ...none, warning: 'API key auth has no key name: nothing was added' };
      return param(auth, 'in') === 'query' ? { ...none, query: [pair] } : { ...none, headers: [pair] };
    }
    default:
      return { ...none, warning: `${auth.type} auth is computed per request by Postman and is not imported: add its header by hand` };
  }
}
