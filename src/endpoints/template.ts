import { randomUUID } from 'node:crypto';
import type { RequestView } from './request-view.js';

/**
 * Response templates: `{{namespace.key}}` placeholders filled from the request.
 * Parsed once when an endpoint is saved (so errors point at the field), rendered per request.
 */
type Part = { literal: string } | { namespace: string; key: string };

export interface CompiledTemplate {
  render(request: RequestView): string;
  /** Whether the template reads anything (plain bodies skip rendering). */
  readonly dynamic: boolean;
}

const namespaces: Record<string, { needsKey: boolean; help: string }> = {
  query: { needsKey: true, help: 'query param value' },
  header: { needsKey: true, help: 'request header value' },
  form: { needsKey: true, help: 'form field value' },
  json: { needsKey: true, help: 'JSON body field by dotted path' },
  path: { needsKey: true, help: 'path parameter from the pattern' },
  method: { needsKey: false, help: 'request method' },
  url: { needsKey: false, help: 'raw request target' },
  body: { needsKey: false, help: 'request body as text' },
  requestNumber: { needsKey: false, help: 'n-th request to this endpoint' },
  now: { needsKey: false, help: 'unix seconds' },
  nowMs: { needsKey: false, help: 'unix milliseconds' },
  iso: { needsKey: false, help: 'ISO-8601 time' },
  uuid: { needsKey: false, help: 'random UUID' },
};

export function compileTemplate(source: string): CompiledTemplate {
  const parts: Part[] = [];
  let cursor = 0;
  while (cursor < source.length) {
    const open = source.indexOf('{{', cursor);
    if (open < 0) break;
    const close = source.indexOf('}}', open + 2);
    if (close < 0) throw new Error(`"{{" at character ${open + 1} is never closed with "}}"`);
    if (open > cursor) parts.push({ literal: source.slice(cursor, open) });
    const expression = source.slice(open + 2, close).trim();
    const dot = expression.indexOf('.');
    const namespace = dot < 0 ? expression : expression.slice(0, dot);
    const key = dot < 0 ? '' : expression.slice(dot + 1);
    const known = namespaces[namespace];
    if (!known) throw new Error(`unknown placeholder "{{${expression}}}"; use one of ${Object.keys(namespaces).join(', ')}`);
    if (known.needsKey && key === '') throw new Error(`"{{${namespace}}}" needs a name, e.g. {{${namespace}.click_id}}`);
    parts.push({ namespace, key });
    cursor = close + 2;
  }
  if (cursor < source.length) parts.push({ literal: source.slice(cursor) });
  const dynamic = parts.some((p) => !('literal' in p));
  return {
    dynamic,
    render: (request) => (dynamic ? parts.map((p) => ('literal' in p ? p.literal : valueOf(p, request))).join('') : source),
  };
}

function valueOf(part: { namespace: string; key: string }, request: RequestView): string {
  switch (part.namespace) {
    case 'query':
      return request.query(part.key) ?? '';
    case 'header':
      return request.header(part.key) ?? '';
    case 'form':
      return request.form(part.key) ?? '';
    case 'json': {
      return request.json(part.key) ?? '';
    }
    case 'path':
      return request.pathParams[part.key] ?? '';
    case 'method':
      return request.method;
    case 'url':
      return request.target;
    case 'body':
      return request.text();
    case 'requestNumber':
      return String(request.requestNumber);
    case 'now':
      return String(Math.floor(Date.now() / 1000));
    case 'nowMs':
      return String(Date.now());
    case 'iso':
      return new Date().toISOString();
    case 'uuid':
      return randomUUID();
    default:
      return '';
  }
}
