/**
 * A Postman URL (string, or the object Postman keeps beside its `raw` text) → the URL text of a
 * template, as Postman would send it: built from the parts when they are there (disabled query
 * parameters left out, `:name` path variables filled from `url.variable`), else the raw text.
 * `{{variables}}` stay as they are; the Composer reads them as macros.
 */
import type { PostmanUrl } from './postman-types.js';

const hasScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;

function fromParts(url: Exclude<PostmanUrl, string>): string {
  const host = Array.isArray(url.host) ? url.host.join('.') : (url.host ?? '');
  const values = new Map((url.variable ?? []).filter((v) => v.key && v.value !== undefined && v.value !== null && v.value !== '').map((v) => [v.key!, String(v.value)]));
  const segments = typeof url.path === 'string' ? url.path.replace(/^\//, '').split('/') : (url.path ?? []).map((s) => (typeof s === 'string' ? s : (s.value ?? '')));
  const path = segments.map((s) => (s.startsWith(':') && values.has(s.slice(1)) ? values.get(s.slice(1))! : s));
  const query = (url.query ?? []).filter((q) => q.disabled !== true).map((q) => (q.value === null || q.value === undefined ? (q.key ?? '') : `${q.key ?? ''}=${q.value}`));
  return `${url.protocol ? `${url.protocol.replace(/:?\/*$/, '')}://` : ''}${host}${url.port ? `:${url.port}` : ''}${path.length ? `/${path.join('/')}` : ''}${query.length ? `?${query.join('&')}` : ''}${url.hash ? `#${url.hash}` : ''}`;
}

/** `extraQuery`: parameters an API-key auth adds, appended as Postman appends them. */
export function urlText(url: PostmanUrl, extraQuery: ReadonlyArray<[string, string]> = []): string {
  let text = typeof url === 'string' ? url : url.host !== undefined ? fromParts(url) : (url.raw ?? '');
  text = text.trim();
  // Postman sends a URL typed without a scheme over http; one that starts with a variable carries its own.
  if (text !== '' && !hasScheme.test(text) && !text.startsWith('{{')) text = `http://${text}`;
  if (extraQuery.length === 0) return text;
  const hash = text.indexOf('#');
  const [base, fragment] = hash < 0 ? [text, ''] : [text.slice(0, hash), text.slice(hash)];
  const added = extraQuery.map(([k, v]) => `${k}=${v}`).join('&');
  return `${base}${base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?'}${added}${fragment}`;
}
